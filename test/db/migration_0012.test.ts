import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import {
  decidedSalesPerDay,
  decidedSalesPerDayFromSales,
  firstPurchasesPerDay,
  firstPurchasesPerDayFromSales,
  openSalesPerDay,
  openSalesPerDayFromSales,
  ratingsPerDay,
  ratingsPerDayFromSales,
  repeatRevenuePerDay,
  repeatRevenuePerDayFromSales,
} from '../../src-main/features/metrics/facts';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { databaseAt, rows as tableRows, type MigrationDb } from '../helpers/migrations';
import { expectSalesFactsRecomputed } from '../metrics/salesFactsCheck';

/** The tables as migration 0012 made them (0015 reshaped open_sale_days and added others). */
const TABLES_0012 = [
  'sales_day_facts',
  'open_sale_days',
  'check_in_answer_days',
  'customer_purchase_days',
  'buyer_days',
];
const salesFactRows = (sqlite: MigrationDb['sqlite']): Record<string, unknown[]> =>
  Object.fromEntries(TABLES_0012.map((t) => [t, tableRows(sqlite, t)]));

/**
 * A version-11 book: two customers with ids far apart and sales with ids far apart (the fill
 * runs 20,000 ids a pass), of every status, in two currencies, two won sales of one customer on
 * one day; check-ins answered and pending.
 */
