import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { SaleEntry } from '../../src-main/features/sales/contract';
import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { freshStore, type TestStore } from '../helpers/store';
import { applySaleWrite, dayOf, everySaleWrite, pick, saleWrites } from '../helpers/randomWrites';
import { expectFactsRecomputed, factRows } from './techniqueFactsCheck';

/**
 * What works' per-technique per-day tables (db/techniqueFacts.ts) are kept by triggers and by
 * an import's one-pass fold. After every kind of write the app makes, through its own
 * handlers (a sale added, edited in its techniques, status, money or dates, deleted; a
 * technique added, renamed, merged; a check-in answered or skipped; an import and its undo;
 * the sample book added and removed; a fresh start), the tables must equal a full
 * recomputation from the sales, links and check-ins.
 */

const saleFields = fc.record({
  status: fc.constantFrom('won' as const, 'won' as const, 'lost' as const, 'open' as const),
  opened: fc.integer({ min: 0, max: 200 }),
  length: fc.integer({ min: 0, max: 57 }),
  currency: fc.constantFrom('EUR', 'EUR', 'USD'),
  amount: fc.integer({ min: 0, max: 900_000 }),
  satisfaction: fc.option(fc.integer({ min: 1, max: 5 })),
  nps: fc.option(fc.integer({ min: 0, max: 10 })),
  techniques: fc.uniqueArray(fc.nat({ max: 9 }), { maxLength: 3 }),
});
type SaleFields = typeof saleFields extends fc.Arbitrary<infer S> ? S : never;

const importRow = fc.record({
  day: fc.integer({ min: 0, max: 250 }),
  status: fc.constantFrom('won', 'lost', 'open'),
  currency: fc.constantFrom('EUR', 'USD'),
  techniques: fc.uniqueArray(fc.nat({ max: 9 }), { maxLength: 3 }),
  satisfaction: fc.option(fc.integer({ min: 1, max: 5 })),
});
type ImportRow = typeof importRow extends fc.Arbitrary<infer R> ? R : never;

const techniqueWrites = [
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addTechnique' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renameTechnique' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('mergeTechniques' as const), from: fc.nat(), into: fc.nat() }),
  },
] as const;
const write = fc.oneof(...saleWrites(saleFields, importRow), ...techniqueWrites);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

/** The i-th of `list` (wrapping), or undefined when it is empty. */
/** Applies `w`; false when there was nothing to apply it to (no sale, no technique, …). */
async function apply(t: TestStore, w: Write, n: number): Promise<boolean> {
  const h = t.handlers;
  const sqlite = t.store.sqlite;
  const techniques = sqlite.prepare('SELECT id FROM techniques ORDER BY id').pluck().all() as number[];
  switch (w.kind) {
    case 'addTechnique':
      await h['techniques.create'](TechniqueInput.parse({ name: `Technique ${n}` }));
      return true;
    case 'renameTechnique': {
      const id = pick(techniques, w.pick);
      if (id === undefined) return false;
      await h['techniques.update']({ id, ...TechniqueInput.parse({ name: `Renamed ${n}` }) });
      return true;
    }
    case 'mergeTechniques': {
      const [from, into] = [pick(techniques, w.from), pick(techniques, w.into)];
      if (from === undefined || into === undefined || from === into) return false;
      await h['techniques.merge']({ from, into });
      return true;
    }
  }
  const names = sqlite.prepare('SELECT name FROM techniques ORDER BY id').pluck().all() as string[];
  return applySaleWrite<SaleFields, ImportRow>(t, w, n, {
    sale: (s) => {
      const decided = s.status !== 'open';
      return SaleEntry.parse({
        title: `Deal ${n}`,
        customerId: 1,
        amountMinor: s.amount,
        currency: s.currency,
        status: s.status,
        openedOn: dayOf(s.opened),
        closedOn: decided ? dayOf(s.opened + s.length) : null,
        satisfaction: decided ? s.satisfaction : null,
        nps: decided ? s.nps : null,
        techniqueIds: s.techniques.flatMap((i) => (techniques.length === 0 ? [] : [pick(techniques, i)!])),
      });
    },
    csv: (rows) =>
      [
        'Date,Customer,Amount,Currency,Status,Technique,Satisfaction',
        ...rows.map((r, i) =>
          [
            dayOf(r.day),
            `Imported ${i % 3}`,
            `${10 + i}.50`,
            r.currency,
            r.status,
            // Names of techniques in the book, and new ones the import adds.
            r.techniques.map((k) => pick(names, k) ?? `New ${k}`).join(';'),
            r.status === 'open' ? '' : (r.satisfaction ?? ''),
          ].join(','),
        ),
        '',
      ].join('\n'),
  });
}

