import { sql, type Kysely } from 'kysely';
import { isBusyError } from '../kernel/errors';
import type { DB } from './schema';

/**
 * The bookkeeping a view writes as it reads (a goal period's result, recorded the first time
 * the period is seen closed; the day's goal nudges). A view runs in a read-only transaction
 * (FeatureContext.view) so that a screen never waits for another process's write; its
 * bookkeeping then writes only if it can at once. While another connection holds the write
 * lock, or has committed since this view's snapshot, the write is skipped and `false`
 * returned: the view answers all the same, and a later one records it.
 */
export async function writeIfFree(db: Kysely<DB>, write: () => Promise<unknown>): Promise<boolean> {
  const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(db);
  const waited = rows[0]?.timeout ?? 0;
  await sql`PRAGMA busy_timeout = 0`.execute(db);
  try {
    await write();
    return true;
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  } finally {
    await sql.raw(`PRAGMA busy_timeout = ${Number(waited)}`).execute(db);
  }
}
