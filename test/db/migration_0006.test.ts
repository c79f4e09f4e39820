import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { count, databaseAt, expectMigrationKeepsRows, expectRollback, rejecter, rows } from '../helpers/migrations';

const ADDED = ['technique_merges', 'journal_entries', 'journal_entry_techniques', 'experiments'];

/** A version-5 database with techniques (one sample), a sale naming them and a goal narrowed by one. */
function v5Database() {
  return databaseAt(
    5,
    `
    INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ada', 'ada', 'x', 'x');
    INSERT INTO techniques (id, name, description, created_at) VALUES (1, 'SPIN', 'Questions first', '2025-01-02T10:00:00.000Z');
    INSERT INTO techniques (id, sample, name, created_at) VALUES (2, 1, 'Trial close', '2025-02-03T10:00:00.000Z');
    INSERT INTO sales (id, title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
      VALUES (1, 'Deal', 1, 150000, 'EUR', 'won', '2026-03-01', '2026-03-10', 'x', 'x');
    INSERT INTO sale_techniques VALUES (1, 1), (1, 2);
    INSERT INTO goals (id, title, metric, direction, aggregation, target, currency, period_kind, from_on, to_on, category, created_at, updated_at)
      VALUES (1, 'Q2', 'revenue', 'at_least', 'sum', 100, 'EUR', 'fixed', '2026-04-01', '2026-06-30', 'volume', 'x', 'x');
    INSERT INTO goal_filters (goal_id, technique_id) VALUES (1, 1);`,
  );
}

describe('migration 0006 (technique journal)', () => {
  it('keeps every v5 row, gives techniques the new columns with their defaults, and adds empty STRICT tables', async () => {
    const m = await v5Database();
    const before = rows(m.sqlite, 'techniques') as Record<string, unknown>[];
    await expectMigrationKeepsRows(m, 6, ['customers', 'sales', 'sale_techniques', 'goals', 'goal_filters'], ADDED);
    expect(rows(m.sqlite, 'techniques')).toEqual(
      before.map((t) => ({
        ...t,
        category: 'other',
        steps: '[]',
        source: null,
        retired_at: null,
        starter: null,
        updated_at: t.created_at,
      })),
    );
  });

  it('holds the new tables to their checks and foreign keys', async () => {
    const m = await v5Database();
    await migrate(m.db, 5, 6);
    const rejects = rejecter(m.sqlite);
    rejects("UPDATE techniques SET category = 'magic'", /CHECK constraint failed/);
    rejects("UPDATE techniques SET steps = 'not json'", /CHECK constraint failed/);
    const entry = (values: string) =>
      `INSERT INTO journal_entries (entry_date, title, customer_id, sale_id, outcome, confidence, tags, created_at, updated_at)
       VALUES (${values}, 'x', 'x')`;
    m.sqlite.exec(entry(`'2026-03-05', 'Call', 1, 1, 'worked', 4, '["a"]'`));
    rejects(entry(`'2026-3-5', 'Call', NULL, NULL, NULL, NULL, '[]'`), /CHECK constraint failed/);
    rejects(entry(`'2026-03-05', '  ', NULL, NULL, NULL, NULL, '[]'`), /CHECK constraint failed/);
    rejects(entry(`'2026-03-05', 'x', NULL, NULL, 'great', NULL, '[]'`), /CHECK constraint failed/);
    rejects(entry(`'2026-03-05', 'x', NULL, NULL, NULL, 6, '[]'`), /CHECK constraint failed/);
    rejects(entry(`'2026-03-05', 'x', NULL, NULL, NULL, NULL, 'tags'`), /CHECK constraint failed/);
    rejects(entry(`'2026-03-05', 'x', 99, NULL, NULL, NULL, '[]'`), /FOREIGN KEY constraint failed/);
    m.sqlite.exec('INSERT INTO journal_entry_techniques VALUES (1, 1)');
    rejects('INSERT INTO journal_entry_techniques VALUES (1, 1)', /UNIQUE constraint failed/);
    rejects('INSERT INTO journal_entry_techniques VALUES (1, 99)', /FOREIGN KEY constraint failed/);
    const experiment = (values: string) =>
      `INSERT INTO experiments (technique_id, hypothesis, started_on, stop_deals, stop_on, conclusion_entry_id, created_at, updated_at)
       VALUES (${values}, 'x', 'x')`;
    m.sqlite.exec(experiment(`2, 'Closes more', '2026-03-01', 10, NULL, 1`));
    rejects(experiment(`2, 'x', '2026-03-01', NULL, NULL, NULL`), /CHECK constraint failed/);
    rejects(experiment(`2, 'x', '2026-03-01', 10, '2026-04-01', NULL`), /CHECK constraint failed/);
    rejects(experiment(`2, 'x', '2026-03-01', NULL, '2026-02-01', NULL`), /CHECK constraint failed/);
    rejects(experiment(`2, 'x', '2026-03-01', 0, NULL, NULL`), /CHECK constraint failed/);
    rejects(experiment(`99, 'x', '2026-03-01', 5, NULL, NULL`), /FOREIGN KEY constraint failed/);

    // A technique anything names is never deleted; a sale or customer going clears the entry's link.
    rejects('DELETE FROM techniques WHERE id = 2', /FOREIGN KEY constraint failed/);
    m.sqlite.exec('DELETE FROM sales WHERE id = 1');
    m.sqlite.exec('DELETE FROM customers WHERE id = 1');
    expect(m.sqlite.prepare('SELECT customer_id, sale_id, title FROM journal_entries').get()).toEqual({
      customer_id: null,
      sale_id: null,
      title: 'Call',
    });
    // An entry going clears the experiment's conclusion and takes its technique links.
    m.sqlite.exec('DELETE FROM journal_entries');
    expect(m.sqlite.prepare('SELECT conclusion_entry_id FROM experiments').pluck().get()).toBeNull();
    expect(count(m.sqlite, 'journal_entry_techniques')).toBe(0);
    m.sqlite.exec(
      "INSERT INTO technique_merges (survivor_id, merged_name, sales_moved, entries_moved, merged_at) VALUES (1, 'Spin', 1, 0, 'x')",
    );
    rejects(
      "INSERT INTO technique_merges (survivor_id, merged_name, sales_moved, entries_moved, merged_at) VALUES (1, 'x', -1, 0, 'x')",
      /CHECK constraint failed/,
    );
    expect(m.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('is undone whole when it fails half-way', async () => {
    const m = await v5Database();
    await expectRollback(m, 6, 'journal_entries', /already exists/, ['technique_merges']);
    const columns = m.sqlite.prepare("SELECT name FROM pragma_table_info('techniques')").pluck().all();
    expect(columns).not.toContain('category');
  });
});