const V10_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES
    (1, 'Ann', 'ann', 'x', 'x'), (30000, 'Bob', 'bob', 'x', 'x');
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, satisfaction, nps,
    created_at, updated_at) VALUES
    (1, 'a', 1, 1000, 'EUR', 'won', '2026-01-05', '2026-01-15', 4, 9, 'x', 'x'),
    (25000, 'b', 1, 2500, 'EUR', 'won', '2026-01-10', '2026-01-15', NULL, 3, 'x', 'x'),
    (50000, 'c', 1, 700, 'USD', 'won', '2026-02-01', '2026-03-03', 5, NULL, 'x', 'x'),
    (75000, 'd', 30000, 400, 'EUR', 'lost', '2026-02-10', '2026-02-20', NULL, NULL, 'x', 'x'),
    (90000, 'e', 30000, 900, 'EUR', 'open', '2026-03-01', NULL, NULL, NULL, 'x', 'x'),
    (90001, 'f', 30000, 300, 'EUR', 'won', '2026-03-01', '2026-03-02', 2, 10, 'x', 'x');
  INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat, nps,
    created_at, updated_at) VALUES
    (1, 1, 1, 7, '2026-01-22', '2026-01-22', 'done', '2026-01-23', 5, 10, 'x', 'x'),
    (2, 50000, 1, 7, '2026-03-10', '2026-03-10', 'done', '2026-03-11', NULL, 6, 'x', 'x'),
    (3, 25000, 1, 7, '2026-01-22', '2026-01-22', 'pending', NULL, NULL, NULL, 'x', 'x');`;

async function expectSameAsSales(m: MigrationDb): Promise<void> {
  const range = { from: '2026-01-01', to: '2026-12-31' };
  for (const currency of ['EUR', 'USD', null]) {
    const f = { currency };
    expect(await repeatRevenuePerDay(m.db, range, f)).toEqual(await repeatRevenuePerDayFromSales(m.db, range, f));
  }
  expect(await decidedSalesPerDay(m.db, range, {})).toEqual(await decidedSalesPerDayFromSales(m.db, range, {}));
  expect(await firstPurchasesPerDay(m.db, range, {})).toEqual(await firstPurchasesPerDayFromSales(m.db, range, {}));
  expect(await openSalesPerDay(m.db, range, {})).toEqual(await openSalesPerDayFromSales(m.db, range, {}));
  expect(await ratingsPerDay(m.db, range, {})).toEqual(await ratingsPerDayFromSales(m.db, range, {}));
}

describe('migration 0012 (sales facts)', () => {
  it('fills the tables from the sales and check-ins already there', async () => {
    const m = await databaseAt(11, V10_BOOK);
    await migrate(m.db, 11, 12);
    const rows = salesFactRows(m.sqlite);
    // Worked out by hand from V10_BOOK.
    expect(rows.sales_day_facts).toEqual([
      // Ann's first two sales (1000 and 2500, answers 4 / 9 and – / 3): her first purchase is sale 1.
      { day: '2026-01-15', currency: 'EUR', won: 2, lost: 0, won_amount: 3500, satisfaction_answers: 1, satisfaction_sum: 4, nps_answers: 2, promoters: 1, detractors: 1, first_customers: 1, first_amount: 1000 }, // prettier-ignore
      { day: '2026-02-20', currency: 'EUR', won: 0, lost: 1, won_amount: 0, satisfaction_answers: 0, satisfaction_sum: 0, nps_answers: 0, promoters: 0, detractors: 0, first_customers: 0, first_amount: 0 }, // prettier-ignore
      { day: '2026-03-02', currency: 'EUR', won: 1, lost: 0, won_amount: 300, satisfaction_answers: 1, satisfaction_sum: 2, nps_answers: 1, promoters: 1, detractors: 0, first_customers: 1, first_amount: 300 }, // prettier-ignore
      { day: '2026-03-03', currency: 'USD', won: 1, lost: 0, won_amount: 700, satisfaction_answers: 1, satisfaction_sum: 5, nps_answers: 0, promoters: 0, detractors: 0, first_customers: 0, first_amount: 0 }, // prettier-ignore
    ]);
    expect(rows.open_sale_days).toEqual([{ day: '2026-03-01', sales: 1 }]);
    expect(rows.check_in_answer_days).toEqual([
      { day: '2026-01-23', satisfaction_answers: 1, satisfaction_sum: 5, nps_answers: 1, promoters: 1, detractors: 0 },
      { day: '2026-03-11', satisfaction_answers: 0, satisfaction_sum: 0, nps_answers: 1, promoters: 0, detractors: 1 },
    ]);
    expect(rows.customer_purchase_days).toEqual([
      // Two sales on her first day make it a repeat purchase already.
      { customer_id: 1, day: '2026-01-15', sales: 2, prev_day: null, repeat: 1, prev_repeat: null, first_amount: 1000, first_currency: 'EUR' }, // prettier-ignore
      { customer_id: 1, day: '2026-03-03', sales: 1, prev_day: '2026-01-15', repeat: 1, prev_repeat: '2026-01-15', first_amount: null, first_currency: null }, // prettier-ignore
      { customer_id: 30000, day: '2026-03-02', sales: 1, prev_day: null, repeat: 0, prev_repeat: null, first_amount: 300, first_currency: 'EUR' }, // prettier-ignore
    ]);
    expect(rows.buyer_days).toEqual([
      { day: '2026-01-15', repeat: 0, since: '', customers: 1 },
      { day: '2026-01-15', repeat: 1, since: '', customers: 1 },
      { day: '2026-03-02', repeat: 0, since: '', customers: 1 },
      { day: '2026-03-03', repeat: 0, since: '2026-01', customers: 1 },
      { day: '2026-03-03', repeat: 1, since: '2026-01', customers: 1 },
    ]);
    await expectSameAsSales(m);

    // The triggers are in place: writes after the migration are followed.
    m.sqlite.exec(`UPDATE sales SET status = 'won', closed_on = '2026-01-10' WHERE id = 90000;
      UPDATE sales SET customer_id = 30000 WHERE id = 1;
      UPDATE check_ins SET status = 'done', completed_on = '2026-01-30', csat = 1 WHERE id = 3;
      DELETE FROM sales WHERE id = 25000;`);
    await expectSameAsSales(m);
    expect(salesFactRows(m.sqlite).open_sale_days, 'the open sale was won').toEqual([]);
    expect(
      m.sqlite.prepare('SELECT day FROM customer_purchase_days WHERE customer_id = 30000 AND prev_day IS NULL').get(),
      'Bob’s first purchase is now the sale that closed on 2026-01-10',
    ).toEqual({ day: '2026-01-10' });
    // And on to today's version, whose tables equal a recomputation.
    await migrate(m.db, 12, LATEST_VERSION);
    await expectSalesFactsRecomputed(m.sqlite, m.db, 'writes after the migration, then the later ones');
  });

  it('leaves the tables empty on an empty book', async () => {
    const m = await databaseAt(11, '');
    await migrate(m.db, 11, 12);
    for (const rows of Object.values(salesFactRows(m.sqlite))) expect(rows).toEqual([]);
  });
});
