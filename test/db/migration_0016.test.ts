import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { databaseAt, rows } from '../helpers/migrations';

/**
 * A version-15 book: Ann with three won sales (two in EUR, one in USD), a lost and an open one;
 * Bob with only a lost sale; Cy with nothing; Dee, far away in ids (the fill runs 20,000 ids a
 * pass), with one won sale of nothing; two complaints, one still open.
 */
const V15_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at)
    SELECT column1, column2, lower(column2), 'x', 'x' FROM (VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cy'), (40000, 'Dee'));
  -- Sales 1 to 7, in this order.
  INSERT INTO sales (title, customer_id, status, currency, amount_minor, opened_on, closed_on, created_at, updated_at)
    SELECT 'sale', column1, column2, column3, column4, column5, column6, 'x', 'x' FROM (VALUES
      (1, 'won', 'EUR', 100, '2026-01-01', '2026-01-01'), (1, 'won', 'EUR', 250, '2026-01-11', '2026-01-31'),
      (1, 'won', 'USD', 70, '2026-01-11', '2026-01-11'), (1, 'lost', 'EUR', 900, '2026-02-01', '2026-03-01'),
      (1, 'open', 'EUR', 900, '2026-02-01', NULL), (2, 'lost', 'EUR', 500, '2026-02-01', '2026-02-02'),
      (40000, 'won', 'EUR', 0, '2026-01-01', '2026-01-05'));
  INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, status,
    resolved_on, remind_on, created_at, updated_at) VALUES
    (1, '2026-02-01', 'call', 'product', 'low', 'Late', 'resolved', '2026-02-03', '2026-02-08', 'x', 'x'),
    (2, '2026-02-05', 'call', 'product', 'low', 'Broken', 'open', NULL, '2026-02-12', 'x', 'x');`;

describe('migration 0016 (customer totals)', () => {
  it("fills each customer's won sales, last purchase and lifetime value per currency from the sales there", async () => {
    const m = await databaseAt(15, V15_BOOK);
    await migrate(m.db, 15, 16);
    // Worked out by hand from V15_BOOK: Bob (lost only) and Cy (nothing) have no row.
    expect(rows(m.sqlite, 'customer_won_totals')).toEqual([
      { customer_id: 1, purchases: 3, last_purchase_on: '2026-01-31' },
      { customer_id: 40000, purchases: 1, last_purchase_on: '2026-01-05' },
    ]);
    expect(rows(m.sqlite, 'customer_won_values')).toEqual([
      { customer_id: 1, currency: 'EUR', value_minor: 350 },
      { customer_id: 1, currency: 'USD', value_minor: 70 },
      { customer_id: 40000, currency: 'EUR', value_minor: 0 },
    ]);
    // The indexes the lists read are there (the complaints' is on an expression: no column named).
    const indexes = m.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    for (const name of ['customers_by_name', 'customers_by_created_desc', 'customers_filters', 'complaints_attention'])
      expect(indexes).toContain(name);
  });

  it('keeps the tables in step with later writes', async () => {
    const m = await databaseAt(15, V15_BOOK);
    await migrate(m.db, 15, 16);
    const ann = () => [
      m.sqlite.prepare('SELECT purchases, last_purchase_on FROM customer_won_totals WHERE customer_id = 1').get(),
      m.sqlite.prepare('SELECT currency, value_minor FROM customer_won_values WHERE customer_id = 1').all(),
    ];
    // Her open sale is won: a fourth purchase, the latest, 900 more in EUR.
    m.sqlite.exec("UPDATE sales SET status = 'won', closed_on = '2026-03-02' WHERE id = 5");
    expect(ann()).toEqual([
      { purchases: 4, last_purchase_on: '2026-03-02' },
      [
        { currency: 'EUR', value_minor: 1250 },
        { currency: 'USD', value_minor: 70 },
      ],
    ]);
    // The USD sale changes to EUR, then to Bob: Ann keeps EUR only, Bob gets his first purchase.
    m.sqlite.exec("UPDATE sales SET currency = 'EUR' WHERE id = 3");
    m.sqlite.exec('UPDATE sales SET customer_id = 2 WHERE id = 3');
    expect(ann()).toEqual([{ purchases: 3, last_purchase_on: '2026-03-02' }, [{ currency: 'EUR', value_minor: 1250 }]]);
    expect(rows(m.sqlite, 'customer_won_totals')).toContainEqual({
      customer_id: 2,
      purchases: 1,
      last_purchase_on: '2026-01-11',
    });
    // Dee's only sale deleted, then Dee: no rows left of her.
    m.sqlite.exec('DELETE FROM sales WHERE id = 7');
    m.sqlite.exec('DELETE FROM customers WHERE id = 40000');
    expect(m.sqlite.prepare('SELECT count(*) FROM customer_won_totals WHERE customer_id = 40000').pluck().get()).toBe(
      0,
    );
    expect(m.sqlite.prepare('SELECT count(*) FROM customer_won_values WHERE customer_id = 40000').pluck().get()).toBe(
      0,
    );
  });
});
