import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkInRatingsByTechnique,
  checkInRatingsByTechniqueFromSales,
  decidedCountsByTechnique,
  decidedSalesByTechnique,
  decidedSalesByTechniqueFromSales,
  multiTechniqueSales,
  multiTechniqueSalesFromSales,
  openSalesByTechnique,
  openSalesByTechniqueFromSales,
  type MetricFilter,
  type Range,
} from '../../src-main/features/metrics/facts';
import { deferTechniqueFacts, foldTechniqueFacts } from '../../src-main/db/techniqueFacts';
import { addDays } from '../../src-main/shared/dates';
import { undoBatch } from '../../src-main/features/imports/batches';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { contentHash, importFile, writeCsv } from '../imports/helpers';

/**
 * What works reads its unfiltered figures from per-technique per-day tables that triggers keep
 * (migration 0009_technique_facts), and filtered ones from the sales themselves. Over random
 * sales, techniques and check-ins, then random edits of every kind the triggers must follow
 * (a sale's status, dates, money and answers; its techniques linked, unlinked, moved or
 * merged; sales and techniques deleted; check-ins answered, moved or deleted), both sources
 * must give exactly the same facts for any period, in any currency. Sales written as an
 * import writes them (deferred, then added in one pass, with edits before and after) too.
 */

const START = '2026-01-20';
const TECHNIQUES = [1, 2, 3, 4];
const day = (offset: number): string => addDays(START, offset);
/** Sale ids far apart, so a fill runs in several passes (one per 20,000 ids). */
const idOf = (i: number): number => i * 9_973 + 1;

const answer = {
  satisfaction: fc.option(fc.integer({ min: 1, max: 5 })),
  nps: fc.option(fc.integer({ min: 0, max: 10 })),
};
const sale = fc.record({
  status: fc.constantFrom('won' as const, 'won' as const, 'lost' as const, 'open' as const),
  opened: fc.integer({ min: -40, max: 130 }),
  length: fc.integer({ min: 0, max: 45 }),
  currency: fc.constantFrom('EUR', 'EUR', 'USD'),
  amount: fc.integer({ min: 0, max: 500_000 }),
  ...answer,
  techniques: fc.uniqueArray(fc.constantFrom(...TECHNIQUES), { maxLength: 3 }),
});
const checkIn = fc.record({
  sale: fc.nat(),
  status: fc.constantFrom('pending' as const, 'done' as const, 'done' as const, 'skipped' as const),
  completed: fc.integer({ min: -10, max: 180 }),
  ...answer,
});
const edit = fc.oneof(
  fc.record({ kind: fc.constant('sale' as const), sale: fc.nat(), to: sale }),
  fc.record({ kind: fc.constant('deleteSale' as const), sale: fc.nat() }),
  fc.record({ kind: fc.constant('link' as const), sale: fc.nat(), technique: fc.constantFrom(...TECHNIQUES) }),
  fc.record({ kind: fc.constant('unlink' as const), sale: fc.nat(), technique: fc.constantFrom(...TECHNIQUES) }),
  fc.record({
    kind: fc.constant('relink' as const),
    sale: fc.nat(),
    to: fc.nat(),
    technique: fc.constantFrom(...TECHNIQUES),
  }),
  fc.record({
    kind: fc.constant('merge' as const),
    from: fc.constantFrom(...TECHNIQUES),
    into: fc.constantFrom(...TECHNIQUES),
  }),
  fc.record({ kind: fc.constant('checkIn' as const), checkIn: fc.nat(), to: checkIn }),
  fc.record({ kind: fc.constant('deleteCheckIn' as const), checkIn: fc.nat() }),
);
const period = fc
  .record({ from: fc.integer({ min: -50, max: 190 }), length: fc.integer({ min: 0, max: 200 }) })
  .map(({ from, length }): Range => ({ from: day(from), to: day(from + length) }));
