import { sql, type Kysely } from 'kysely';

/**
 * The coach report's export log: one row per report written (the day and time, the period,
 * the format and privacy options, the file, and how many rows each section held), so the
 * seller can see later what left the machine (`rapport report log`, Settings). Frozen in time:
 * never edit a migration that has shipped; add a new one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const day = (column: string) => sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);
  await sql`
    CREATE TABLE report_exports (
      id INTEGER PRIMARY KEY,
      created_at TEXT NOT NULL,
      from_on TEXT NOT NULL CHECK (${day('from_on')}),
      to_on TEXT NOT NULL CHECK (${day('to_on')} AND to_on >= from_on),
      format TEXT NOT NULL CHECK (format IN ('json', 'csv', 'pdf')),
      seller TEXT NOT NULL DEFAULT '',
      -- JSON {sections, compare, anonymize, journal_text, paper, journal_ids, comment}.
      options TEXT NOT NULL CHECK (json_valid(options) AND json_type(options) = 'object'),
      file TEXT NOT NULL CHECK (length(file) > 0),
      bytes INTEGER NOT NULL CHECK (bytes >= 0),
      -- JSON {section: rows}.
      rows TEXT NOT NULL CHECK (json_valid(rows) AND json_type(rows) = 'object')
    ) STRICT
  `.execute(db);
  await sql`CREATE INDEX report_exports_created ON report_exports (created_at)`.execute(db);
}
