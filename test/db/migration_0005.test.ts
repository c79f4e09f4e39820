import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { databaseAt, rejecter, rows } from '../helpers/migrations';

const FLAGGED = ['customers', 'products', 'techniques', 'sales', 'interactions', 'check_ins', 'complaints', 'goals'];

/** A version-4 database with a row in every table that gets the flag, and some around them. */
function v4Database() {
  return databaseAt(
    4,
    `
    INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ada', 'ada', 'x', 'x');
    INSERT INTO products (id, name, currency, created_at) VALUES (1, 'Workshop', 'EUR', 'x');
    INSERT INTO techniques (id, name, created_at) VALUES (1, 'SPIN', 'x');
    INSERT INTO sales (id, title, customer_id, product_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
      VALUES (1, 'Workshop — Ada', 1, 1, 150000, 'EUR', 'won', '2026-03-01', '2026-03-10', 'x', 'x');
    INSERT INTO sale_techniques VALUES (1, 1);
    INSERT INTO interactions (id, customer_id, sale_id, kind, occurred_on, summary, created_at)
      VALUES (1, 1, 1, 'call', '2026-03-12', 'Checked the delivery', 'x');
    INSERT INTO check_ins (id, sale_id, customer_id, step_days, scheduled_on, due_on, created_at, updated_at)
      VALUES (1, 1, 1, 30, '2026-04-09', '2026-04-09', 'x', 'x');
    INSERT INTO complaints (id, customer_id, opened_on, source, category, severity, description, remind_on, created_at, updated_at)
      VALUES (1, 1, '2026-03-15', 'call', 'delivery', 'low', 'Late', '2026-03-22', 'x', 'x');
    INSERT INTO goals (id, title, metric, direction, aggregation, target, currency, period_kind, from_on, to_on, category, created_at, updated_at)
      VALUES (1, 'Q2', 'revenue', 'at_least', 'sum', 100, 'EUR', 'fixed', '2026-04-01', '2026-06-30', 'volume', 'x', 'x');`,
  );
}

describe('migration 0005 (sample rows)', () => {
  it('keeps every v4 row, marks it real, and allows only 0 or 1', async () => {
    const m = await v4Database();
    const before = Object.fromEntries(FLAGGED.map((table) => [table, rows(m.sqlite, table)]));
    await migrate(m.db, 4, 5);
    expect(m.sqlite.pragma('user_version', { simple: true })).toBe(5);
    for (const table of FLAGGED) {
      const after = rows(m.sqlite, table) as Record<string, unknown>[];
      expect(
        after.map(({ sample: _flag, ...rest }) => rest),
        table,
      ).toEqual(before[table]);
      expect(
        after.map((r) => r.sample),
        table,
      ).toEqual([0]);
      expect(m.sqlite.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').pluck().get(table), table).toBe(1);
      expect(
        m.sqlite
          .prepare('SELECT count(*) FROM sqlite_schema WHERE type = ? AND name = ?')
          .pluck()
          .get('index', `${table}_sample`),
      ).toBe(1);
    }
    const rejects = rejecter(m.sqlite);
    rejects('UPDATE customers SET sample = 2', /CHECK constraint failed/);
    rejects('UPDATE sales SET sample = NULL', /NOT NULL constraint failed/);
    rejects("UPDATE goals SET sample = 'yes'", /cannot store TEXT value in INTEGER column|CHECK constraint failed/);
    m.sqlite.exec('UPDATE sales SET sample = 1');
    expect(m.sqlite.prepare('SELECT sample FROM sales').pluck().get()).toBe(1);
    expect(m.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('is undone whole when it fails half-way', async () => {
    const m = await v4Database();
    // The index of the fourth table already exists: the first three columns must not stay.
    m.sqlite.exec('CREATE INDEX sales_sample ON sales (id)');
    await expect(migrate(m.db, 4, 5)).rejects.toThrow(/already exists/);
    expect(m.sqlite.pragma('user_version', { simple: true })).toBe(4);
    const columns = m.sqlite.prepare("SELECT name FROM pragma_table_info('customers')").pluck().all();
    expect(columns).not.toContain('sample');
  });
});
