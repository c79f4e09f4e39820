import { sql, type Kysely } from 'kysely';

/**
 * An import writes its batch in steps, each committed on its own, so that the seller's own saves
 * go in between (issue 15, point 5). `running_pid` is the process writing the batch, NULL once
 * the batch is whole: a batch still running whose process is gone was cut short, and is taken
 * back when the database opens (db/importSteps.ts).
 * Frozen in time: never edit a migration that has shipped; add a new one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE import_batches ADD COLUMN running_pid INTEGER`.execute(db);
  await sql`CREATE INDEX import_batches_running ON import_batches (running_pid) WHERE running_pid IS NOT NULL`.execute(
    db,
  );
}
