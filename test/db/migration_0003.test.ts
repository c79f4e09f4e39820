import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  CARE_TABLES,
  count,
  databaseAt,
  expectMigrationKeepsRows,
  expectRollback,
  migratedWith,
  rejecter,
  TABLES_V2,
  type MigrationDb,
} from '../helpers/migrations';

/** A version-2 database with two customers, a product, an imported batch and three sales. */
function v2Database(): Promise<MigrationDb> {
  return databaseAt(
    2,
    `
    INSERT INTO customers (id, name, name_key, email, segment, created_at, updated_at)
      VALUES (1, 'Ada Lovelace', 'ada lovelace', 'ada@example.com', 'SMB', 'x', 'x'),
             (2, 'Bob Byte', 'bob byte', NULL, NULL, 'x', 'x');
    INSERT INTO products (id, name, currency, created_at) VALUES (1, 'Workshop', 'EUR', 'x');
    INSERT INTO techniques (id, name, created_at) VALUES (1, 'SPIN', 'x');
    INSERT INTO import_batches (id, kind, source_name, source_sha256, created_at) VALUES (1, 'sales', 'a.csv', 'h', 'x');
    INSERT INTO sales (id, title, customer_id, product_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at, import_batch_id, external_id)
      VALUES (1, 'Workshop — Ada', 1, 1, 150000, 'EUR', 'won', '2026-03-01', '2026-03-10', 'x', 'x', NULL, NULL),
             (2, 'Renewal — Ada', 1, NULL, 9900, 'EUR', 'won', '2026-04-01', '2026-04-02', 'x', 'x', 1, 'deal-2'),
             (3, 'Pitch — Bob', 2, NULL, 500, 'EUR', 'open', '2026-05-01', NULL, 'x', 'x', NULL, NULL);
    INSERT INTO sale_techniques VALUES (1, 1);
    INSERT INTO settings VALUES ('currency', '"EUR"');
    INSERT INTO import_mappings (name, kind, mapping, created_at, updated_at) VALUES ('CRM', 'sales', '{}', 'x', 'x');`,
  );
}

/** Fills every care table with one valid row; returns the statements to try variations. */
function seedCare(sqlite: Database.Database): void {
  sqlite.exec(`
    INSERT INTO interactions (id, customer_id, sale_id, kind, occurred_on, summary, created_at)
      VALUES (1, 1, 1, 'call', '2026-03-12', 'Checked the delivery', 'x');
    INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat, nps, created_at, updated_at)
      VALUES (1, 1, 1, 3, '2026-03-13', '2026-03-13', 'done', '2026-03-13', 4, 9, 'x', 'x'),
             (2, 1, 1, 30, '2026-04-09', '2026-04-09', 'pending', NULL, NULL, NULL, 'x', 'x'),
             (3, 2, 1, 3, '2026-04-05', '2026-04-05', 'skipped', '2026-04-06', NULL, NULL, 'x', 'x'),
             (4, 2, 1, 30, '2026-05-02', '2026-05-02', 'pending', NULL, NULL, NULL, 'x', 'x');
    INSERT INTO complaints (id, customer_id, sale_id, check_in_id, opened_on, source, category, severity, description, status, remind_on, created_at, updated_at)
      VALUES (1, 1, 1, 1, '2026-03-13', 'check_in', 'delivery', 'high', 'Arrived late', 'open', '2026-03-20', 'x', 'x');
    INSERT INTO cadence_rules (product_id, segment, days) VALUES (NULL, NULL, '[3,30,90]'), (1, NULL, '[7]'), (NULL, 'SMB', '[]');
    INSERT INTO contact_rules (scope, value, customer_id, ideal_days, max_days)
      VALUES ('default', NULL, NULL, 30, 60), ('tag', 'vip', NULL, 14, 21), ('customer', NULL, 2, 7, 10);
    INSERT INTO follow_up_snoozes VALUES (2, 'stay_in_touch', '2026-05-10', '2026-05-15');
    INSERT INTO care_notified VALUES ('c2', '2026-04-09', 'x');
    INSERT INTO calendar_events (item_id, due_on, summary, modified_at) VALUES ('c2', '2026-04-09', 'Check in', 'x');`);
}

/** The v2 database migrated to 3 and given care rows. */
const careDatabase = async (): Promise<MigrationDb> => migratedWith(await v2Database(), 3, seedCare);