describe('what works: the per-day tables after every kind of write (property, real SQLite, handlers)', () => {
  it('equal a full recomputation from the sales after each write', async () => {
    /** Comparisons of tables holding rows. */
    let counted = 0;
    /** The kinds of write that were made (not refused, not without a row to act on), over all runs. */
    const made = new Set<Write['kind']>();
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 14 }), async (writes) => {
        const t = await freshStore();
        try {
          t.store.sqlite
            .prepare(
              `INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ann', 'ann', 'x', 'x')`,
            )
            .run();
          for (const name of ['SPIN', 'Demo', 'Referral'])
            await t.handlers['techniques.create'](TechniqueInput.parse({ name }));
          for (const [n, w] of writes.entries()) {
            try {
              if (await apply(t, w, n)) made.add(w.kind);
            } catch (error) {
              // A write the app refuses (a date before its sale, say) must leave the tables as they were.
              if (!(error instanceof AppError)) throw error;
            }
            await expectFactsRecomputed(t.store.sqlite, t.store.db, `after write ${n}: ${JSON.stringify(w)}`);
            if (Object.values(factRows(t.store.sqlite)).some((rows) => rows.length > 0)) counted++;
          }
        } finally {
          await t.cleanup();
        }
      }),
      {
        numRuns: 40,
        examples: [
          [
            [
              { kind: 'addTechnique' },
              ...everySaleWrite<SaleFields, ImportRow>(
                {
                  status: 'won',
                  opened: 240,
                  length: 5,
                  currency: 'EUR',
                  amount: 50_000,
                  satisfaction: 4,
                  nps: 8,
                  techniques: [0, 1],
                },
                { day: 120, status: 'won', currency: 'EUR', techniques: [0, 5], satisfaction: 5 },
              ),
              { kind: 'renameTechnique', pick: 0 },
              { kind: 'mergeTechniques', from: 1, into: 2 },
            ],
          ],
        ],
      },
    );
    // Many comparisons are of tables with rows, and every kind of write was made.
    expect(counted).toBeGreaterThan(60);
    expect([...made].sort()).toEqual(
      ['addSale', 'editSale', 'deleteSale', 'addTechnique', 'renameTechnique', 'mergeTechniques', 'answerCheckIn', 'skipCheckIn', 'import', 'undoImport'].sort(), // prettier-ignore
    );
  }, 240_000);

  it('equal a recomputation after the sample book is added, edited, removed, and after a fresh start', async () => {
    const t = await freshStore();
    try {
      const { store, handlers: h } = t;
      const check = (after: string) => expectFactsRecomputed(store.sqlite, store.db, after);
      await h['techniques.create'](TechniqueInput.parse({ name: 'Mine' }));
      await h['onboarding.start']({ mode: 'sample' });
      expect(factRows(store.sqlite).technique_decided_days!.length).toBeGreaterThan(100);
      await check('sample added');
      // The seller's own sale beside the sample, with a sample technique and their own.
      const [mine, sampled] = [
        store.sqlite.prepare("SELECT id FROM techniques WHERE name = 'Mine'").pluck().get() as number,
        store.sqlite.prepare('SELECT id FROM techniques WHERE sample = 1 LIMIT 1').pluck().get() as number,
      ];
      const customer = store.sqlite.prepare('SELECT id FROM customers LIMIT 1').pluck().get() as number;
      const own = await h['sales.create'](
        SaleEntry.parse({
          title: 'Own',
          newCustomer: { name: 'Own customer' },
          amountMinor: 12_300,
          currency: 'EUR',
          status: 'won',
          openedOn: '2026-05-01',
          closedOn: '2026-06-01',
          satisfaction: 5,
          techniqueIds: [mine, sampled],
        }),
      );
      const sampleSale = store.sqlite
        .prepare('SELECT id FROM sales WHERE customer_id = ? LIMIT 1')
        .pluck()
        .get(customer);
      await h['sales.delete']({ id: sampleSale as number });
      await check('own sale added, a sample sale deleted');
      const sampleTechniques = store.sqlite
        .prepare('SELECT id FROM techniques WHERE sample = 1 ORDER BY id')
        .pluck()
        .all() as number[];
      await h['techniques.merge']({ from: sampleTechniques[0]!, into: mine });
      await check('a sample technique merged into the seller’s own');
      await h['onboarding.removeSample']({});
      await check('sample removed');
      expect(
        store.sqlite.prepare('SELECT sum(closed) FROM technique_decided_days').pluck().get(),
        'the seller’s own sale stays counted',
      ).toBeGreaterThanOrEqual(1);
      expect((await h['sales.get']({ id: own.id })).techniques.length).toBeGreaterThan(0);
      await h['onboarding.start']({ mode: 'sample' });
      await check('sample added again');
      await h['onboarding.startAfresh']({ confirm: 'remove-everything' });
      await check('fresh start');
      for (const rows of Object.values(factRows(store.sqlite))) expect(rows).toEqual([]);
    } finally {
      await t.cleanup();
    }
  }, 120_000);
});
