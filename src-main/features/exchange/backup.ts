import Database from 'better-sqlite3';
import { constants, existsSync, statSync } from 'node:fs';
import { copyFile, open, rename, rm, stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { LATEST_VERSION } from '../../db/migrations';
import type { DB } from '../../db/schema';
import { AppError } from '../../kernel/errors';
import type { MessageValues } from '../../shared/api';
import { produceFileAtomically, tempPathFor, type AtomicOptions } from '../../kernel/files';

/**
 * Backup and restore of the whole database through SQLite's online backup API, never by
 * copying files: a copy of a live database misses what still sits in its -wal file, or
 * catches a page mid-write.
 */

export interface BackupResult {
  path: string;
  bytes: number;
}

/**
 * Copies the open database to `file`. Runs while holding kysely's one connection, so no
 * transaction of the app is half-way (the backup reads through that same connection and
 * would otherwise see uncommitted rows); writes from other processes make SQLite restart
 * the copy, so the file is always one committed state.
 */
export async function backupDatabase(
  db: Kysely<DB>,
  sqlite: Database.Database,
  file: string,
  options: AtomicOptions = {},
): Promise<BackupResult> {
  await db
    .connection()
    .execute(() => produceFileAtomically(file, (temp) => copyToSelfContained(sqlite, temp), options));
  return { path: file, bytes: (await stat(file)).size };
}

/**
 * Copy every page in one step. In steps of 100 pages (the default) a write from another
 * connection between two steps restarts the copy, so a busy database might never finish;
 * one step holds the read lock for the whole copy instead (about 80 ms at 100,000 sales).
 */
const ALL_AT_ONCE = { progress: (): number => 0x7fffffff };

/**
 * Backs `source` up into `temp` and switches the copy from WAL to a rollback journal: a file
 * that is complete on its own, which any SQLite tool (and our restore) opens without
 * leaving -wal/-shm files beside it. openDatabase turns WAL back on when it is restored.
 */
async function copyToSelfContained(source: Database.Database, temp: string): Promise<void> {
  await source.backup(temp, ALL_AT_ONCE);
  // Through the source's own connection: a new one would need Electron's native binding.
  source.prepare('ATTACH DATABASE ? AS backup_copy').run(temp);
  try {
    source.pragma('backup_copy.journal_mode = DELETE');
  } finally {
    source.exec('DETACH DATABASE backup_copy');
  }
}

/** Tables every Rapport schema has had since version 1 (migrations only ever add). */
const REQUIRED_TABLES = ['customers', 'products', 'techniques', 'sales', 'sale_techniques', 'settings'] as const;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A refusal worded from failures.backup.* ("… Nothing was changed."). */
const refuse = (key: string, file: string, values: MessageValues = {}): AppError =>
  new AppError('invalid_input', `failures.backup.${key}`, undefined, { file, ...values });

async function readHeader(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Existence, size and the SQLite magic: what can be said without opening the file. */
async function checkHeader(file: string, label: string): Promise<void> {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) throw refuse('missing', label);
  if (!info.isFile()) throw refuse('notFile', label);
  if (info.size === 0) throw refuse('empty', label);
  if (!(await readHeader(file)).equals(SQLITE_HEADER)) throw refuse('notSqlite', label);
}

/** How to open a connection: in Electron, with the binary built for Electron's ABI. */
export interface SqliteOptions {
  nativeBinding?: string;
}

const connect = (file: string, sqlite: SqliteOptions, readonly = false): Database.Database =>
  new Database(file, {
    fileMustExist: true,
    readonly,
    ...(sqlite.nativeBinding ? { nativeBinding: sqlite.nativeBinding } : {}),
  });

/**
 * Why `file` cannot be a Rapport database, or its schema version. Checks, in order, what
 * a user can act on: missing, empty, not SQLite, damaged, not Rapport's, too new.
 */
async function inspectDatabaseFile(file: string, label = file, sqliteOptions: SqliteOptions = {}): Promise<number> {
  await checkHeader(file, label);
  let sqlite: Database.Database;
  try {
    sqlite = connect(file, sqliteOptions);
  } catch (error) {
    throw refuse('cannotOpen', label, { reason: (error as Error).message });
  }
  try {
    let problems: string[];
    try {
      problems = (sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (error) {
      problems = [(error as Error).message];
    }
    if (problems.join() !== 'ok') throw refuse('damaged', label, { problems: problems.slice(0, 3).join('; ') });
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    const tables = new Set(
      (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (version < 1 || missing.length > 0) {
      throw missing.length > 0
        ? refuse('notRapportMissing', label, { version, tables: missing.join(', ') })
        : refuse('notRapport', label, { version });
    }
    if (version > LATEST_VERSION) {
      throw refuse('tooNew', label, { version, latest: LATEST_VERSION });
    }
    return version;
  } finally {
    sqlite.close();
  }
}

/** A validated copy of a backup, next to the database, ready to be swapped in. */
export interface StagedRestore {
  candidate: string;
  staging: string;
  version: number;
}

async function removeDatabaseFiles(file: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(file + suffix, { force: true })));
}

/**
 * Copies `candidate` next to `dbFile` and validates the copy — the very bytes that will be
 * swapped in. Needs no change to the current database, so the app keeps running meanwhile;
 * a refused candidate leaves nothing behind.
 *
 * A candidate without a -wal beside it is a database at rest, complete in its one file, and
 * is copied as bytes: opening it with SQLite, even read-only, would create -wal and -shm
 * files beside the user's backup (or fail on read-only media). One with a -wal is still
 * open somewhere or was not closed cleanly, so it is read through the backup API, which
 * folds the -wal in.
 */
export async function stageRestore(
  candidate: string,
  dbFile: string,
  sqliteOptions: SqliteOptions = {},
): Promise<StagedRestore> {
  // On the candidate itself first, so these messages name the user's file, not our copy.
  await checkHeader(candidate, candidate);
  const staging = tempPathFor(dbFile);
  try {
    if (existsSync(`${candidate}-wal`)) await copyThroughSqlite(candidate, staging, sqliteOptions);
    else await copyFile(candidate, staging, constants.COPYFILE_EXCL);
    const version = await inspectDatabaseFile(staging, candidate, sqliteOptions);
    return { candidate, staging, version };
  } catch (error) {
    await removeDatabaseFiles(staging);
    throw error;
  }
}

async function copyThroughSqlite(candidate: string, staging: string, sqliteOptions: SqliteOptions): Promise<void> {
  let source: Database.Database;
  try {
    source = connect(candidate, sqliteOptions, true);
  } catch (error) {
    throw refuse('cannotOpen', candidate, { reason: (error as Error).message });
  }
  try {
    await source.backup(staging, ALL_AT_ONCE);
  } catch (error) {
    throw refuse('unreadable', candidate, { reason: (error as Error).message });
  } finally {
    source.close();
  }
}

export async function discardStaged(staged: StagedRestore): Promise<void> {
  await removeDatabaseFiles(staged.staging);
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the database that was replaced now lives; null when there was none. */
  previousSavedAs: string | null;
}

const asidePath = (dbFile: string, now: Date): string =>
  `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`;

/**
 * Keeps the current database aside, then renames the staged copy over it. The store must be
 * closed: a connection left open would go on writing to the file that was swapped away.
 * An older schema is migrated by the next openDatabase, like any older database.
 */
export async function swapInStaged(
  staged: StagedRestore,
  dbFile: string,
  now: Date,
  sqliteOptions: SqliteOptions = {},
): Promise<RestoreResult> {
  let previousSavedAs: string | null = null;
  if (existsSync(dbFile)) {
    previousSavedAs = asidePath(dbFile, now);
    await keepAside(dbFile, previousSavedAs, sqliteOptions);
  }
  // Closing the last connection checkpoints and deletes the -wal; one still there means
  // another process (the app, a CLI command) has the database open right now.
  if (existsSync(`${dbFile}-wal`)) {
    if (previousSavedAs) await rm(previousSavedAs, { force: true });
    throw new AppError('conflict', 'failures.databaseInUse', undefined, { file: dbFile });
  }
  await rm(`${dbFile}-shm`, { force: true });
  await rename(staged.staging, dbFile);
  return { restoredFrom: staged.candidate, previousSavedAs };
}

async function keepAside(dbFile: string, aside: string, sqliteOptions: SqliteOptions): Promise<void> {
  try {
    await produceFileAtomically(aside, async (temp) => {
      const current = connect(dbFile, sqliteOptions);
      try {
        await copyToSelfContained(current, temp);
      } finally {
        current.close();
      }
    });
  } catch (error) {
    // The current database may be the very reason for the restore: damaged beyond what the
    // backup API reads. Then it is moved aside as it is, with its -wal. Any other failure
    // (disk full, locked) stops the restore with everything in place.
    if (!/^SQLITE_(NOTADB|CORRUPT)/.test(String((error as { code?: unknown }).code))) throw error;
    await rename(dbFile, aside);
    if (existsSync(`${dbFile}-wal`)) await rename(`${dbFile}-wal`, `${aside}-wal`);
  }
}

/** Restore for when nothing has the database open (the CLI): stage, validate, swap. */
export async function restoreDatabase(
  dbFile: string,
  candidate: string,
  now: Date,
  sqliteOptions: SqliteOptions = {},
): Promise<RestoreResult> {
  const staged = await stageRestore(candidate, dbFile, sqliteOptions);
  try {
    return await swapInStaged(staged, dbFile, now, sqliteOptions);
  } finally {
    await discardStaged(staged);
  }
}
