import { sql, type Kysely } from 'kysely';

/**
 * The customer-care loop: interactions, check-ins after a won sale, complaints, the cadence
 * and contact rules that drive them, snoozes of computed follow-ups, and two ledgers (which
 * follow-ups were notified, which were exported to a calendar and with what SEQUENCE).
 * Frozen in time: never edit a migration that has shipped; add a new one.
 *
 * ON DELETE, deliberately:
 * - customer → everything of theirs CASCADEs. Only an import undo deletes customers, and
 *   only ones it created; their care rows mean nothing without them.
 * - sale → interactions, complaints and done/skipped check-ins keep their history with
 *   sale_id SET NULL; its pending check-ins are removed by the trigger below (a check-in for
 *   a sale that no longer exists is noise). A trigger rather than service code, so every path
 *   that deletes sales (the sales service, an import undo) keeps the rule.
 * - product → its cadence override CASCADEs.
 * - check-in → a complaint opened from it keeps existing with check_in_id SET NULL.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // A business date column: the shape is checked here, real calendar days by the services.
  const day = (column: string) => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

  await sql`
    CREATE TABLE interactions (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      sale_id INTEGER REFERENCES sales (id) ON DELETE SET NULL,
      kind TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'visit', 'message', 'note')),
      occurred_on TEXT NOT NULL CHECK (${day('occurred_on')}),
      summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);
  // Last contact per customer, the timeline, and interactions per day for the metrics.
  await sql`CREATE INDEX interactions_customer ON interactions (customer_id, occurred_on)`.execute(db);
  await sql`CREATE INDEX interactions_occurred ON interactions (occurred_on)`.execute(db);
  // Without it every sale delete would scan the table to apply SET NULL.
  await sql`CREATE INDEX interactions_sale ON interactions (sale_id) WHERE sale_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE check_ins (
      id INTEGER PRIMARY KEY,
      sale_id INTEGER REFERENCES sales (id) ON DELETE SET NULL,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      step_days INTEGER NOT NULL CHECK (step_days BETWEEN 0 AND 3650),
      scheduled_on TEXT NOT NULL CHECK (${day('scheduled_on')}),
      due_on TEXT NOT NULL CHECK (${day('due_on')}),
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'skipped')),
      completed_on TEXT CHECK (completed_on IS NULL OR ${day('completed_on')}),
      outcome TEXT,
      csat INTEGER CHECK (csat BETWEEN 1 AND 5),
      nps INTEGER CHECK (nps BETWEEN 0 AND 10),
      concern TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- completed_on is the day it was done or skipped.
      CHECK ((status = 'pending') = (completed_on IS NULL)),
      CHECK (status = 'done' OR (csat IS NULL AND nps IS NULL AND concern IS NULL)),
      CHECK (status <> 'pending' OR sale_id IS NOT NULL)
    ) STRICT`.execute(db);
  // One check-in per cadence step of a sale: rescheduling updates it in place, keeping its id
  // (and so its calendar UID).
  await sql`CREATE UNIQUE INDEX check_ins_sale_step ON check_ins (sale_id, step_days) WHERE sale_id IS NOT NULL`.execute(
    db,
  );
  // The follow-ups list and the notifier read pending check-ins by due date.
  await sql`CREATE INDEX check_ins_pending ON check_ins (due_on, customer_id) WHERE status = 'pending'`.execute(db);
  // The timeline (a customer's check-ins), and per customer the latest completed check-in
  // (last contact) and latest answers (at-risk), the latter two without touching the table.
  await sql`CREATE INDEX check_ins_customer ON check_ins (customer_id, status, completed_on)`.execute(db);
  await sql`CREATE INDEX check_ins_latest_answers ON check_ins (customer_id, completed_on, csat, nps) WHERE status = 'done'`.execute(
    db,
  );
  // Metrics: check-ins by due day and by completion day.
  await sql`CREATE INDEX check_ins_due ON check_ins (due_on)`.execute(db);
  await sql`CREATE INDEX check_ins_completed ON check_ins (completed_on) WHERE completed_on IS NOT NULL`.execute(db);
  await sql`
    CREATE TRIGGER sales_delete_pending_check_ins BEFORE DELETE ON sales
    BEGIN
      DELETE FROM check_ins WHERE sale_id = OLD.id AND status = 'pending';
    END`.execute(db);

  await sql`
    CREATE TABLE complaints (
      id INTEGER PRIMARY KEY,
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      sale_id INTEGER REFERENCES sales (id) ON DELETE SET NULL,
      check_in_id INTEGER REFERENCES check_ins (id) ON DELETE SET NULL,
      opened_on TEXT NOT NULL CHECK (${day('opened_on')}),
      source TEXT NOT NULL CHECK (source IN ('check_in', 'call', 'email', 'review', 'other')),
      category TEXT NOT NULL CHECK (category IN ('product', 'delivery', 'billing', 'service', 'other')),
      severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
      description TEXT NOT NULL CHECK (length(trim(description)) > 0),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed_unresolved')),
      resolution TEXT,
      resolved_on TEXT CHECK (resolved_on IS NULL OR ${day('resolved_on')}),
      -- When the follow-ups list reminds of it: opened_on + the ageing delay, or a snoozed date.
      remind_on TEXT NOT NULL CHECK (${day('remind_on')}),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((status IN ('resolved', 'closed_unresolved')) = (resolved_on IS NOT NULL)),
      CHECK (resolved_on IS NULL OR resolved_on >= opened_on)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX complaints_customer ON complaints (customer_id, status)`.execute(db);
  await sql`CREATE INDEX complaints_active ON complaints (remind_on) WHERE status IN ('open', 'in_progress')`.execute(
    db,
  );
  await sql`CREATE INDEX complaints_opened ON complaints (opened_on)`.execute(db);
  await sql`CREATE INDEX complaints_resolved ON complaints (resolved_on) WHERE resolved_on IS NOT NULL`.execute(db);
  await sql`CREATE INDEX complaints_sale ON complaints (sale_id) WHERE sale_id IS NOT NULL`.execute(db);
  // A check-in raises at most one complaint.
  await sql`CREATE UNIQUE INDEX complaints_check_in ON complaints (check_in_id) WHERE check_in_id IS NOT NULL`.execute(
    db,
  );

  // The default cadence is the row with neither product nor segment; without one the
  // services use the built-in default (3, 30, 90 days).
  await sql`
    CREATE TABLE cadence_rules (
      id INTEGER PRIMARY KEY,
      product_id INTEGER REFERENCES products (id) ON DELETE CASCADE,
      segment TEXT CHECK (segment IS NULL OR length(trim(segment)) > 0),
      days TEXT NOT NULL CHECK (json_valid(days) AND json_type(days) = 'array'),
      CHECK (product_id IS NULL OR segment IS NULL)
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX cadence_rules_scope ON cadence_rules (coalesce(product_id, 0), coalesce(segment, ''))`.execute(
    db,
  );

  await sql`
    CREATE TABLE contact_rules (
      id INTEGER PRIMARY KEY,
      scope TEXT NOT NULL CHECK (scope IN ('default', 'segment', 'tag', 'customer')),
      value TEXT CHECK (value IS NULL OR length(trim(value)) > 0),
      customer_id INTEGER REFERENCES customers (id) ON DELETE CASCADE,
      ideal_days INTEGER NOT NULL CHECK (ideal_days BETWEEN 1 AND 3650),
      max_days INTEGER NOT NULL CHECK (max_days BETWEEN 1 AND 3650),
      CHECK (max_days >= ideal_days),
      CHECK ((scope IN ('segment', 'tag')) = (value IS NOT NULL)),
      CHECK ((scope = 'customer') = (customer_id IS NOT NULL))
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX contact_rules_scope ON contact_rules (scope, coalesce(value, ''), coalesce(customer_id, 0))`.execute(
    db,
  );

  // Stay-in-touch and reorder items are computed, so a snooze is stored beside them: it holds
  // while the computed due date is still `basis_on`; a new contact or purchase moves that date
  // and the snooze no longer applies.
  await sql`
    CREATE TABLE follow_up_snoozes (
      customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('stay_in_touch', 'reorder')),
      basis_on TEXT NOT NULL CHECK (${day('basis_on')}),
      due_on TEXT NOT NULL CHECK (${day('due_on')}),
      PRIMARY KEY (customer_id, kind)
    ) STRICT, WITHOUT ROWID`.execute(db);

  // Each follow-up notifies once per due date, across restarts. No foreign key: item ids
  // span several tables (c42, s7…), and a row outliving its item is harmless.
  await sql`
    CREATE TABLE care_notified (
      item_id TEXT NOT NULL,
      due_on TEXT NOT NULL CHECK (${day('due_on')}),
      notified_at TEXT NOT NULL,
      PRIMARY KEY (item_id, due_on)
    ) STRICT, WITHOUT ROWID`.execute(db);

  // What the last calendar export said about each follow-up, so the next one can raise
  // SEQUENCE when a date moved and mark finished items as cancelled.
  await sql`
    CREATE TABLE calendar_events (
      item_id TEXT PRIMARY KEY,
      due_on TEXT NOT NULL CHECK (${day('due_on')}),
      summary TEXT NOT NULL,
      sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
      modified_at TEXT NOT NULL,
      cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
    ) STRICT, WITHOUT ROWID`.execute(db);
}
