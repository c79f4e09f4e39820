import { sql, type Kysely } from 'kysely';
import { ensureSearchIndex } from '../searchIndex';

/**
 * The technique journal: a technique catalogue with categories, how-to steps, a source and
 * retirement; the record of merges; journal entries (linked to techniques, a customer and a
 * sale); experiments with a stop rule. Frozen in time: never edit a migration that has
 * shipped; add a new one.
 *
 * ON DELETE, deliberately:
 * - technique → RESTRICT everywhere (sales, journal entries, experiments refer to it): a
 *   technique is retired, or merged into another, never deleted while anything names it.
 * - customer / sale → a journal entry keeps its text with the link SET NULL (an import undo
 *   may remove the sale it was about; what the seller wrote stays).
 * - journal entry → an experiment's conclusion link is SET NULL.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const day = (column: string) => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

  await sql`ALTER TABLE techniques ADD COLUMN category TEXT NOT NULL DEFAULT 'other'
    CHECK (category IN ('prospecting', 'opening', 'discovery', 'presentation', 'objections', 'negotiation',
      'closing', 'follow_up', 'other'))`.execute(db);
  // How-to steps: a JSON array of strings.
  await sql`ALTER TABLE techniques ADD COLUMN steps TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(steps))`.execute(db);
  // Where it came from, in the seller's words (a book, a seminar, a colleague).
  await sql`ALTER TABLE techniques ADD COLUMN source TEXT`.execute(db);
  // Retired techniques stay on old sales and in the statistics; new sales no longer offer them.
  await sql`ALTER TABLE techniques ADD COLUMN retired_at TEXT`.execute(db);
  // The starter set's key ('spin', 'feel_felt_found'…) when it came from there.
  await sql`ALTER TABLE techniques ADD COLUMN starter TEXT`.execute(db);
  await sql`ALTER TABLE techniques ADD COLUMN updated_at TEXT`.execute(db);
  await sql`UPDATE techniques SET updated_at = created_at`.execute(db);

  await sql`
    CREATE TABLE technique_merges (
      id INTEGER PRIMARY KEY,
      survivor_id INTEGER NOT NULL REFERENCES techniques (id) ON DELETE CASCADE,
      merged_name TEXT NOT NULL,
      sales_moved INTEGER NOT NULL CHECK (sales_moved >= 0),
      entries_moved INTEGER NOT NULL CHECK (entries_moved >= 0),
      merged_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX technique_merges_survivor ON technique_merges (survivor_id)`.execute(db);

  await sql`
    CREATE TABLE journal_entries (
      id INTEGER PRIMARY KEY,
      sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
      entry_date TEXT NOT NULL CHECK (${day('entry_date')}),
      title TEXT NOT NULL CHECK (length(trim(title)) > 0),
      situation TEXT,
      customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
      sale_id INTEGER REFERENCES sales (id) ON DELETE SET NULL,
      action TEXT,
      outcome TEXT CHECK (outcome IN ('worked', 'mixed', 'didnt')),
      learned TEXT,
      next_time TEXT,
      confidence INTEGER CHECK (confidence BETWEEN 1 AND 5),
      tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
      body TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX journal_entries_date ON journal_entries (entry_date, id)`.execute(db);
  await sql`CREATE INDEX journal_entries_customer ON journal_entries (customer_id) WHERE customer_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX journal_entries_sale ON journal_entries (sale_id) WHERE sale_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX journal_entries_sample ON journal_entries (id) WHERE sample = 1`.execute(db);

  await sql`
    CREATE TABLE journal_entry_techniques (
      entry_id INTEGER NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
      technique_id INTEGER NOT NULL REFERENCES techniques (id) ON DELETE RESTRICT,
      PRIMARY KEY (entry_id, technique_id)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX journal_entry_techniques_technique ON journal_entry_techniques (technique_id, entry_id)`.execute(
    db,
  );

  await sql`
    CREATE TABLE experiments (
      id INTEGER PRIMARY KEY,
      sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1)),
      technique_id INTEGER NOT NULL REFERENCES techniques (id) ON DELETE RESTRICT,
      hypothesis TEXT NOT NULL CHECK (length(trim(hypothesis)) > 0),
      started_on TEXT NOT NULL CHECK (${day('started_on')}),
      -- The stop rule: after this many closed deals with the technique, or on this day.
      stop_deals INTEGER CHECK (stop_deals > 0),
      stop_on TEXT CHECK (stop_on IS NULL OR (${day('stop_on')} AND stop_on >= started_on)),
      segment TEXT,
      -- Set when the seller concludes it (the conclusion is a journal entry).
      ended_on TEXT CHECK (ended_on IS NULL OR ${day('ended_on')}),
      conclusion_entry_id INTEGER REFERENCES journal_entries (id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((stop_deals IS NULL) <> (stop_on IS NULL))
    ) STRICT`.execute(db);
  await sql`CREATE INDEX experiments_technique ON experiments (technique_id)`.execute(db);
  await sql`CREATE INDEX experiments_sample ON experiments (id) WHERE sample = 1`.execute(db);

  // What works (metrics/techniques.ts) looks up the answers given at each sale's done check-ins.
  await sql`
    CREATE INDEX check_ins_sale_answers ON check_ins (sale_id, completed_on, csat, nps, customer_id)
    WHERE status = 'done' AND sale_id IS NOT NULL`.execute(db);
  // The full-text index over what the seller has written so far (journal entries, techniques,
  // sale and customer notes, complaints), and the triggers that keep it in step from now on.
  // It is derived data: connection.ts checks it on every open and rebuilds it from this one
  // definition when it is missing. A later change to that definition must still run on this
  // version's tables, or this call must be replaced by a frozen copy.
  await ensureSearchIndex(db);
}
