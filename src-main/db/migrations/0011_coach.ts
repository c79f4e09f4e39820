import { sql, type Kysely } from 'kysely';

/**
 * The coach workspace: the sellers' reports a coach opened (each the validated JSON document,
 * with the seller and period it covers, so the workspace shows them again next time) and the
 * coach's notes, one per seller. Opening the same seller's same period again replaces the
 * report kept. Frozen in time: never edit a migration that has shipped; add a new one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const day = (column: string) => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);
  await sql`
    CREATE TABLE coach_reports (
      id INTEGER PRIMARY KEY,
      seller TEXT NOT NULL,
      from_on TEXT NOT NULL CHECK (${day('from_on')}),
      to_on TEXT NOT NULL CHECK (${day('to_on')} AND to_on >= from_on),
      file TEXT NOT NULL,
      opened_at TEXT NOT NULL,
      -- The report as read and checked (reports' ReportDocument, its integrity digest included).
      document TEXT NOT NULL CHECK (json_valid(document) AND json_type(document) = 'object'),
      UNIQUE (seller, from_on, to_on)
    ) STRICT
  `.execute(db);
  await sql`
    CREATE TABLE coach_notes (
      seller TEXT PRIMARY KEY CHECK (length(seller) > 0),
      text TEXT NOT NULL CHECK (length(text) > 0),
      updated_at TEXT NOT NULL
    ) STRICT
  `.execute(db);
}
