import { describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { GOAL_METRICS, goalAggregation } from '../../src-main/features/goals/contract/definition';
import { count, databaseAt, expectMigrationKeepsRows, rejecter, rows } from '../helpers/migrations';

/** Every table holding a goal's id, and what hangs off them. */
const GOAL_TABLES = [
  'goals',
  'goal_filters',
  'goal_milestones',
  'goal_changes',
  'goal_values',
  'goal_period_results',
  'goal_nudges',
  'library_items',
  'library_takeaways',
];

/**
 * A version-7 database with two goals (one a sample, one narrowed by a product) and a row of
 * every table that points at a goal, a takeaway linked to one among them.
 */
function v7Database() {
  return databaseAt(
    7,
    `
    INSERT INTO products (id, name, currency, created_at) VALUES (1, 'Widget', 'EUR', 'x');
    INSERT INTO goals (id, title, metric, direction, aggregation, target, currency, period_kind, from_on, to_on, category, created_at, updated_at)
      VALUES (1, 'Q2', 'revenue', 'at_least', 'sum', 100, 'EUR', 'fixed', '2026-04-01', '2026-06-30', 'volume', 'x', 'x');
    INSERT INTO goals (id, title, metric, custom_name, direction, aggregation, target, period_kind, recurrence, week_starts_on, from_on, category, weight, sample, created_at, updated_at)
      VALUES (2, 'Calls', 'custom', 'cold calls', 'at_least', 'count', 20, 'recurring', 'weekly', 1, '2026-01-05', 'volume', 2, 1, 'x', 'x');
    INSERT INTO goal_filters (goal_id, product_id) VALUES (1, 1);
    INSERT INTO goal_milestones (goal_id, position, kind, title, due_on, target, auto) VALUES (1, 0, 'target', 'Half', '2026-05-15', 50, 1);
    INSERT INTO goal_changes (goal_id, changed_on, field, old_target, new_target, easing, created_at)
      VALUES (1, '2026-05-01', 'target', 120, 100, 1, 'x');
    INSERT INTO goal_values (goal_id, on_date, value, created_at) VALUES (2, '2026-01-06', 4, 'x');
    INSERT INTO goal_period_results (goal_id, from_on, to_on, target, value, progress, outcome, recorded_at)
      VALUES (2, '2026-01-05', '2026-01-11', 20, 4, 0.2, 'missed', 'x');
    INSERT INTO goal_nudges (goal_id, on_date, status, nudged_at) VALUES (1, '2026-05-20', 'behind', 'x');
    INSERT INTO library_items (id, kind, title, title_key, created_at, updated_at) VALUES (1, 'book', 'Pitch', 'pitch', 'x', 'x');
    INSERT INTO library_takeaways (item_id, text, goal_id, created_at) VALUES (1, 'Ask first', 1, 'x');`,
  );
}

describe('migration 0008 (learning goals)', () => {
  it('keeps every goal and every row pointing at one, with the same ids, indexes and sample flags', async () => {
    const m = await v7Database();
    await expectMigrationKeepsRows(m, 8, GOAL_TABLES, []);
    const indexes = m.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'goals' ORDER BY name")
      .all();
    expect(indexes).toEqual([{ name: 'goals_active' }, { name: 'goals_sample' }]);
    expect(m.sqlite.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get('goals')).toEqual({ strict: 1 });
    // Foreign keys are enforced again once it is done.
    expect(m.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('takes the learning metrics with their own aggregation and targets, and still holds the old rules', async () => {
    const m = await v7Database();
    await migrate(m.db, 7, 8);
    const rejects = rejecter(m.sqlite);
    const goal = (metric: string, aggregation: string, target: number) => {
      const currency = metric === 'revenue' || metric === 'avg_deal' ? "'EUR'" : 'NULL';
      return `INSERT INTO goals (title, metric, direction, aggregation, target, currency, period_kind, from_on, to_on, category, created_at, updated_at)
       VALUES ('g', '${metric}', 'at_least', '${aggregation}', ${target}, ${currency}, 'fixed', '2026-01-01', '2026-12-31', 'quality', 'x', 'x')`;
    };
    // The database and the contract agree on every built-in metric's aggregation.
    for (const metric of GOAL_METRICS.filter((x) => x !== 'custom')) {
      const aggregation = goalAggregation({ metric, aggregation: undefined });
      const target = metric === 'avg_satisfaction' ? 4 : 1;
      m.sqlite.exec(goal(metric, aggregation, target));
      rejects(goal(metric, aggregation === 'rate' ? 'sum' : 'rate', target), /CHECK constraint failed/);
    }
    m.sqlite.exec(goal('learning_minutes', 'sum', 30.5));
    rejects(goal('learning_minutes', 'sum', -1), /CHECK constraint failed/);
    rejects(goal('items_finished', 'count', 2.5), /CHECK constraint failed/);
    rejects(goal('pages_read', 'count', -10), /CHECK constraint failed/);
    rejects(goal('takeaways_tried', 'count', 1.5), /CHECK constraint failed/);
    rejects(goal('reading_speed', 'sum', 1), /CHECK constraint failed/);
    rejects(goal('win_rate', 'rate', 2), /CHECK constraint failed/);
    rejects('UPDATE goals SET currency = NULL WHERE id = 1', /CHECK constraint failed/);
    rejects("UPDATE goals SET category = 'learning' WHERE id = 1", /CHECK constraint failed/);
  });

  it('keeps the references to goals working: checked on insert, cascading and unlinking on delete', async () => {
    const m = await v7Database();
    await migrate(m.db, 7, 8);
    const rejects = rejecter(m.sqlite);
    rejects("INSERT INTO goal_filters (goal_id, segment) VALUES (99, 'Retail')", /FOREIGN KEY constraint failed/);
    rejects("UPDATE goal_changes SET note = 'rewritten'", /history and cannot be rewritten/);
    m.sqlite.exec('DELETE FROM goals WHERE id = 1');
    for (const table of ['goal_filters', 'goal_milestones', 'goal_changes', 'goal_nudges'])
      expect(count(m.sqlite, table), table).toBe(0);
    expect(rows(m.sqlite, 'library_takeaways')).toEqual([
      expect.objectContaining({ text: 'Ask first', goal_id: null }),
    ]);
    expect(count(m.sqlite, 'goal_values')).toBe(1);
  });

  it('is undone whole when a reference would break, with foreign keys back on', async () => {
    const m = await v7Database();
    // A filter row pointing at a goal that is not there: the check before commit finds it.
    m.sqlite.pragma('foreign_keys = OFF');
    m.sqlite.exec("INSERT INTO goal_filters (goal_id, segment) VALUES (42, 'Retail')");
    m.sqlite.pragma('foreign_keys = ON');
    const before = m.sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = 'goals'").get();
    await expect(migrate(m.db, 7, 8)).rejects.toThrow(/Migration 8 \(learning goals\) failed.*goal_filters/);
    expect(m.sqlite.pragma('user_version', { simple: true })).toBe(7);
    expect(m.sqlite.prepare("SELECT sql FROM sqlite_schema WHERE name = 'goals'").get()).toEqual(before);
    expect(count(m.sqlite, 'goals')).toBe(2);
    expect(m.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
