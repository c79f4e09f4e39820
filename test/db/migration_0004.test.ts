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
  rows,
  TABLES_V2,
  type MigrationDb,
} from '../helpers/migrations';

const GOAL_TABLES = [
  'goals',
  'goal_filters',
  'goal_milestones',
  'goal_changes',
  'goal_values',
  'goal_period_results',
  'work_breaks',
  'goal_nudges',
];

/** A version-3 database with customers, a product, a technique, sales and some care rows. */
function v3Database(): Promise<MigrationDb> {
  return databaseAt(
    3,
    `
    INSERT INTO customers (id, name, name_key, email, segment, created_at, updated_at)
      VALUES (1, 'Ada Lovelace', 'ada lovelace', 'ada@example.com', 'SMB', 'x', 'x'),
             (2, 'Bob Byte', 'bob byte', NULL, NULL, 'x', 'x');
    INSERT INTO products (id, name, currency, created_at) VALUES (1, 'Workshop', 'EUR', 'x'), (2, 'Audit', 'EUR', 'x');
    INSERT INTO techniques (id, name, created_at) VALUES (1, 'SPIN', 'x');
    INSERT INTO sales (id, title, customer_id, product_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
      VALUES (1, 'Workshop — Ada', 1, 1, 150000, 'EUR', 'won', '2026-03-01', '2026-03-10', 'x', 'x'),
             (2, 'Pitch — Bob', 2, NULL, 500, 'EUR', 'open', '2026-05-01', NULL, 'x', 'x');
    INSERT INTO sale_techniques VALUES (1, 1);
    INSERT INTO settings VALUES ('currency', '"EUR"');
    INSERT INTO interactions (customer_id, sale_id, kind, occurred_on, summary, created_at)
      VALUES (1, 1, 'call', '2026-03-12', 'Checked the delivery', 'x');
    INSERT INTO check_ins (sale_id, customer_id, step_days, scheduled_on, due_on, created_at, updated_at)
      VALUES (1, 1, 30, '2026-04-09', '2026-04-09', 'x', 'x');`,
  );
}

const GOAL_COLUMNS =
  'title, metric, custom_name, direction, aggregation, target, currency, period_kind, recurrence, from_on, to_on, category, created_at, updated_at';
const goal = (values: string): string => `INSERT INTO goals (${GOAL_COLUMNS}) VALUES (${values})`;

/** One valid row in every goal table: a fixed revenue goal (1) and a recurring custom one (2). */
function seedGoals(sqlite: Database.Database): void {
  sqlite.exec(`
    ${goal(`'Q2 revenue', 'revenue', NULL, 'at_least', 'sum', 5000000, 'EUR', 'fixed', NULL, '2026-04-01', '2026-06-30', 'volume', 'x', 'x'`)};
    ${goal(`'Cold calls', 'custom', 'calls', 'at_least', 'count', 40, NULL, 'recurring', 'weekly', '2026-01-05', NULL, 'volume', 'x', 'x'`)};
    INSERT INTO goal_filters (goal_id, product_id, technique_id, segment)
      VALUES (1, 1, NULL, NULL), (1, NULL, 1, NULL), (1, NULL, NULL, 'SMB');
    INSERT INTO goal_milestones (goal_id, position, kind, title, due_on, target, auto, done_on)
      VALUES (1, 0, 'target', 'Half way', '2026-05-15', 2500000, 1, NULL),
             (1, 1, 'step', 'Call the top ten', '2026-04-10', NULL, 0, '2026-04-08');
    INSERT INTO goal_changes (goal_id, changed_on, field, old_target, new_target, old_deadline, new_deadline, easing, note, created_at)
      VALUES (1, '2026-05-02', 'target', 6000000, 5000000, NULL, NULL, 1, 'Lost a big deal', 'x');
    INSERT INTO goal_values (goal_id, on_date, value, note, created_at) VALUES (2, '2026-01-05', 12, NULL, 'x');
    INSERT INTO goal_period_results (goal_id, from_on, to_on, target, value, progress, outcome, recorded_at)
      VALUES (2, '2026-01-05', '2026-01-11', 40, 12, 0.3, 'missed', 'x');
    INSERT INTO work_breaks (from_on, to_on, label) VALUES ('2026-08-10', '2026-08-21', 'Summer');
    INSERT INTO goal_nudges VALUES (1, '2026-05-04', 'behind', 'x');`);
}

/** The v3 database migrated to 4 and given goal rows. */
const goalsDatabase = async (): Promise<MigrationDb> => migratedWith(await v3Database(), 4, seedGoals);

