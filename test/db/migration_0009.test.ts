import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src-main/db/connection';
import type { DB } from '../../src-main/db/schema';
import { backupDatabase, restoreDatabase } from '../../src-main/features/exchange/backup';
import {
  checkInRatingsByTechnique,
  checkInRatingsByTechniqueFromSales,
  decidedSalesByTechnique,
  decidedSalesByTechniqueFromSales,
  multiTechniqueSales,
  multiTechniqueSalesFromSales,
  openSalesByTechnique,
  openSalesByTechniqueFromSales,
} from '../../src-main/features/metrics/facts';
import { SaleEntry } from '../../src-main/features/sales/contract';
import { TechniqueInput } from '../../src-main/features/techniques/contract';
import { databaseAt, type MigrationDb } from '../helpers/migrations';
import { FIXED_NOW, tempDir, testHandlers } from '../helpers/store';
import { expectFactsRecomputed, factRows } from '../metrics/techniqueFactsCheck';

/**
 * A version-8 book: three techniques, sales of every status with ids far apart (the fill
 * runs 20,000 ids a pass), one naming two techniques, one naming none, in two currencies, and
 * check-ins answered, pending, and of a sale without techniques.
 */
const V8_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ann', 'ann', 'x', 'x');
  INSERT INTO techniques (id, name, created_at) VALUES (1, 'SPIN', 'x'), (2, 'Demo', 'x'), (3, 'Unused', 'x');
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, satisfaction, nps,
    created_at, updated_at) VALUES
    (1, 'a', 1, 1000, 'EUR', 'won', '2026-01-05', '2026-01-15', 4, 9, 'x', 'x'),
    (25000, 'b', 1, 2500, 'EUR', 'won', '2026-01-10', '2026-01-15', NULL, 3, 'x', 'x'),
    (50000, 'c', 1, 700, 'USD', 'won', '2026-02-01', '2026-03-03', 5, NULL, 'x', 'x'),
    (75000, 'd', 1, 400, 'EUR', 'lost', '2026-02-10', '2026-02-20', NULL, NULL, 'x', 'x'),
    (90000, 'e', 1, 900, 'EUR', 'open', '2026-03-01', NULL, NULL, NULL, 'x', 'x'),
    (90001, 'f', 1, 300, 'EUR', 'won', '2026-03-01', '2026-03-02', 2, 10, 'x', 'x');
  INSERT INTO sale_techniques (sale_id, technique_id) VALUES (1, 1), (1, 2), (25000, 1), (50000, 2), (75000, 1),
    (90000, 2);
  INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat, nps,
    created_at, updated_at) VALUES
    (1, 1, 1, 7, '2026-01-22', '2026-01-22', 'done', '2026-01-23', 5, 10, 'x', 'x'),
    (2, 50000, 1, 7, '2026-03-10', '2026-03-10', 'done', '2026-03-11', NULL, 6, 'x', 'x'),
    (3, 25000, 1, 7, '2026-01-22', '2026-01-22', 'pending', NULL, NULL, NULL, 'x', 'x'),
    (4, 90001, 1, 7, '2026-03-09', '2026-03-09', 'done', '2026-03-09', 3, 8, 'x', 'x');`;

const RANGES = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-01-15', to: '2026-02-28' },
  { from: '2026-03-01', to: '2026-03-31' },
];

/** The tables answer every range exactly as the sales themselves do. */
async function expectSameAsSales(db: Kysely<DB>): Promise<void> {
  for (const range of RANGES)
    for (const currency of ['EUR', null]) {
      const f = { currency };
      expect(await decidedSalesByTechnique(db, range, f)).toEqual(await decidedSalesByTechniqueFromSales(db, range, f));
      expect(await openSalesByTechnique(db, range, f)).toEqual(await openSalesByTechniqueFromSales(db, range, f));
      expect(await checkInRatingsByTechnique(db, range, f)).toEqual(
        await checkInRatingsByTechniqueFromSales(db, range, f),
      );
      expect(await multiTechniqueSales(db, range, f)).toBe(await multiTechniqueSalesFromSales(db, range, f));
    }
}

describe('migration 0009 (technique facts)', () => {
  it('fills the tables from the sales, links and check-ins already there', async () => {
    const m: MigrationDb = await databaseAt(8, V8_BOOK);
    await migrate(m.db, 8, 9);
    const rows = factRows(m.sqlite);
    // Worked out by hand from V8_BOOK.
    expect(rows.technique_decided_days).toEqual([
      // Sales 1 (won 1000, answers 4 / 9) and 25000 (won 2500, NPS 3) for SPIN; sale 1 for Demo.
      { day: '2026-01-15', technique_id: 1, currency: 'EUR', closed: 2, won: 2, won_amount: 3500, satisfaction_answers: 1, satisfaction_sum: 4, nps_answers: 2, promoters: 1, detractors: 1 }, // prettier-ignore
      { day: '2026-01-15', technique_id: 2, currency: 'EUR', closed: 1, won: 1, won_amount: 1000, satisfaction_answers: 1, satisfaction_sum: 4, nps_answers: 1, promoters: 1, detractors: 0 }, // prettier-ignore
      { day: '2026-02-20', technique_id: 1, currency: 'EUR', closed: 1, won: 0, won_amount: 0, satisfaction_answers: 0, satisfaction_sum: 0, nps_answers: 0, promoters: 0, detractors: 0 }, // prettier-ignore
      { day: '2026-03-03', technique_id: 2, currency: 'USD', closed: 1, won: 1, won_amount: 700, satisfaction_answers: 1, satisfaction_sum: 5, nps_answers: 0, promoters: 0, detractors: 0 }, // prettier-ignore
    ]);
    expect(rows.technique_close_times_days).toEqual([
      { day: '2026-01-15', technique_id: 1, days: 5, sales: 1 },
      { day: '2026-01-15', technique_id: 1, days: 10, sales: 1 },
      { day: '2026-01-15', technique_id: 2, days: 10, sales: 1 },
      { day: '2026-02-20', technique_id: 1, days: 10, sales: 1 },
      { day: '2026-03-03', technique_id: 2, days: 30, sales: 1 },
    ]);
    expect(rows.technique_close_times_months).toEqual([
      { month: '2026-01', technique_id: 1, days: 5, sales: 1 },
      { month: '2026-01', technique_id: 1, days: 10, sales: 1 },
      { month: '2026-01', technique_id: 2, days: 10, sales: 1 },
      { month: '2026-02', technique_id: 1, days: 10, sales: 1 },
      { month: '2026-03', technique_id: 2, days: 30, sales: 1 },
    ]);
    expect(rows.technique_open_days).toEqual([{ day: '2026-03-01', technique_id: 2, sales: 1 }]);
    // Check-in 1 counts for both of sale 1's techniques; 4's sale names none, 3 is pending.
    expect(rows.technique_answer_days).toEqual([
      { day: '2026-01-23', technique_id: 1, satisfaction_answers: 1, satisfaction_sum: 5, nps_answers: 1, promoters: 1, detractors: 0 }, // prettier-ignore
      { day: '2026-01-23', technique_id: 2, satisfaction_answers: 1, satisfaction_sum: 5, nps_answers: 1, promoters: 1, detractors: 0 }, // prettier-ignore
      { day: '2026-03-11', technique_id: 2, satisfaction_answers: 0, satisfaction_sum: 0, nps_answers: 1, promoters: 0, detractors: 1 }, // prettier-ignore
    ]);
    expect(rows.multi_technique_days).toEqual([{ day: '2026-01-15', sales: 1 }]);
    await expectSameAsSales(m.db);

    // The triggers are in place: a write after the migration is followed.
    m.sqlite.exec(`UPDATE sales SET status = 'won', closed_on = '2026-03-20' WHERE id = 90000;
      INSERT INTO sale_techniques VALUES (90001, 3);`);
    await expectSameAsSales(m.db);
    await expectFactsRecomputed(m.sqlite, m.db, 'a write after the migration');
  });

  it('leaves the tables empty on an empty book', async () => {
    const m = await databaseAt(8, '');
    await migrate(m.db, 8, 9);
    for (const rows of Object.values(factRows(m.sqlite))) expect(rows).toEqual([]);
  });
});

describe('a restored backup (technique facts)', () => {
  const techniqueSale = (techniqueIds: number[], status: 'won' | 'lost', closedOn: string) =>
    SaleEntry.parse({
      title: 'Deal',
      newCustomer: { name: 'Bea' },
      amountMinor: 5_000,
      currency: 'EUR',
      status,
      openedOn: '2026-02-01',
      closedOn,
      techniqueIds,
    });

  it('brings its own tables, in step with its sales; an older backup has them filled as it is migrated', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'rapport.sqlite');
      let store = await openDatabase(file, { now: () => FIXED_NOW });
      let h = testHandlers(store);
      const spin = await h['techniques.create'](TechniqueInput.parse({ name: 'SPIN' }));
      await h['sales.create'](techniqueSale([spin.id], 'won', '2026-03-01'));
      const backup = join(dir, 'backup.sqlite');
      await backupDatabase(store.db, store.sqlite, backup);
      const atBackup = factRows(store.sqlite);
      // Written after the backup, so gone once it is restored.
      await h['sales.create'](techniqueSale([spin.id], 'lost', '2026-04-01'));
      expect(factRows(store.sqlite)).not.toEqual(atBackup);
      await store.close();

      await restoreDatabase(file, backup, FIXED_NOW);
      store = await openDatabase(file, { now: () => FIXED_NOW });
      expect(factRows(store.sqlite)).toEqual(atBackup);
      await expectFactsRecomputed(store.sqlite, store.db, 'restore');
      h = testHandlers(store);
      await h['sales.create'](techniqueSale([spin.id], 'lost', '2026-04-02'));
      await expectFactsRecomputed(store.sqlite, store.db, 'a sale added after the restore');
      await store.close();

      // A backup made by a version-8 Rapport: no tables yet, filled when the restored file is opened.
      const old = join(dir, 'v8.sqlite');
      const sqlite = new Database(old);
      const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
      await migrate(db, 0, 8);
      sqlite.exec(V8_BOOK);
      await db.destroy();
      await restoreDatabase(file, old, new Date(FIXED_NOW.getTime() + 60_000));
      store = await openDatabase(file, { now: () => FIXED_NOW });
      try {
        expect(factRows(store.sqlite).technique_decided_days).toHaveLength(4);
        await expectSameAsSales(store.db);
        await expectFactsRecomputed(store.sqlite, store.db, 'restore of a version-8 backup');
      } finally {
        await store.close();
      }
    } finally {
      cleanup();
    }
  });
});