describe('migration 0003 (care)', () => {
  it('keeps every v2 row intact and adds empty care tables', async () => {
    const old = await v2Database();
    // Existing won sales get no check-ins from the migration (the care tables stay empty):
    // they are history, and a check-in due months ago would only be noise.
    await expectMigrationKeepsRows(old, 3, TABLES_V2, CARE_TABLES);
  });

  it('accepts valid care rows and rejects what the rules forbid', async () => {
    const { sqlite } = await careDatabase();
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    const rejects = rejecter(sqlite);
    const checkIn = (values: string): string =>
      `INSERT INTO check_ins (sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat, nps, concern, created_at, updated_at) VALUES (${values})`;
    rejects(checkIn(`1, 1, 90, '2026-06-08', '2026-06-08', 'later', NULL, NULL, NULL, NULL, 'x', 'x'`), /CHECK/);
    // pending has no completion day, done/skipped have one
    rejects(
      checkIn(`1, 1, 90, '2026-06-08', '2026-06-08', 'pending', '2026-06-08', NULL, NULL, NULL, 'x', 'x'`),
      /CHECK/,
    );
    rejects(checkIn(`1, 1, 90, '2026-06-08', '2026-06-08', 'done', NULL, 3, NULL, NULL, 'x', 'x'`), /CHECK/);
    // ratings only on a done check-in, and in range
    rejects(checkIn(`1, 1, 90, '2026-06-08', '2026-06-08', 'skipped', '2026-06-08', 3, NULL, NULL, 'x', 'x'`), /CHECK/);
    rejects(checkIn(`1, 1, 90, '2026-06-08', '2026-06-08', 'done', '2026-06-08', 6, NULL, NULL, 'x', 'x'`), /CHECK/);
    rejects(checkIn(`1, 1, 90, '2026-06-08', '2026-06-08', 'done', '2026-06-08', NULL, 11, NULL, 'x', 'x'`), /CHECK/);
    // a pending check-in belongs to a sale; one per step of a sale
    rejects(checkIn(`NULL, 1, 90, '2026-06-08', '2026-06-08', 'pending', NULL, NULL, NULL, NULL, 'x', 'x'`), /CHECK/);
    rejects(checkIn(`1, 1, 30, '2026-04-09', '2026-04-09', 'pending', NULL, NULL, NULL, NULL, 'x', 'x'`), /UNIQUE/);
    rejects(checkIn(`1, 1, 90, '8 June', '2026-06-08', 'pending', NULL, NULL, NULL, NULL, 'x', 'x'`), /CHECK/);
    rejects(
      checkIn(`99, 1, 90, '2026-06-08', '2026-06-08', 'pending', NULL, NULL, NULL, NULL, 'x', 'x'`),
      /FOREIGN KEY/,
    );

    const complaint = (values: string): string =>
      `INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, status, resolved_on, remind_on, created_at, updated_at) VALUES (${values})`;
    rejects(complaint(`1, '2026-05-01', 'fax', 'other', 'low', 'x', 'open', NULL, '2026-05-08', 'x', 'x'`), /CHECK/);
    rejects(
      complaint(`1, '2026-05-01', 'call', 'other', 'urgent', 'x', 'open', NULL, '2026-05-08', 'x', 'x'`),
      /CHECK/,
    );
    rejects(complaint(`1, '2026-05-01', 'call', 'other', 'low', '  ', 'open', NULL, '2026-05-08', 'x', 'x'`), /CHECK/);
    rejects(
      complaint(`1, '2026-05-01', 'call', 'other', 'low', 'x', 'resolved', NULL, '2026-05-08', 'x', 'x'`),
      /CHECK/,
    );
    rejects(
      complaint(`1, '2026-05-01', 'call', 'other', 'low', 'x', 'open', '2026-05-02', '2026-05-08', 'x', 'x'`),
      /CHECK/,
    );
    rejects(
      complaint(`1, '2026-05-01', 'call', 'other', 'low', 'x', 'resolved', '2026-04-30', '2026-05-08', 'x', 'x'`),
      /CHECK/,
    );
    rejects(
      `INSERT INTO complaints (customer_id, check_in_id, opened_on, source, category, severity, description, remind_on, created_at, updated_at)
       VALUES (1, 1, '2026-03-13', 'check_in', 'other', 'low', 'again', '2026-03-20', 'x', 'x')`,
      /UNIQUE/,
    );

    rejects(
      `INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES (1, 'fax', '2026-01-01', 's', 'x')`,
      /CHECK/,
    );
    rejects(
      `INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES (1, 'call', '2026-01-01', ' ', 'x')`,
      /CHECK/,
    );
    rejects(
      `INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES (9, 'call', '2026-01-01', 's', 'x')`,
      /FOREIGN KEY/,
    );

    rejects(`INSERT INTO cadence_rules (product_id, segment, days) VALUES (NULL, NULL, '[1]')`, /UNIQUE/);
    rejects(`INSERT INTO cadence_rules (product_id, segment, days) VALUES (NULL, 'Retail', '{"a":1}')`, /CHECK/);
    rejects(`INSERT INTO cadence_rules (product_id, segment, days) VALUES (1, 'Retail', '[1]')`, /CHECK/);
    rejects(`INSERT INTO contact_rules (scope, value, ideal_days, max_days) VALUES ('tag', 'vip', 5, 9)`, /UNIQUE/);
    rejects(
      `INSERT INTO contact_rules (scope, value, ideal_days, max_days) VALUES ('segment', 'SMB', 30, 10)`,
      /CHECK/,
    );
    rejects(`INSERT INTO contact_rules (scope, value, ideal_days, max_days) VALUES ('segment', NULL, 10, 30)`, /CHECK/);
    rejects(
      `INSERT INTO contact_rules (scope, customer_id, ideal_days, max_days) VALUES ('default', 1, 10, 30)`,
      /CHECK/,
    );
    rejects(`INSERT INTO follow_up_snoozes VALUES (1, 'check_in', '2026-05-10', '2026-05-15')`, /CHECK/);
    rejects(`INSERT INTO care_notified VALUES ('c2', '2026-04-09', 'y')`, /UNIQUE|PRIMARY KEY/);
  });

  it('deleting a sale removes its pending check-ins and keeps the history without the link', async () => {
    const { sqlite } = await careDatabase();
    sqlite.exec('DELETE FROM sales WHERE id = 1');
    // Check-in 2 was pending: gone. Check-in 1 (done) stays, unlinked; so do the interaction
    // and the complaint about that sale.
    expect(sqlite.prepare('SELECT id, sale_id, status FROM check_ins ORDER BY id').all()).toEqual([
      { id: 1, sale_id: null, status: 'done' },
      { id: 3, sale_id: 2, status: 'skipped' },
      { id: 4, sale_id: 2, status: 'pending' },
    ]);
    expect(sqlite.prepare('SELECT sale_id FROM interactions').get()).toEqual({ sale_id: null });
    expect(sqlite.prepare('SELECT sale_id, check_in_id FROM complaints').get()).toEqual({
      sale_id: null,
      check_in_id: 1,
    });

    // The same holds for sales an import undo deletes in bulk.
    sqlite.exec('DELETE FROM sales WHERE import_batch_id = 1');
    expect(sqlite.prepare('SELECT id, sale_id FROM check_ins ORDER BY id').all()).toEqual([
      { id: 1, sale_id: null },
      { id: 3, sale_id: null },
    ]);

    // A deleted check-in leaves its complaint; a deleted product its cadence override.
    sqlite.exec('DELETE FROM check_ins WHERE id = 1');
    expect(sqlite.prepare('SELECT check_in_id FROM complaints').get()).toEqual({ check_in_id: null });
    sqlite.exec('DELETE FROM products WHERE id = 1');
    expect(sqlite.prepare('SELECT count(*) AS n FROM cadence_rules WHERE product_id IS NOT NULL').get()).toEqual({
      n: 0,
    });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('deleting a customer (only an import undo does) takes their care rows with them', async () => {
    const { sqlite } = await careDatabase();
    sqlite.exec('DELETE FROM sales WHERE customer_id = 2; DELETE FROM customers WHERE id = 2');
    expect(count(sqlite, 'contact_rules')).toBe(2);
    expect(count(sqlite, 'follow_up_snoozes')).toBe(0);
    expect(count(sqlite, 'interactions')).toBe(1);
  });

  it('rolls back as a whole when it fails halfway', async () => {
    const old = await v2Database();
    await expectRollback(old, 3, 'complaints', /Migration 3 \(care\) failed and was rolled back/, [
      'interactions',
      'check_ins',
    ]);
  });
});