describe('migration 0004 (goals)', () => {
  it('keeps every v3 row intact and adds empty, strict goal tables', async () => {
    const old = await v3Database();
    await expectMigrationKeepsRows(old, 4, [...TABLES_V2, ...CARE_TABLES], GOAL_TABLES);
  });

  it('accepts valid goal rows and rejects what the rules forbid', async () => {
    const { sqlite } = await goalsDatabase();
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    // A whole number stays exact in a REAL column: money targets are minor units.
    expect(sqlite.prepare('SELECT target FROM goals WHERE id = 1').get()).toEqual({ target: 5000000 });

    const rejects = rejecter(sqlite);
    const fixed = (metric: string, aggregation: string, target: string, currency = 'NULL'): string =>
      goal(
        `'G', '${metric}', NULL, 'at_least', '${aggregation}', ${target}, ${currency}, 'fixed', NULL, '2026-01-01', '2026-03-31', 'volume', 'x', 'x'`,
      );
    // each metric keeps its own aggregation and the targets it can take
    rejects(fixed('revenue', 'average', '100', "'EUR'"), /CHECK/);
    rejects(fixed('revenue', 'sum', '100.5', "'EUR'"), /CHECK/);
    rejects(fixed('revenue', 'sum', '-1', "'EUR'"), /CHECK/);
    rejects(fixed('revenue', 'sum', '100'), /CHECK/); // money needs its currency
    rejects(fixed('deals_won', 'count', '10', "'EUR'"), /CHECK/); // and only money has one
    rejects(fixed('deals_won', 'count', '2.5'), /CHECK/);
    rejects(fixed('win_rate', 'rate', '1.2'), /CHECK/);
    rejects(fixed('avg_satisfaction', 'average', '0.5'), /CHECK/);
    rejects(fixed('nps', 'average', '-101'), /CHECK/);
    rejects(fixed('calls', 'sum', '1'), /CHECK/);
    expect(() => sqlite.exec(fixed('nps', 'average', '-20'))).not.toThrow();
    // a custom metric names what it measures, and only it does
    rejects(
      goal(
        `'G', 'custom', NULL, 'at_least', 'sum', 5, NULL, 'fixed', NULL, '2026-01-01', '2026-03-31', 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    rejects(
      goal(
        `'G', 'deals_won', 'deals', 'at_least', 'count', 5, NULL, 'fixed', NULL, '2026-01-01', '2026-03-31', 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    // periods: fixed has an end after its start and no recurrence; recurring the reverse
    rejects(
      goal(
        `'G', 'deals_won', NULL, 'at_least', 'count', 5, NULL, 'fixed', NULL, '2026-03-31', '2026-01-01', 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    rejects(
      goal(
        `'G', 'deals_won', NULL, 'at_least', 'count', 5, NULL, 'fixed', 'monthly', '2026-01-01', '2026-03-31', 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    rejects(
      goal(
        `'G', 'deals_won', NULL, 'at_least', 'count', 5, NULL, 'recurring', 'monthly', '2026-01-01', '2026-03-31', 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    rejects(
      goal(
        `'G', 'deals_won', NULL, 'at_least', 'count', 5, NULL, 'recurring', 'daily', '2026-01-01', NULL, 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    rejects(
      goal(
        `'G', 'deals_won', NULL, 'sideways', 'count', 5, NULL, 'fixed', NULL, '2026-01-01', '2026-03-31', 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    rejects(
      goal(
        `' ', 'deals_won', NULL, 'at_least', 'count', 5, NULL, 'fixed', NULL, '1 Jan', '2026-03-31', 'volume', 'x', 'x'`,
      ),
      /CHECK/,
    );
    rejects(`UPDATE goals SET weight = 0 WHERE id = 1`, /CHECK/);
    rejects(`UPDATE goals SET calendar = '[1,2]' WHERE id = 1`, /CHECK/);
    rejects(`UPDATE goals SET category = 'speed' WHERE id = 1`, /CHECK/);

    // filters: exactly one value per row, once per goal, pointing at real rows
    rejects(`INSERT INTO goal_filters VALUES (1, 1, 1, NULL)`, /CHECK/);
    rejects(`INSERT INTO goal_filters VALUES (1, NULL, NULL, NULL)`, /CHECK/);
    rejects(`INSERT INTO goal_filters VALUES (1, 1, NULL, NULL)`, /UNIQUE/);
    rejects(`INSERT INTO goal_filters VALUES (1, 9, NULL, NULL)`, /FOREIGN KEY/);
    rejects(`INSERT INTO goal_filters VALUES (9, 2, NULL, NULL)`, /FOREIGN KEY/);

    // milestones: a target has one; a checklist step is ticked by hand; automatic ones are not ticked
    const milestone = (values: string): string =>
      `INSERT INTO goal_milestones (goal_id, position, kind, title, due_on, target, auto, done_on) VALUES (${values})`;
    rejects(milestone(`1, 2, 'target', 'M', '2026-05-01', NULL, 1, NULL`), /CHECK/);
    rejects(milestone(`1, 2, 'step', 'M', '2026-05-01', 10, 0, NULL`), /CHECK/);
    rejects(milestone(`1, 2, 'step', 'M', '2026-05-01', NULL, 1, NULL`), /CHECK/);
    rejects(milestone(`1, 2, 'target', 'M', '2026-05-01', 10, 1, '2026-05-01'`), /CHECK/);
    rejects(milestone(`1, 2, 'goal', 'M', '2026-05-01', NULL, 0, NULL`), /CHECK/);

    // changes: the field's two values, different from each other, and nothing else
    const change = (values: string): string =>
      `INSERT INTO goal_changes (goal_id, changed_on, field, old_target, new_target, old_deadline, new_deadline, easing, created_at) VALUES (${values})`;
    rejects(change(`1, '2026-05-03', 'target', 5000000, NULL, NULL, NULL, 1, 'x'`), /CHECK/);
    rejects(change(`1, '2026-05-03', 'target', 5000000, 5000000, NULL, NULL, 0, 'x'`), /CHECK/);
    rejects(change(`1, '2026-05-03', 'target', 1, 2, '2026-06-30', '2026-07-31', 0, 'x'`), /CHECK/);
    rejects(change(`1, '2026-05-03', 'deadline', NULL, NULL, '2026-06-30', NULL, 1, 'x'`), /CHECK/);
    rejects(change(`1, '2026-05-03', 'start', NULL, NULL, '2026-06-30', '2026-07-31', 1, 'x'`), /CHECK/);
    expect(() =>
      sqlite.exec(change(`1, '2026-05-03', 'deadline', NULL, NULL, '2026-06-30', '2026-07-31', 1, 'x'`)),
    ).not.toThrow();

    rejects(
      `INSERT INTO goal_period_results VALUES (2, '2026-01-05', '2026-01-11', 40, 40, 1, 'achieved', 'y')`,
      /UNIQUE|PRIMARY KEY/,
    );
    rejects(
      `INSERT INTO goal_period_results VALUES (2, '2026-01-12', '2026-01-18', 40, 40, 1.5, 'achieved', 'y')`,
      /CHECK/,
    );
    rejects(`INSERT INTO goal_period_results VALUES (2, '2026-01-12', '2026-01-18', 40, 40, 1, 'late', 'y')`, /CHECK/);
    rejects(`INSERT INTO work_breaks (from_on, to_on) VALUES ('2026-08-21', '2026-08-10')`, /CHECK/);
    rejects(`INSERT INTO goal_nudges VALUES (1, '2026-05-04', 'at_risk', 'y')`, /UNIQUE|PRIMARY KEY/);
    rejects(`INSERT INTO goal_nudges VALUES (1, '2026-05-05', 'ahead', 'y')`, /CHECK/);
    rejects(
      `INSERT INTO goal_values (goal_id, on_date, value, created_at) VALUES (2, '2026-01-06', 'ten', 'x')`,
      /cannot store TEXT|datatype/i,
    );
  });

  it('keeps history as recorded: changes and closed periods cannot be rewritten', async () => {
    const { sqlite } = await goalsDatabase();
    expect(() => sqlite.exec(`UPDATE goal_changes SET new_target = 100 WHERE goal_id = 1`)).toThrow(
      /cannot be rewritten/,
    );
    expect(() => sqlite.exec(`UPDATE goal_period_results SET outcome = 'achieved'`)).toThrow(/kept as it was recorded/);
    expect(rows(sqlite, 'goal_period_results')).toEqual([
      expect.objectContaining({ value: 12, outcome: 'missed', progress: 0.3 }),
    ]);
  });

  it('will not drop a filter with its product or technique, which would widen the goal', async () => {
    const { sqlite } = await goalsDatabase();
    sqlite.exec('DELETE FROM sale_techniques');
    expect(() => sqlite.exec('DELETE FROM products WHERE id = 1')).toThrow(/FOREIGN KEY/);
    expect(() => sqlite.exec('DELETE FROM techniques WHERE id = 1')).toThrow(/FOREIGN KEY/);
    expect(count(sqlite, 'goal_filters')).toBe(3);
    // A product no goal uses goes as before.
    sqlite.exec('DELETE FROM products WHERE id = 2');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('rolls back as a whole when it fails halfway', async () => {
    const old = await v3Database();
    await expectRollback(old, 4, 'goal_values', /Migration 4 \(goals\) failed and was rolled back/, [
      'goals',
      'goal_changes',
    ]);
  });
});
