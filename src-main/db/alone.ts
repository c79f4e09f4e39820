import type Database from 'better-sqlite3';
import { atOnce } from './connection';

/**
 * Runs `write` (one transaction on `sqlite`, which must be the only connection its process has
 * on the file: OpenOptions.alone) with a rollback journal instead of the WAL, holding the file
 * exclusively meanwhile, then puts the file back in WAL mode. For a very large write to a file
 * nobody else has open (`rapport demo`): in WAL mode every page it writes goes to the WAL first
 * and is copied into the database at the checkpoint (at a million sales, a 1.4 GB WAL and about
 * 8 s of the checkpoint's copy, with a sixth of the run in system calls); with a rollback
 * journal a new page is written once, and the journal holds only the pages the file had before.
 * Still all or nothing: a kill leaves a hot journal, which the next open rolls back.
 *
 * Leaving WAL needs every other connection closed (even an idle one keeps it open through its
 * -shm), so when another process has the file open, the app or a command, nothing changes and
 * `write` runs in WAL mode, as any write does. That is asked without waiting (atOnce).
 */
export async function writeAlone<T>(sqlite: Database.Database, write: () => Promise<T>): Promise<T> {
  // Exclusive: once the write has begun, the lock is kept until the mode is set back, so no
  // other connection reads the file between two of its statements, or turns WAL on under it.
  sqlite.pragma('locking_mode = EXCLUSIVE');
  let alone = false;
  try {
    alone = atOnce(sqlite, () => sqlite.pragma('journal_mode = DELETE', { simple: true })) === 'delete';
  } finally {
    if (!alone) sqlite.pragma('locking_mode = NORMAL');
  }
  try {
    return await write();
  } finally {
    if (alone) {
      // Still held: the lock goes at the next release, after WAL mode is back (entered in
      // normal locking mode, so that other connections share it through the -shm as usual).
      sqlite.pragma('locking_mode = NORMAL');
      sqlite.pragma('journal_mode = WAL');
    }
  }
}
