import { sql, type Kysely } from 'kysely';

/**
 * Goals on the learning metrics: items finished, minutes spent learning, pages read and
 * takeaways tried (features/metrics/definitions.ts). The goals table's CHECKs name every
 * metric, its aggregation and the targets it takes, and SQLite cannot change an unnamed CHECK
 * in place, so the table is rebuilt: created anew under another name with the learning
 * metrics in its CHECKs, filled with every row as it was, the old table dropped, the new one
 * renamed, its indexes made again. Frozen in time: never edit a migration that has shipped;
 * add a new one.
 *
 * The rows of goal_filters, goal_milestones, goal_changes, goal_values, goal_period_results,
 * goal_nudges and library_takeaways point at goals by id: with foreign keys enforced, dropping
 * the old table would delete or unlink them all (ON DELETE CASCADE / SET NULL), so this
 * migration runs with them off (`foreignKeysOff`, SQLite's own way of changing a table's
 * definition) and the runner checks every reference before it commits.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const day = (column: string) => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

  await sql`
    CREATE TABLE goals_learning (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      metric TEXT NOT NULL CHECK (metric IN ('revenue', 'deals_won', 'win_rate', 'avg_deal', 'new_customers',
        'repeat_customers', 'avg_satisfaction', 'nps', 'checkins_on_time', 'interactions',
        'items_finished', 'learning_minutes', 'pages_read', 'takeaways_tried', 'custom')),
      -- What a custom metric measures ("cold calls"); only custom metrics have one.
      custom_name TEXT CHECK (custom_name IS NULL OR length(trim(custom_name)) > 0),
      direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
      aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'count', 'average', 'rate', 'latest')),
      -- In the metric's unit: money in minor units of currency, rates 0–1, NPS −100…100, minutes.
      target REAL NOT NULL,
      -- Money metrics only: the settings currency when the goal was created.
      currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
      period_kind TEXT NOT NULL CHECK (period_kind IN ('fixed', 'recurring')),
      recurrence TEXT CHECK (recurrence IN ('weekly', 'monthly', 'quarterly', 'yearly')),
      week_starts_on INTEGER NOT NULL DEFAULT 1 CHECK (week_starts_on BETWEEN 0 AND 6),
      -- Fixed: the first and last day. Recurring: from_on is "since", to_on is NULL.
      from_on TEXT NOT NULL CHECK (${day('from_on')}),
      to_on TEXT CHECK (to_on IS NULL OR ${day('to_on')}),
      -- The goal's own work calendar (JSON {weekdays, breaks}); NULL follows the app-wide one.
      calendar TEXT CHECK (calendar IS NULL OR (json_valid(calendar) AND json_type(calendar) = 'object')),
      category TEXT NOT NULL CHECK (category IN ('volume', 'quality', 'loyalty')),
      weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight <= 100),
      archived_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- Made by the sample data (migration 0005).
      sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
      CHECK ((metric = 'custom') = (custom_name IS NOT NULL)),
      CHECK ((period_kind = 'fixed') = (to_on IS NOT NULL)),
      CHECK ((period_kind = 'recurring') = (recurrence IS NOT NULL)),
      CHECK (to_on IS NULL OR to_on >= from_on),
      CHECK ((metric IN ('revenue', 'avg_deal')) = (currency IS NOT NULL)),
      -- Built-in metrics have one aggregation each (goals/contract/definition.ts METRICS).
      CHECK (metric = 'custom' OR aggregation = CASE
        WHEN metric IN ('revenue', 'learning_minutes') THEN 'sum'
        WHEN metric IN ('deals_won', 'new_customers', 'repeat_customers', 'interactions',
          'items_finished', 'pages_read', 'takeaways_tried') THEN 'count'
        WHEN metric IN ('win_rate', 'checkins_on_time') THEN 'rate'
        ELSE 'average' END),
      -- Targets a metric can take: money and counts are whole and not negative, minutes not
      -- negative, rates are fractions, satisfaction 1–5, NPS −100…100.
      CHECK (metric NOT IN ('revenue', 'avg_deal', 'deals_won', 'new_customers', 'repeat_customers', 'interactions',
          'items_finished', 'pages_read', 'takeaways_tried')
        OR (target >= 0 AND target = round(target))),
      CHECK (metric <> 'learning_minutes' OR target >= 0),
      CHECK (metric NOT IN ('win_rate', 'checkins_on_time') OR target BETWEEN 0 AND 1),
      CHECK (metric <> 'avg_satisfaction' OR target BETWEEN 1 AND 5),
      CHECK (metric <> 'nps' OR target BETWEEN -100 AND 100)
    ) STRICT`.execute(db);
  const columns = sql.raw(
    'id, title, metric, custom_name, direction, aggregation, target, currency, period_kind, recurrence, ' +
      'week_starts_on, from_on, to_on, calendar, category, weight, archived_at, created_at, updated_at, sample',
  );
  await sql`INSERT INTO goals_learning (${columns}) SELECT ${columns} FROM goals`.execute(db);
  await sql`DROP TABLE goals`.execute(db);
  await sql`ALTER TABLE goals_learning RENAME TO goals`.execute(db);
  await sql`CREATE INDEX goals_active ON goals (archived_at, id)`.execute(db);
  await sql`CREATE INDEX goals_sample ON goals (id) WHERE sample = 1`.execute(db);
}
