import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { recomputeCareFacts0014 } from '../../src-main/db/careFacts';
import { recomputeDueDays0018 } from '../../src-main/db/dueDays';
import { databaseAt, expectMigrationKeepsRows, rows } from '../helpers/migrations';
import { generateSample } from '../helpers/sample';
import { storesPerTest } from '../helpers/store';

/**
 * Migration 0021 (the care facts' and due days' triggers read each customer's rows once). A
 * version-20 book whose customers bought on one to six days, with gaps whose median is not their
 * mean, two sales on one day, an open deal, check-ins pending and done, a complaint, snoozes of
 * both kinds and a contact rule of each scope (all but Bob's written before the customers, so
 * the due days hold); Cy is archived.
 */
const V20_BOOK = `
  INSERT INTO contact_rules (scope, value, customer_id, ideal_days, max_days) VALUES
    ('segment', 'Enterprise', NULL, 30, 60), ('tag', 'VIP', NULL, 21, 45), ('default', NULL, NULL, 90, 180);
  INSERT INTO customers (id, name, name_key, segment, tags, created_at, updated_at, archived_at) VALUES
    (1, 'Ann', 'ann', 'Enterprise', '["VIP"]', 'x', 'x', NULL), (2, 'Bob', 'bob', 'Mid-market', '[]', 'x', 'x', NULL),
    (3, 'Dee', 'dee', NULL, '[]', 'x', 'x', NULL), (4, 'Eve', 'eve', 'Enterprise', '[]', 'x', 'x', NULL),
    (5, 'Fay', 'fay', NULL, '["VIP"]', 'x', 'x', NULL), (6, 'Gus', 'gus', NULL, '[]', 'x', 'x', NULL),
    (7, 'Cy', 'cy', 'Enterprise', '[]', 'x', 'x', 'x');
  INSERT INTO contact_rules (scope, customer_id, ideal_days, max_days) VALUES ('customer', 2, 10, 20);
  INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at,
    updated_at) VALUES
    (1, 'a', 1, 100, 'EUR', 'won', '2026-01-01', '2026-01-01', 'x', 'x'),
    (2, 'b', 1, 100, 'EUR', 'won', '2026-01-11', '2026-01-11', 'x', 'x'),
    (3, 'c', 1, 100, 'EUR', 'won', '2026-01-31', '2026-01-31', 'x', 'x'),
    (4, 'd', 2, 100, 'EUR', 'open', '2026-01-20', NULL, 'x', 'x'),
    (5, 'e', 2, 100, 'EUR', 'won', '2026-01-05', '2026-01-05', 'x', 'x'),
    (6, 'f', 2, 100, 'EUR', 'won', '2026-01-12', '2026-01-12', 'x', 'x'),
    (7, 'g', 4, 100, 'EUR', 'won', '2025-10-01', '2025-10-01', 'x', 'x'),
    (8, 'h', 4, 100, 'EUR', 'won', '2025-10-02', '2025-10-02', 'x', 'x'),
    (9, 'i', 4, 100, 'EUR', 'won', '2025-10-02', '2025-10-02', 'x', 'x'),
    (10, 'j', 4, 100, 'EUR', 'won', '2025-11-20', '2025-11-20', 'x', 'x'),
    (11, 'k', 4, 100, 'EUR', 'won', '2026-01-25', '2026-01-25', 'x', 'x'),
    (12, 'l', 5, 100, 'EUR', 'won', '2025-06-01', '2025-06-01', 'x', 'x'),
    (13, 'm', 5, 100, 'EUR', 'won', '2025-06-04', '2025-06-04', 'x', 'x'),
    (14, 'n', 5, 100, 'EUR', 'won', '2025-07-30', '2025-07-30', 'x', 'x'),
    (15, 'o', 5, 100, 'EUR', 'won', '2025-08-02', '2025-08-02', 'x', 'x'),
    (16, 'p', 5, 100, 'EUR', 'won', '2025-12-24', '2025-12-24', 'x', 'x'),
    (17, 'q', 5, 100, 'EUR', 'won', '2026-01-08', '2026-01-08', 'x', 'x'),
    (18, 'r', 6, 100, 'EUR', 'lost', '2026-01-02', '2026-01-09', 'x', 'x'),
    (19, 's', 7, 100, 'EUR', 'won', '2026-01-05', '2026-01-05', 'x', 'x');
  INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES
    (2, 'call', '2026-02-01', 'Talked', 'x'), (6, 'email', '2026-01-10', 'Wrote', 'x');
  INSERT INTO follow_up_snoozes (customer_id, kind, basis_on, due_on) VALUES
    (1, 'stay_in_touch', '2026-02-21', '2026-02-25'), (4, 'reorder', '2026-02-21', '2026-03-01');
  INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat,
    created_at, updated_at) VALUES
    (1, 4, 2, 3, '2026-02-12', '2026-02-12', 'pending', NULL, NULL, 'x', 'x'),
    (2, 17, 5, 7, '2026-01-15', '2026-01-15', 'done', '2026-01-16', 5, 'x', 'x');
  INSERT INTO complaints (customer_id, opened_on, source, category, description, status, severity, created_at,
    updated_at, remind_on) VALUES (3, '2026-02-01', 'call', 'service', 'Late', 'open', 'medium', 'x', 'x', '2026-02-03');
  -- Every customer came after the rules of all: their rows hold.
  DELETE FROM customer_due_days_stale;`;

