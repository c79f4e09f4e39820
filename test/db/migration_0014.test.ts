import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { databaseAt, rows } from '../helpers/migrations';

/**
 * A version-13 book: Ann with won sales on three days (two on one of them: gaps of 10 and 20
 * days), a lost one, a call, and a check-in done after her last purchase; Bob with only an open
 * sale and a skipped check-in; Cy with nothing; Dee, far away in ids (the fill runs 20,000 ids a
 * pass), with won sales 3, 5 and 8 days apart.
 */
const V13_BOOK = `
  INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES
    (1, 'Ann', 'ann', 'x', 'x'), (2, 'Bob', 'bob', 'x', 'x'), (3, 'Cy', 'cy', 'x', 'x'),
    (40000, 'Dee', 'dee', 'x', 'x');
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on,
    created_at, updated_at) VALUES
    (1, 'a', 1, 100, 'EUR', 'won', '2026-01-01', '2026-01-01', 'x', 'x'),
    (2, 'b', 1, 100, 'EUR', 'won', '2026-01-11', '2026-01-11', 'x', 'x'),
    (3, 'c', 1, 100, 'EUR', 'won', '2026-01-11', '2026-01-11', 'x', 'x'),
    (4, 'd', 1, 100, 'EUR', 'won', '2026-01-31', '2026-01-31', 'x', 'x'),
    (5, 'e', 1, 100, 'EUR', 'lost', '2026-02-01', '2026-03-01', 'x', 'x'),
    (6, 'f', 2, 100, 'EUR', 'open', '2026-02-01', NULL, 'x', 'x'),
    (7, 'g', 40000, 100, 'EUR', 'won', '2026-01-01', '2026-01-01', 'x', 'x'),
    (8, 'h', 40000, 100, 'EUR', 'won', '2026-01-04', '2026-01-04', 'x', 'x'),
    (9, 'i', 40000, 100, 'EUR', 'won', '2026-01-09', '2026-01-09', 'x', 'x'),
    (10, 'j', 40000, 100, 'EUR', 'won', '2026-01-17', '2026-01-17', 'x', 'x');
  INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES
    (1, 'call', '2026-01-20', 'Hi', 'x');
  INSERT INTO check_ins (sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on,
    created_at, updated_at) VALUES
    (4, 1, 3, '2026-02-03', '2026-02-03', 'done', '2026-02-04', 'x', 'x'),
    (6, 2, 3, '2026-02-04', '2026-02-04', 'skipped', '2026-02-05', 'x', 'x');`;

describe('migration 0014 (care facts)', () => {
  it("fills each customer's last contact, open sales and purchase rhythm from the rows already there", async () => {
    const m = await databaseAt(13, V13_BOOK);
    await migrate(m.db, 13, 14);
    // Worked out by hand from V13_BOOK; Cy, with nothing, has no row.
    expect(rows(m.sqlite, 'customer_care_facts')).toEqual([
      // The check-in done on 02-04 is her latest contact; gaps 10 and 20: a median of 15.
      { customer_id: 1, last_contact_on: '2026-02-04', open_sales: 0, purchase_days: 3, last_purchase_on: '2026-01-31', usual_days: 15 }, // prettier-ignore
      // A skipped check-in is no contact.
      { customer_id: 2, last_contact_on: null, open_sales: 1, purchase_days: 0, last_purchase_on: null, usual_days: null }, // prettier-ignore
      // Gaps 3, 5 and 8: the median is 5.
      { customer_id: 40000, last_contact_on: '2026-01-17', open_sales: 0, purchase_days: 4, last_purchase_on: '2026-01-17', usual_days: 5 }, // prettier-ignore
    ]);
  });

  it('keeps the table in step with later writes', async () => {
    const m = await databaseAt(13, V13_BOOK);
    await migrate(m.db, 13, 14);
    // Dee's gaps become 3, 5, 8 and 1 (a new day after her last): the middle two are 3 and 5, so 4.
    m.sqlite.exec(`INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on,
      created_at, updated_at) VALUES ('k', 40000, 1, 'EUR', 'won', '2026-01-18', '2026-01-18', 'x', 'x')`);
    // Bob's open sale is won: his first purchase, and his last contact.
    m.sqlite.exec("UPDATE sales SET status = 'won', closed_on = '2026-03-02' WHERE id = 6");
    m.sqlite.exec(
      "INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES (3, 'call', '2026-03-03', 'Hi', 'x')",
    );
    m.sqlite.exec('DELETE FROM check_ins WHERE customer_id = 1');
    expect(rows(m.sqlite, 'customer_care_facts')).toEqual([
      { customer_id: 1, last_contact_on: '2026-01-31', open_sales: 0, purchase_days: 3, last_purchase_on: '2026-01-31', usual_days: 15 }, // prettier-ignore
      { customer_id: 2, last_contact_on: '2026-03-02', open_sales: 0, purchase_days: 1, last_purchase_on: '2026-03-02', usual_days: null }, // prettier-ignore
      { customer_id: 3, last_contact_on: '2026-03-03', open_sales: 0, purchase_days: 0, last_purchase_on: null, usual_days: null }, // prettier-ignore
      { customer_id: 40000, last_contact_on: '2026-01-18', open_sales: 0, purchase_days: 5, last_purchase_on: '2026-01-18', usual_days: 4 }, // prettier-ignore
    ]);
    // A customer deleted takes their row along.
    m.sqlite.exec('DELETE FROM interactions WHERE customer_id = 3; DELETE FROM customers WHERE id = 3');
    expect(m.sqlite.prepare('SELECT count(*) FROM customer_care_facts WHERE customer_id = 3').pluck().get()).toBe(0);
  });
});
