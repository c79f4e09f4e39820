import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { isBusyError } from '../kernel/errors';
import { isBusyRefusal } from './holder';
import type { DB } from './schema';

/**
 * The connection that writes, for each database file open in this thread, what views on a
 * read-only connection record for their bookkeeping: the store's first connection beside its
 * reader, or the reader thread's own (db/connection.ts). Set and cleared by the store.
 */
const bookkeepers = new Map<string, Kysely<DB>>();

/** Registers `db` as `file`'s bookkeeper in this thread; returns the function that unregisters it. */
export function keepBooksFor(file: string, db: Kysely<DB>): () => void {
  const key = resolve(file);
  bookkeepers.set(key, db);
  return () => {
    if (bookkeepers.get(key) === db) bookkeepers.delete(key);
  };
}

/** Where `db`'s bookkeeping is written: `db` itself, or, on a reader (query_only), its file's bookkeeper. */
async function writerFor(db: Kysely<DB>): Promise<Kysely<DB> | null> {
  const { rows } = await sql<{ query_only: number }>`PRAGMA query_only`.execute(db);
  if (!rows[0]?.query_only) return db;
  const main = await sql<{ name: string; file: string }>`PRAGMA database_list`.execute(db);
  const file = main.rows.find((row) => row.name === 'main')?.file;
  return file ? (bookkeepers.get(resolve(file)) ?? null) : null;
}

/**
 * The bookkeeping a view writes as it reads (a goal period's result, recorded the first time
 * the period is seen closed; the day's goal nudges). A view runs in a read-only transaction
 * (FeatureContext.view), often on a reader that refuses writes, so that a screen never waits
 * for another process's write; its bookkeeping is then written, by this connection or by the
 * reader's bookkeeper, only if it can be at once. While another connection holds the write
 * lock, or has committed since this view's snapshot, the write is skipped and `false`
 * returned: the view answers all the same, and a later one records it.
 */
export async function writeIfFree(db: Kysely<DB>, write: (writer: Kysely<DB>) => Promise<unknown>): Promise<boolean> {
  const writer = await writerFor(db);
  if (!writer) return false;
  const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(writer);
  const waited = rows[0]?.timeout ?? 0;
  await sql`PRAGMA busy_timeout = 0`.execute(writer);
  try {
    await write(writer);
    return true;
  } catch (error) {
    // SQLite's own busy error inside a view's transaction; the dialect's worded one when the
    // bookkeeper began a transaction of its own for the write.
    if (isBusyError(error) || isBusyRefusal(error)) return false;
    throw error;
  } finally {
    await sql.raw(`PRAGMA busy_timeout = ${Number(waited)}`).execute(writer);
  }
}
