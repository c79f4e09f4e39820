import { sql, type Kysely } from 'kysely';

/**
 * Which rows are sample data. "Explore with sample data" and `rapport demo` fill these tables;
 * a flag on each row (not a list of ids beside them) cannot outlive its row or, when SQLite
 * reuses a deleted row's id, mark the seller's next entry as sample. What hangs off a flagged
 * row and lives in another table (a sale's techniques, a goal's milestones, values, changes
 * and results, a customer's snoozes) is sample through its owner. Frozen once shipped.
 */
export const SAMPLE_TABLES = [
  'customers',
  'products',
  'techniques',
  'sales',
  'interactions',
  'check_ins',
  'complaints',
  'goals',
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of SAMPLE_TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))`.execute(
      db,
    );
    // Sample rows are few beside a real book, or all of it: a partial index finds them either way.
    await sql`CREATE INDEX ${sql.id(`${table}_sample`)} ON ${sql.table(table)} (id) WHERE sample = 1`.execute(db);
  }
}
