import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { isoToDayNumber as day } from '../../src-main/shared/dates';
import { count, databaseAt, rows } from '../helpers/migrations';

/**
 * Migration 0018 (due days). A version-17 book with four contact rules (Enterprise 30/60 days,
 * the VIP tag 21/45, a default 90/180, Bob's own 10/20):
 * - Ann, Enterprise and VIP (the tag wins), bought on three days 10 and 20 days apart (a rhythm
 *   of 15 days), nothing open; keeping in touch snoozed from 21 to 25 February;
 * - Bob, with his own rule, talked to on 1 February, a deal open, a check-in pending on
 *   12 February (keeping in touch, due on the 11th, rides on it);
 * - Dee, never in touch: the default rule, no contact, a complaint open;
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
    (2, 'call', '2026-02-01', 'Talked', 'x');
  INSERT INTO follow_up_snoozes (customer_id, kind, basis_on, due_on) VALUES (1, 'stay_in_touch', '2026-02-21', '2026-02-25');
  INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, created_at, updated_at)
    VALUES (1, 4, 2, 3, '2026-02-12', '2026-02-12', 'pending', 'x', 'x');
  INSERT INTO complaints (customer_id, opened_on, source, category, description, status, severity, created_at,
    updated_at, remind_on) VALUES (3, '2026-02-01', 'call', 'service', 'Late', 'open', 'medium', 'x', 'x', '2026-02-03');`;

const ann = {
  customer_id: 1,
  contact: '2026-01-31',
  rule: 210045,
  stay_due: day('2026-02-25'),
  stay_rides: 0,
  quiet_until: day('2026-03-17'),
  reorder: day('2026-02-15'),
  reorder_due: day('2026-02-15'),
  reorder_rides: 0,
  reorder_until: day('2026-03-17'),
  open_sales: 0,
  busy: 0,
};
const noReorder = { reorder: null, reorder_due: null, reorder_rides: 0, reorder_until: null };
const noContact = { contact: null, stay_due: null, stay_rides: 0, quiet_until: null, ...noReorder, open_sales: 0 };
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
        stay_due: day('2026-02-11'),
        stay_rides: 1,
        quiet_until: day('2026-02-21'),
        ...noReorder,
        open_sales: 1,
        busy: 1,
      },
      { customer_id: 3, rule: 900180, ...noContact, busy: 1 },
    ]);
    expect(stale(m)).toBe(0);
  });

  it('keeps the rows in step with the customers, their facts and their own rules, and marks the rest stale', async () => {
    const m = await databaseAt(17, V17_BOOK);
    await migrate(m.db, 17, 18);
    // Dee is tagged VIP and her complaint resolved; Ann is archived; Bob's own rule goes (he falls
    // back to the default), his open deal is won on 10 February (a contact, no deal open) and his
    // check-in is done.
    m.sqlite.exec(`
      UPDATE customers SET tags = '["VIP"]' WHERE id = 3;
      UPDATE complaints SET status = 'resolved', resolved_on = '2026-02-05' WHERE customer_id = 3;
      UPDATE customers SET archived_at = 'y' WHERE id = 1;
      DELETE FROM contact_rules WHERE scope = 'customer';
      UPDATE sales SET status = 'won', closed_on = '2026-02-10' WHERE id = 4;
      UPDATE check_ins SET status = 'done', completed_on = '2026-02-10' WHERE id = 1;`);
    expect(rows(m.sqlite, 'customer_due_days')).toEqual([
      {
        customer_id: 2,
        contact: '2026-02-10',
        rule: 900180,
        stay_due: day('2026-05-11'),
        stay_rides: 0,
        quiet_until: day('2026-08-09'),
        ...noReorder,
        open_sales: 0,
        busy: 0,
      },
      { customer_id: 3, rule: 210045, ...noContact, busy: 0 },
    ]);
    expect(stale(m)).toBe(0);
    // Ann comes back, her snooze gone; a new customer has a row at once; a deleted one takes theirs along.
    m.sqlite.exec(`
      UPDATE customers SET archived_at = NULL WHERE id = 1;
      DELETE FROM follow_up_snoozes;
      INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (4, 'Eve', 'eve', 'x', 'x');
      DELETE FROM interactions WHERE customer_id = 2; DELETE FROM check_ins WHERE customer_id = 2;
      DELETE FROM sales WHERE customer_id = 2;
      DELETE FROM customers WHERE id = 2;`);
    expect(rows(m.sqlite, 'customer_due_days')).toEqual([
      { ...ann, stay_due: day('2026-02-21') },
      { customer_id: 3, rule: 210045, ...noContact, busy: 0 },
      { customer_id: 4, rule: 900180, ...noContact, busy: 0 },
    ]);
    // A rule for a segment or a tag reaches many customers: the table is stale until refreshed.
    m.sqlite.exec("UPDATE contact_rules SET ideal_days = 20 WHERE scope = 'tag'");
    expect(stale(m)).toBe(1);
  });
});