const store = storesPerTest();

const KEPT = ['customers', 'sales', 'customer_care_facts', 'customer_due_days'];

const triggerSql = (sqlite: Database.Database, name: string): string =>
  sqlite.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').pluck().get('trigger', name) as string;

/** The care facts and due days hold what the statements migration 0014 and 0018 released give every customer. */
function expectReleasedRows(sqlite: Database.Database, after: string): void {
  const kept = { facts: rows(sqlite, 'customer_care_facts'), due: rows(sqlite, 'customer_due_days') };
  for (const statement of [...recomputeCareFacts0014('$c > 0'), ...recomputeDueDays0018('$c > 0')])
    sqlite.prepare(statement).run();
  expect(kept.facts, `care facts after ${after}`).toEqual(rows(sqlite, 'customer_care_facts'));
  expect(kept.due, `due days after ${after}`).toEqual(rows(sqlite, 'customer_due_days'));
}

describe('migration 0021 (the care facts and due days read each customer once)', () => {
  it('keeps every row and makes the triggers anew from the new statements', async () => {
    const m = await databaseAt(20, V20_BOOK);
    expect(triggerSql(m.sqlite, 'care_facts_sale_in')).not.toMatch(/MATERIALIZED/);
    await expectMigrationKeepsRows(m, 21, KEPT, []);
    for (const name of ['care_facts_sale_in', 'care_facts_check_in_change', 'due_days_facts_in', 'due_days_rule_in'])
      expect(triggerSql(m.sqlite, name), name).toMatch(/AS MATERIALIZED/);
    const usual = m.sqlite.prepare('SELECT customer_id, purchase_days, usual_days FROM customer_care_facts').all();
    // Gaps 10, 20 → 15; 7 → 7; 1, 49, 66 → 49; 3, 56, 3, 144, 15 → 15.
    expect(usual).toEqual([
      { customer_id: 1, purchase_days: 3, usual_days: 15 },
      { customer_id: 2, purchase_days: 2, usual_days: 7 },
      { customer_id: 4, purchase_days: 4, usual_days: 49 },
      { customer_id: 5, purchase_days: 6, usual_days: 15 },
      { customer_id: 6, purchase_days: 0, usual_days: null },
      { customer_id: 7, purchase_days: 1, usual_days: null },
    ]);
  });

  it('keeps, through every kind of write after it, the rows the released statements give', async () => {
    const m = await databaseAt(20, V20_BOOK);
    await expectMigrationKeepsRows(m, 21, KEPT, []);
    expectReleasedRows(m.sqlite, 'the migration');
    const writes: [string, string][] = [
      [
        'a sale won on a new day',
        `INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on,
         closed_on, created_at, updated_at) VALUES (20, 't', 1, 100, 'EUR', 'won', '2026-02-10', '2026-02-10', 'x', 'x')`,
      ],
      ['a sale won on the same day as another', `UPDATE sales SET closed_on = '2025-12-24' WHERE id = 17`],
      ['a sale deleted', 'DELETE FROM sales WHERE id = 3'],
      ['an open deal closed', `UPDATE sales SET status = 'won', closed_on = '2026-02-03' WHERE id = 4`],
      [
        'an interaction',
        `INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at)
         VALUES (3, 'call', '2026-02-05', 'Hi', 'x')`,
      ],
      ['a check-in done', `UPDATE check_ins SET status = 'done', completed_on = '2026-02-12' WHERE id = 1`],
      [
        'a check-in pending',
        `INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status,
         created_at, updated_at) VALUES (3, 11, 4, 30, '2026-02-24', '2026-02-24', 'pending', 'x', 'x')`,
      ],
      [
        'a complaint resolved',
        `UPDATE complaints SET status = 'resolved', resolution = 'ok', resolved_on = '2026-02-06'`,
      ],
      [
        'a snooze',
        `INSERT INTO follow_up_snoozes (customer_id, kind, basis_on, due_on)
         VALUES (2, 'stay_in_touch', '2026-02-11', '2026-02-14')`,
      ],
      [
        'a customer rule',
        `INSERT INTO contact_rules (scope, customer_id, ideal_days, max_days) VALUES ('customer', 5, 5, 9)`,
      ],
      ['a customer tagged', `UPDATE customers SET tags = '["VIP"]' WHERE id = 6`],
      ['a customer archived', `UPDATE customers SET archived_at = 'x' WHERE id = 1`],
      ['a customer deleted', 'DELETE FROM sales WHERE customer_id = 7; DELETE FROM customers WHERE id = 7'],
    ];
    for (const [what, statement] of writes) {
      m.sqlite.exec(statement);
      expectReleasedRows(m.sqlite, what);
    }
  });

  it('gives every customer of the sample the rows the released statements give', async () => {
    const t = await store();
    await generateSample(t, { sales: 3000 });
    expect(triggerSql(t.store.sqlite, 'care_facts_sale_in')).toMatch(/AS MATERIALIZED/);
    const before = rows(t.store.sqlite, 'customer_care_facts');
    expect(before.length).toBeGreaterThan(500);
    expectReleasedRows(t.store.sqlite, 'the sample');
  });
});
