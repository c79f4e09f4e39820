import { sql, type Kysely } from 'kysely';

/**
 * Goals with timelines: the goals themselves (metric, target, period, filters, scorecard
 * weight), their milestones, the honest history of target and deadline changes, hand-logged
 * values of custom metrics, each closed period's result as first recorded, the app-wide
 * planned breaks of the work calendar (its weekdays are a setting), and the ledger of
 * behind-pace nudges. Frozen in time: never edit a migration that has shipped; add a new one.
 *
 * Goals are archived, never deleted, so everything of a goal CASCADEs only for completeness.
 * A filter's product or technique may not be deleted while a goal narrows by it (the default
 * NO ACTION): silently dropping the filter would widen the goal behind the seller's back.
 * History is append-only: a trigger refuses to rewrite a recorded change or a closed period's
 * result, whatever code path tries.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // A business date column: the shape is checked here, real calendar days by the services.
  const day = (column: string) => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

  await sql`
    CREATE TABLE goals (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      metric TEXT NOT NULL CHECK (metric IN ('revenue', 'deals_won', 'win_rate', 'avg_deal', 'new_customers',
        'repeat_customers', 'avg_satisfaction', 'nps', 'checkins_on_time', 'interactions', 'custom')),
      -- What a custom metric measures ("cold calls"); only custom metrics have one.
      custom_name TEXT CHECK (custom_name IS NULL OR length(trim(custom_name)) > 0),
      direction TEXT NOT NULL CHECK (direction IN ('at_least', 'at_most')),
      aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'count', 'average', 'rate', 'latest')),
      -- In the metric's unit: money in minor units of currency, rates 0–1, NPS −100…100.
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
      CHECK ((metric = 'custom') = (custom_name IS NOT NULL)),
      CHECK ((period_kind = 'fixed') = (to_on IS NOT NULL)),
      CHECK ((period_kind = 'recurring') = (recurrence IS NOT NULL)),
      CHECK (to_on IS NULL OR to_on >= from_on),
      CHECK ((metric IN ('revenue', 'avg_deal')) = (currency IS NOT NULL)),
      -- Built-in metrics have one aggregation each (shared/goals.ts METRICS).
      CHECK (metric = 'custom' OR aggregation = CASE
        WHEN metric = 'revenue' THEN 'sum'
        WHEN metric IN ('deals_won', 'new_customers', 'repeat_customers', 'interactions') THEN 'count'
        WHEN metric IN ('win_rate', 'checkins_on_time') THEN 'rate'
        ELSE 'average' END),
      -- Targets a metric can take: money and counts are whole and not negative, rates are
      -- fractions, satisfaction 1–5, NPS −100…100.
      CHECK (metric NOT IN ('revenue', 'avg_deal', 'deals_won', 'new_customers', 'repeat_customers', 'interactions')
        OR (target >= 0 AND target = round(target))),
      CHECK (metric NOT IN ('win_rate', 'checkins_on_time') OR target BETWEEN 0 AND 1),
      CHECK (metric <> 'avg_satisfaction' OR target BETWEEN 1 AND 5),
      CHECK (metric <> 'nps' OR target BETWEEN -100 AND 100)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX goals_active ON goals (archived_at, id)`.execute(db);

  // A goal narrows by any of several products, techniques and segments (OR within a kind,
  // AND across kinds). One row per value.
  await sql`
    CREATE TABLE goal_filters (
      goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      product_id INTEGER REFERENCES products (id),
      technique_id INTEGER REFERENCES techniques (id),
      segment TEXT CHECK (segment IS NULL OR length(trim(segment)) > 0),
      CHECK ((product_id IS NOT NULL) + (technique_id IS NOT NULL) + (segment IS NOT NULL) = 1)
    ) STRICT`.execute(db);
  await sql`
    CREATE UNIQUE INDEX goal_filters_value
    ON goal_filters (goal_id, coalesce(product_id, 0), coalesce(technique_id, 0), coalesce(segment, ''))`.execute(db);
  // The foreign-key checks when a product or technique is deleted.
  await sql`CREATE INDEX goal_filters_product ON goal_filters (product_id) WHERE product_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX goal_filters_technique ON goal_filters (technique_id) WHERE technique_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE goal_milestones (
      id INTEGER PRIMARY KEY,
      goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      kind TEXT NOT NULL CHECK (kind IN ('target', 'step')),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      due_on TEXT NOT NULL CHECK (${day('due_on')}),
      target REAL,
      -- Reached automatically when the metric gets there (targets only), else ticked by hand.
      auto INTEGER NOT NULL CHECK (auto IN (0, 1)),
      done_on TEXT CHECK (done_on IS NULL OR ${day('done_on')}),
      CHECK ((kind = 'target') = (target IS NOT NULL)),
      CHECK (kind = 'target' OR auto = 0),
      CHECK (auto = 0 OR done_on IS NULL)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX goal_milestones_goal ON goal_milestones (goal_id, position)`.execute(db);

  // Every change of target or deadline, easing or tightening, with the day and both values.
  await sql`
    CREATE TABLE goal_changes (
      id INTEGER PRIMARY KEY,
      goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      changed_on TEXT NOT NULL CHECK (${day('changed_on')}),
      field TEXT NOT NULL CHECK (field IN ('target', 'deadline')),
      old_target REAL,
      new_target REAL,
      old_deadline TEXT CHECK (old_deadline IS NULL OR ${day('old_deadline')}),
      new_deadline TEXT CHECK (new_deadline IS NULL OR ${day('new_deadline')}),
      easing INTEGER NOT NULL CHECK (easing IN (0, 1)),
      note TEXT,
      created_at TEXT NOT NULL,
      CHECK (CASE field
        WHEN 'target' THEN old_target IS NOT NULL AND new_target IS NOT NULL AND old_target <> new_target
          AND old_deadline IS NULL AND new_deadline IS NULL
        ELSE old_deadline IS NOT NULL AND new_deadline IS NOT NULL AND old_deadline <> new_deadline
          AND old_target IS NULL AND new_target IS NULL END)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX goal_changes_goal ON goal_changes (goal_id, changed_on, id)`.execute(db);
  await sql`
    CREATE TRIGGER goal_changes_kept BEFORE UPDATE ON goal_changes
    BEGIN
      SELECT RAISE(ABORT, 'a recorded goal change is history and cannot be rewritten');
    END`.execute(db);

  // Data points of custom metrics, logged by hand or imported; several may share a day.
  await sql`
    CREATE TABLE goal_values (
      id INTEGER PRIMARY KEY,
      goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      on_date TEXT NOT NULL CHECK (${day('on_date')}),
      value REAL NOT NULL,
      note TEXT,
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX goal_values_goal ON goal_values (goal_id, on_date, id)`.execute(db);

  // A closed period's result as it stood when Rapport first saw the period closed. Never
  // updated: when the data changes later, the screens show this beside today's value.
  await sql`
    CREATE TABLE goal_period_results (
      goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      from_on TEXT NOT NULL CHECK (${day('from_on')}),
      to_on TEXT NOT NULL CHECK (${day('to_on')}),
      target REAL NOT NULL,
      value REAL,
      progress REAL NOT NULL CHECK (progress BETWEEN 0 AND 1),
      outcome TEXT NOT NULL CHECK (outcome IN ('achieved', 'missed')),
      recorded_at TEXT NOT NULL,
      CHECK (to_on >= from_on),
      PRIMARY KEY (goal_id, from_on)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`
    CREATE TRIGGER goal_period_results_kept BEFORE UPDATE ON goal_period_results
    BEGIN
      SELECT RAISE(ABORT, 'a closed period''s result is kept as it was recorded');
    END`.execute(db);

  // Planned breaks (holidays) of the app-wide work calendar.
  await sql`
    CREATE TABLE work_breaks (
      id INTEGER PRIMARY KEY,
      from_on TEXT NOT NULL CHECK (${day('from_on')}),
      to_on TEXT NOT NULL CHECK (${day('to_on')}),
      label TEXT NOT NULL DEFAULT '',
      CHECK (to_on >= from_on)
    ) STRICT`.execute(db);

  // Satisfaction and NPS goals read every answer given at a check-in over a year or two; this
  // serves them from the index alone (at 100,000 sales, ten times faster than table lookups).
  await sql`
    CREATE INDEX check_ins_answers ON check_ins (completed_on, csat, nps, customer_id, sale_id)
    WHERE status = 'done'`.execute(db);

  // At most one behind-pace nudge per goal per day, across restarts.
  await sql`
    CREATE TABLE goal_nudges (
      goal_id INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
      on_date TEXT NOT NULL CHECK (${day('on_date')}),
      status TEXT NOT NULL CHECK (status IN ('behind', 'at_risk')),
      nudged_at TEXT NOT NULL,
      PRIMARY KEY (goal_id, on_date)
    ) STRICT, WITHOUT ROWID`.execute(db);
}
