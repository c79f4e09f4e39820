import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { isoToDayNumber as day } from '../../src-main/shared/dates';
import { count, databaseAt, rows } from '../helpers/migrations';

/**
 * Migration 0018 (due days). A version-17 book with four contact rules (Enterprise 30/60 days,
 * the VIP tag 21/45, a default 90/180, Bob's own 10/20):
 * - Ann, Enterprise and VIP (the tag wins), bought on three days 10 and 20 days apart (a rhythm
 *   of 15 days), nothing open;
 * - Bob, with his own rule, talked to on 1 February, a deal open;
 * - Dee, never in touch: the default rule, no contact;
 * - Cy, archived, far away in ids (the fill runs 20,000 ids a pass): no row.
 */
const V17_BOOK = `
  INSERT INTO customers (id, name, name_key, segment, tags, created_at, updated_at, archived_at) VALUES
    (1, 'Ann', 'ann', 'Enterprise', '["VIP"]', 'x', 'x', NULL), (2, 'Bob', 'bob', 'SMB', '[]', 'x', 'x', NULL),
    (3, 'Dee', 'dee', NULL, '[]', 'x', 'x', NULL), (40000, 'Cy', 'cy', 'Enterprise', '[]', 'x', 'x', 'x');
  INSERT INTO contact_rules (scope, value, customer_id, ideal_days, max_days) VALUES
    ('segment', 'Enterprise', NULL, 30, 60), ('tag', 'VIP', NULL, 21, 45), ('default', NULL, NULL, 90, 180),
    ('customer', NULL, 2, 10, 20);
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at,
    updated_at) VALUES
    (1, 'a', 1, 100, 'EUR', 'won', '2026-01-01', '2026-01-01', 'x', 'x'),
    (2, 'b', 1, 100, 'EUR', 'won', '2026-01-11', '2026-01-11', 'x', 'x'),
    (3, 'c', 1, 100, 'EUR', 'won', '2026-01-31', '2026-01-31', 'x', 'x'),
    (4, 'd', 2, 100, 'EUR', 'open', '2026-01-20', NULL, 'x', 'x'),
    (5, 'e', 40000, 100, 'EUR', 'won', '2026-01-05', '2026-01-05', 'x', 'x');
  INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES
    (2, 'call', '2026-02-01', 'Talked', 'x');`;

const ann = {
  customer_id: 1,
  contact: '2026-01-31',
  rule: 210045,
  stay: day('2026-02-21'),
  quiet_until: day('2026-03-17'),
  reorder: day('2026-02-15'),
  reorder_until: day('2026-03-17'),
  open_sales: 0,
};
const noContact = { contact: null, stay: null, quiet_until: null, reorder: null, reorder_until: null, open_sales: 0 };
const stale = (m: { sqlite: Parameters<typeof count>[0] }): number => count(m.sqlite, 'customer_due_days_stale');

describe('migration 0018 (due days)', () => {
  it("fills each active customer's due days from their facts and the contact rules", async () => {
    const m = await databaseAt(17, V17_BOOK);
    await migrate(m.db, 17, 18);
    expect(rows(m.sqlite, 'customer_due_days')).toEqual([
      ann,
      {
        customer_id: 2,
        contact: '2026-02-01',
        rule: 100020,
        stay: day('2026-02-11'),
        quiet_until: day('2026-02-21'),
        reorder: null,
        reorder_until: null,
        open_sales: 1,
      },
      { customer_id: 3, rule: 900180, ...noContact },
    ]);
    expect(stale(m)).toBe(0);
  });

  it('keeps the rows in step with the customers, their facts and their own rules, and marks the rest stale', async () => {
    const m = await databaseAt(17, V17_BOOK);
    await migrate(m.db, 17, 18);
    // Dee is tagged VIP; Ann is archived; Bob's own rule goes (he falls back to the default) and
    // his open deal is won today: a contact, and no deal open.
    m.sqlite.exec(`
      UPDATE customers SET tags = '["VIP"]' WHERE id = 3;
      UPDATE customers SET archived_at = 'y' WHERE id = 1;
      DELETE FROM contact_rules WHERE scope = 'customer';
      UPDATE sales SET status = 'won', closed_on = '2026-02-10' WHERE id = 4;`);
    expect(rows(m.sqlite, 'customer_due_days')).toEqual([
      {
        customer_id: 2,
        contact: '2026-02-10',
        rule: 900180,
        stay: day('2026-05-11'),
        quiet_until: day('2026-08-09'),
        reorder: null,
        reorder_until: null,
        open_sales: 0,
      },
      { customer_id: 3, rule: 210045, ...noContact },
    ]);
    expect(stale(m)).toBe(0);
    // Ann comes back; a new customer has a row at once; a deleted one takes theirs along.
    m.sqlite.exec(`
      UPDATE customers SET archived_at = NULL WHERE id = 1;
      INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (4, 'Eve', 'eve', 'x', 'x');
      DELETE FROM interactions WHERE customer_id = 2; DELETE FROM sales WHERE customer_id = 2;
      DELETE FROM customers WHERE id = 2;`);
    expect(rows(m.sqlite, 'customer_due_days')).toEqual([
      ann,
      { customer_id: 3, rule: 210045, ...noContact },
      { customer_id: 4, rule: 900180, ...noContact },
    ]);
    // A rule for a segment or a tag reaches many customers: the table is stale until refreshed.
    m.sqlite.exec("UPDATE contact_rules SET ideal_days = 20 WHERE scope = 'tag'");
    expect(stale(m)).toBe(1);
  });
});