const world = fc.record({
  sales: fc.array(sale, { minLength: 1, maxLength: 30 }),
  checkIns: fc.array(checkIn, { maxLength: 20 }),
  edits: fc.array(edit, { maxLength: 12 }),
  // Written as an import writes them: the sales of a batch deferred, then added in one pass
  // after the first `foldAfter` edits.
  imported: fc.boolean(),
  foldAfter: fc.nat({ max: 12 }),
  periods: fc.array(period, { minLength: 1, maxLength: 4 }),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;
type Sale = World['sales'][number];
type CheckIn = World['checkIns'][number];

describe('what works: the per-day tables agree with the sales (property, real SQLite)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await freshStore();
    const db = t.store.sqlite;
    db.prepare(
      `INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ann', 'ann', 'x', 'x')`,
    ).run();
    db.prepare(
      `INSERT INTO import_batches (id, kind, source_name, source_sha256, created_at) VALUES (1, 'sales', 'x', '', 'x')`,
    ).run();
    for (const id of TECHNIQUES)
      db.prepare(`INSERT INTO techniques (id, name, created_at) VALUES (?, ?, 'x')`).run(id, `T${id}`);
  });
  afterAll(() => t.cleanup());

  /** Writes the world and applies its edits, through plain SQL: the triggers must follow any writer. */
  function write(w: World): void {
    const db = t.store.sqlite;
    const run = (statement: string, ...params: unknown[]): void => void db.prepare(statement).run(...params);
    const saleValues = (s: Sale) => ({
      status: s.status,
      opened_on: day(s.opened),
      closed_on: s.status === 'open' ? null : day(s.opened + s.length),
      currency: s.currency,
      amount_minor: s.amount,
      satisfaction: s.status === 'open' ? null : s.satisfaction,
      nps: s.status === 'open' ? null : s.nps,
    });
    const checkInValues = (c: CheckIn) => ({
      status: c.status,
      completed_on: c.status === 'pending' ? null : day(c.completed),
      csat: c.status === 'done' ? c.satisfaction : null,
      nps: c.status === 'done' ? c.nps : null,
    });
    if (w.imported) deferTechniqueFacts(db, 1);
    w.sales.forEach((s, i) => {
      run(
        `INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, satisfaction,
           nps, created_at, updated_at, import_batch_id)
         VALUES (@id, 'Deal', 1, @amount_minor, @currency, @status, @opened_on, @closed_on, @satisfaction, @nps, 'x',
           'x', @batch)`,
        { id: idOf(i), batch: w.imported ? 1 : null, ...saleValues(s) },
      );
      for (const technique of s.techniques) run('INSERT INTO sale_techniques VALUES (?, ?)', idOf(i), technique);
    });
    w.checkIns.forEach((c, i) =>
      run(
        `INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat,
           nps, created_at, updated_at)
         VALUES (@id, @sale, 1, @id, '2026-01-01', '2026-01-01', @status, @completed_on, @csat, @nps, 'x', 'x')`,
        { id: i + 1, sale: idOf(c.sale % w.sales.length), ...checkInValues(c) },
      ),
    );
    const saleId = (n: number): number => idOf(n % w.sales.length);
    const checkInId = (n: number): number => (n % Math.max(1, w.checkIns.length)) + 1;
    for (const [n, e] of w.edits.entries()) {
      if (w.imported && n === w.foldAfter) foldTechniqueFacts(db, 1);
      switch (e.kind) {
        case 'sale':
          run(
            `UPDATE sales SET status = @status, opened_on = @opened_on, closed_on = @closed_on, currency = @currency,
               amount_minor = @amount_minor, satisfaction = @satisfaction, nps = @nps WHERE id = @id`,
            { id: saleId(e.sale), ...saleValues(e.to) },
          );
          break;
        case 'deleteSale':
          run('DELETE FROM sales WHERE id = ?', saleId(e.sale));
          break;
        case 'link':
          run(
            `INSERT OR IGNORE INTO sale_techniques SELECT s.id, t.id FROM sales s, techniques t WHERE s.id = ? AND t.id = ?`,
            saleId(e.sale),
            e.technique,
          );
          break;
        case 'unlink':
          run('DELETE FROM sale_techniques WHERE sale_id = ? AND technique_id = ?', saleId(e.sale), e.technique);
          break;
        case 'relink':
          // Never done by the app: a link moved to another sale in place.
          run(
            `UPDATE OR IGNORE sale_techniques SET sale_id = (SELECT id FROM sales WHERE id = @to)
             WHERE sale_id = @from AND technique_id = @technique AND EXISTS (SELECT 1 FROM sales WHERE id = @to)`,
            { from: saleId(e.sale), to: saleId(e.to), technique: e.technique },
          );
          break;
        case 'merge':
          // As techniques/repository.ts mergeTechniques moves a sale's links, then the technique goes.
          if (e.from === e.into) break;
          run(
            `INSERT OR IGNORE INTO sale_techniques (sale_id, technique_id)
             SELECT sale_id, ? FROM sale_techniques WHERE technique_id = ? AND EXISTS (SELECT 1 FROM techniques WHERE id = ?)`,
            e.into,
            e.from,
            e.into,
          );
          run('DELETE FROM sale_techniques WHERE technique_id = ? AND EXISTS (SELECT 1 FROM techniques WHERE id = ?)', e.from, e.into); // prettier-ignore
          run('DELETE FROM techniques WHERE id = ? AND EXISTS (SELECT 1 FROM techniques WHERE id = ?)', e.from, e.into);
          break;
        case 'checkIn':
          run(
            // OR IGNORE: a check-in of a deleted sale cannot be pending again.
            `UPDATE OR IGNORE check_ins SET status = @status, completed_on = @completed_on, csat = @csat, nps = @nps,
               sale_id = coalesce((SELECT id FROM sales WHERE id = @sale), sale_id) WHERE id = @id`,
            { id: checkInId(e.checkIn), sale: saleId(e.to.sale), ...checkInValues(e.to) },
          );
          break;
        case 'deleteCheckIn':
          run('DELETE FROM check_ins WHERE id = ?', checkInId(e.checkIn));
          break;
      }
    }
    if (w.imported && w.foldAfter >= w.edits.length) foldTechniqueFacts(db, 1);
  }

  const byTechnique = <R extends { techniqueId: number }>(rows: R[]): R[] =>
    [...rows].sort((a, b) => a.techniqueId - b.techniqueId);

  it('give exactly the facts read from the sales, for any period and currency', async () => {
    const db = t.store.db;
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        t.store.sqlite.exec('SAVEPOINT world');
        try {
          write(w);
          // The whole history too, so nothing kept by the triggers can hide outside the periods drawn.
          for (const range of [...w.periods, { from: day(-60), to: day(400) }]) {
            for (const currency of ['EUR', null]) {
              const f: MetricFilter = { currency };
              const fromSales = byTechnique(await decidedSalesByTechniqueFromSales(db, range, f));
              expect(byTechnique(await decidedSalesByTechnique(db, range, f))).toEqual(fromSales);
              expect(byTechnique(await decidedCountsByTechnique(db, range, f))).toEqual(
                fromSales.map(({ days: _, ...counts }) => counts),
              );
            }
            const f: MetricFilter = { currency: 'EUR' };
            expect(byTechnique(await openSalesByTechnique(db, range, f))).toEqual(
              byTechnique(await openSalesByTechniqueFromSales(db, range, f)),
            );
            expect(byTechnique(await checkInRatingsByTechnique(db, range, f))).toEqual(
              byTechnique(await checkInRatingsByTechniqueFromSales(db, range, f)),
            );
            expect(await multiTechniqueSales(db, range, f)).toBe(await multiTechniqueSalesFromSales(db, range, f));
          }
          // Nothing kept that counts nothing: undoing writes leaves the tables as they were.
          for (const [table, counts] of EMPTY)
            expect(t.store.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${counts}`).pluck().get(), table).toBe(
              0,
            );
        } finally {
          t.store.sqlite.exec('ROLLBACK TO world; RELEASE world');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads whole months from the monthly counts and the days around them from the daily ones', async () => {
    const db = t.store.db;
    const w: World = {
      sales: [
        // Closed on the last day of January, the first and last of February, the first of March.
        { ...base, opened: 0, length: 11, techniques: [1] },
        { ...base, opened: 0, length: 12, techniques: [1] },
        { ...base, opened: 10, length: 29, techniques: [1, 2] },
        { ...base, opened: 10, length: 30, status: 'lost', techniques: [2] },
      ],
      checkIns: [],
      edits: [],
      periods: [],
      imported: false,
      foldAfter: 0,
    };
    t.store.sqlite.exec('SAVEPOINT world');
    try {
      write(w);
      const days = async (from: string, to: string) =>
        Object.fromEntries(
          (await decidedSalesByTechnique(db, { from, to }, { currency: 'EUR' })).map((r) => [r.techniqueId, r.days]),
        );
      const once = (...days: number[]) => days.map((d) => [d, 1]);
      expect(await days('2026-01-31', '2026-03-01')).toEqual({ 1: once(11, 12, 29), 2: once(29, 30) });
      expect(await days('2026-02-01', '2026-02-28')).toEqual({ 1: once(12, 29), 2: once(29) });
      expect(await days('2026-02-02', '2026-02-27')).toEqual({});
      expect(await days('2026-01-31', '2026-01-31')).toEqual({ 1: once(11) });
      expect(await days('2026-03-01', '2026-02-01')).toEqual({});
    } finally {
      t.store.sqlite.exec('ROLLBACK TO world; RELEASE world');
    }
  });
});

describe('what works: an import adds its sales in one pass', () => {
  it('counts an imported batch as the sales count it, and an undo takes it back whole', async () => {
    const t = await freshStore();
    try {
      const db = t.store.sqlite;
      db.prepare(`INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ann', 'ann', 'x', 'x')`).run(); // prettier-ignore
      db.prepare(`INSERT INTO techniques (id, name, created_at) VALUES (1, 'SPIN', 'x'), (2, 'Demo', 'x')`).run();
      db.prepare(
        `INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, satisfaction,
           created_at, updated_at) VALUES (1, 'Before', 1, 500, 'EUR', 'won', '2026-01-02', '2026-01-30', 4, 'x', 'x')`,
      ).run();
      db.prepare('INSERT INTO sale_techniques VALUES (1, 1)').run();
      const before = contentHash(db);
      const lines = ['Date,Customer,Amount,Currency,Status,Technique,Satisfaction'];
      for (let i = 0; i < 60; i++)
        lines.push(
          `2026-0${1 + (i % 4)}-${String(1 + ((i * 7) % 28)).padStart(2, '0')},Customer ${i % 7},${10 + i}.00,` +
            `${i % 5 === 0 ? 'USD' : 'EUR'},${['won', 'lost', 'open'][i % 3]},${['SPIN', 'Demo', 'SPIN;Demo', ''][i % 4]},` +
            `${i % 2 === 0 ? (i % 5) + 1 : ''}`,
        );
      const result = await importFile(t, writeCsv(t, 'sales.csv', `${lines.join('\n')}\n`));
      expect(result.inserted).toBe(60);
      expect(db.prepare('SELECT count(*) FROM technique_facts_deferred').pluck().get()).toBe(0);
      const same = async () => {
        for (const range of [
          { from: '2026-01-01', to: '2026-04-30' },
          { from: '2026-01-15', to: '2026-03-10' },
        ]) {
          const f: MetricFilter = { currency: 'EUR' };
          expect(await decidedSalesByTechnique(t.store.db, range, f)).toEqual(
            await decidedSalesByTechniqueFromSales(t.store.db, range, f),
          );
          expect(await openSalesByTechnique(t.store.db, range, f)).toEqual(
            await openSalesByTechniqueFromSales(t.store.db, range, f),
          );
          expect(await multiTechniqueSales(t.store.db, range, f)).toBe(
            await multiTechniqueSalesFromSales(t.store.db, range, f),
          );
        }
      };
      await same();
      expect(await multiTechniqueSales(t.store.db, { from: '2026-01-01', to: '2026-04-30' }, {})).toBe(10);

      await t.store.db.transaction().execute((trx) => undoBatch(trx, result.batch_id!, FIXED_NOW));
      await same();
      db.exec('DELETE FROM import_batches');
      expect(contentHash(db)).toBe(before);
    } finally {
      await t.cleanup();
    }
  });
});

const EMPTY = [
  ['technique_decided_days', 'closed = 0'],
  ['technique_close_times_days', 'sales = 0'],
  ['technique_close_times_months', 'sales = 0'],
  ['technique_open_days', 'sales = 0'],
  ['technique_answer_days', 'satisfaction_answers = 0 AND nps_answers = 0'],
  ['multi_technique_days', 'sales = 0'],
] as const;

const base: Sale = {
  status: 'won',
  opened: 0,
  length: 0,
  currency: 'EUR',
  amount: 1000,
  satisfaction: null,
  nps: null,
  techniques: [],
};
