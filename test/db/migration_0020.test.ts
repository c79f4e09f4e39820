import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { latestRatings } from '../../src-main/features/care/facts';
import { databaseAt, expectMigrationKeepsRows } from '../helpers/migrations';

/**
 * Migration 0020 (the won sales by customer hold their NPS). A version-19 book: Ann has two won
 * sales with answers and a lost one with a worse answer, Bea a won sale without answers.
 */
const V19_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES
    (1, 'Ann', 'ann', '2026-01-01T09:00:00.000Z', 'x'), (2, 'Bea', 'bea', '2026-01-01T09:00:00.000Z', 'x');
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, satisfaction, nps,
    created_at, updated_at) VALUES
    (1, 'a', 1, 1000, 'EUR', 'won', '2026-01-05', '2026-01-15', 4, 9, 'x', 'x'),
    (2, 'b', 1, 2000, 'EUR', 'won', '2026-02-05', '2026-02-15', 2, 5, 'x', 'x'),
    (3, 'c', 1, 3000, 'EUR', 'lost', '2026-03-05', '2026-03-15', 1, 0, 'x', 'x'),
    (4, 'd', 2, 4000, 'EUR', 'won', '2026-01-05', '2026-01-20', NULL, NULL, 'x', 'x');`;

const LATEST_OF_FEBRUARY = new Map([
  [1, { nps: { value: 5, on: '2026-02-15' }, csat: { value: 2, on: '2026-02-15' } }],
]);
const LATEST_OF_JANUARY = new Map([[1, { nps: { value: 9, on: '2026-01-15' }, csat: { value: 4, on: '2026-01-15' } }]]);

describe('migration 0020 (the won sales by customer hold their NPS)', () => {
  it('keeps every row and gives the same latest answers as before, read from the index alone', async () => {
    const m = await databaseAt(19, V19_BOOK);
    expect(await latestRatings(m.db, '2026-03-31')).toEqual(LATEST_OF_FEBRUARY);
    await expectMigrationKeepsRows(m, 20, ['customers', 'sales'], []);
    const columns = m.sqlite.prepare("SELECT name FROM pragma_index_info('sales_won_by_customer')").pluck().all();
    expect(columns).toEqual(['customer_id', 'closed_on', 'id', 'amount_minor', 'currency', 'satisfaction', 'nps']);
    expect(await latestRatings(m.db, '2026-03-31')).toEqual(LATEST_OF_FEBRUARY);
    expect(await latestRatings(m.db, '2026-01-31')).toEqual(LATEST_OF_JANUARY);
    const plan = m.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT customer_id, max(closed_on), max(nps), max(satisfaction) FROM sales INDEXED BY sales_won_by_customer
         WHERE status = 'won' AND closed_on <= '2026-03-31' AND customer_id IN (1, 2) GROUP BY customer_id`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX sales_won_by_customer/);
  });

  it('keeps the index up to date with sales won, answered, moved and deleted after it', async () => {
    const m = await databaseAt(19, V19_BOOK);
    await migrate(m.db, 19, 20);
    m.sqlite.exec(`
      UPDATE sales SET nps = 10, satisfaction = 5 WHERE id = 4;
      UPDATE sales SET status = 'won' WHERE id = 3;
      DELETE FROM sales WHERE id = 2;`);
    expect(await latestRatings(m.db, '2026-03-31')).toEqual(
      new Map([
        [1, { nps: { value: 0, on: '2026-03-15' }, csat: { value: 1, on: '2026-03-15' } }],
        [2, { nps: { value: 10, on: '2026-01-20' }, csat: { value: 5, on: '2026-01-20' } }],
      ]),
    );
    expect(m.sqlite.prepare("PRAGMA integrity_check('sales')").pluck().all()).toEqual(['ok']);
  });
});
