import Database from 'better-sqlite3';
import { constants, existsSync, statSync } from 'node:fs';
import { chmod, copyFile, open, rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { ALL_AT_ONCE, writeBackupFile } from '../../db/backupFile';
import { ensureBackupsFolder, newBackupPath, pruneBackups } from '../../db/backupFolder';
import { LATEST_VERSION } from '../../db/migrations';
import type { DB } from '../../db/schema';
import { holding } from '../../db/holder';
import { firstSchemaDifference, describeSchema, referenceSchema } from '../../db/schemaCheck';
import { checkInThread, type DeepFindings } from './checkThread';
import { AppError, isBusyError, isDamagedError } from '../../kernel/errors';
import type { MessageValues } from '../../shared/api';
import { checksumPathFor, readChecksumFor, sha256OfFile, tempPathFor, type AtomicOptions } from '../../kernel/files';

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
 * Copies the open database to `file`, with its checksum in `<file>.sha256` (db/backupFile.ts).
 * Runs while holding kysely's one connection, so no transaction of the app is half-way (the
 * backup reads through that same connection and would otherwise see uncommitted rows); writes
 * from other processes make SQLite restart the copy, so the file is always one committed state.
 */
export async function backupDatabase(
  db: Kysely<DB>,
  sqlite: Database.Database,
  file: string,
  options: AtomicOptions = {},
): Promise<BackupResult> {
  await db.connection().execute(() => writeBackupFile(sqlite, file, options));
  return { path: file, bytes: (await stat(file)).size };
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

/** The 100-byte database header: https://www.sqlite.org/fileformat.html#the_database_header */
const HEADER_BYTES = 100;

/**
 * Whether the file is as long as it says. SQLite itself believes the file's size, so a backup
 * cut short inside its last page (by 1 to 64 bytes, say) passes integrity_check and reads
 * whatever the missing bytes are taken to be. The size must be a whole number of pages, and
 * equal to the page count in the header when the header's count is valid (its "version-valid-
 * for" number at offset 92 equals the change counter at offset 24; SQLite since 3.7.0 keeps it
 * so on every commit).
 */
async function checkLength(file: string, label: string): Promise<void> {
  const size = statSync(file).size;
  const handle = await open(file, 'r');
  let header: Buffer;
  try {
    header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES) throw refuse('tooShort', label, { size });
  } finally {
    await handle.close();
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw refuse('damaged', label, { problems: `page size ${rawPageSize}` });
  }
  const headerPages = header.readUInt32BE(28);
  const countValid = headerPages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  if (countValid && size !== headerPages * pageSize) {
    throw refuse('incomplete', label, { size, expected: headerPages * pageSize, pages: headerPages, pageSize });
  }
  if (size % pageSize !== 0) throw refuse('partialPage', label, { size, pageSize });
}

/**
 * The checksum written beside a backup the app made, checked against `bytesOf` (the copy that
 * will be swapped in). A backup without one (an older version's, another tool's) goes on to the
 * other checks; one that does not match, or cannot be read, is refused.
 */
async function checkChecksum(candidate: string, bytesOf: string): Promise<void> {
  const recorded = await readChecksumFor(candidate);
  if (recorded === null) return;
  const checksum = checksumPathFor(candidate);
  if (recorded === 'unreadable') throw refuse('checksumUnreadable', candidate, { checksum });
  if ((await sha256OfFile(bytesOf)) !== recorded) throw refuse('checksumMismatch', candidate, { checksum });
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
 * a user can act on: missing, empty, not SQLite, cut short (its length against its header),
 * damaged (integrity_check), not Rapport's, too new, not the schema this version's migrations
 * give the version it claims (db/schemaCheck.ts), rows referring to records it lacks.
 *
 * integrity_check and foreign_key_check, nearly all of the time on a large file, run in a thread
 * of their own (checkThread.ts) while this one reads the schema; the first refusal in the order
 * above is the one thrown. A thread that could not run them refuses the file.
 */
async function inspectDatabaseFile(
  file: string,
  label = file,
  sqliteOptions: SqliteOptions = {},
  signal?: AbortSignal,
): Promise<number> {
  await checkHeader(file, label);
  await checkLength(file, label);
  const deep = checkInThread(file, sqliteOptions.nativeBinding, signal).catch((error: unknown) => {
    throw refuse('checkFailed', label, { reason: error instanceof Error ? error.message : String(error) });
  });
  // Awaited on every path below; this only keeps an early failure from counting as unhandled meanwhile.
  deep.catch(() => undefined);
  let version: number;
  try {
    version = await inspectSchema(file, label, sqliteOptions);
  } catch (error) {
    // Settled first, so that no thread still reads the file when the caller removes it.
    const findings = await deep.catch(() => null);
    // A damaged file may fail the schema's reading too: it is said to be damaged.
    if (findings && !(error instanceof CannotOpen)) throwIfDamaged(findings, label);
    throw error instanceof CannotOpen ? error.refusal : error;
  }
  const findings = await deep;
  throwIfDamaged(findings, label);
  const broken = findings.brokenReferences;
  if (broken) {
    throw refuse('brokenReferences', label, {
      count: broken.count,
      table: broken.table,
      rowid: broken.rowid ?? '?',
      parent: broken.parent,
    });
  }
  return version;
}

function throwIfDamaged(findings: DeepFindings, label: string): void {
  const problems = findings.integrity;
  if (problems.join() !== 'ok') throw refuse('damaged', label, { problems: problems.slice(0, 3).join('; ') });
}

/** The file cannot be opened at all: the first refusal, before what the checks found. */
class CannotOpen extends Error {
  constructor(readonly refusal: AppError) {
    super(refusal.message);
  }
}

/** Rapport's, not too new, and the schema of the version it claims: its version. */
async function inspectSchema(file: string, label: string, sqliteOptions: SqliteOptions): Promise<number> {
  let sqlite: Database.Database;
  try {
    sqlite = connect(file, sqliteOptions);
  } catch (error) {
    throw new CannotOpen(refuse('cannotOpen', label, { reason: (error as Error).message }));
  }
  try {
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
    const difference = firstSchemaDifference(
      describeSchema(sqlite),
      await referenceSchema(version, sqliteOptions.nativeBinding),
    );
    if (difference) {
      const { kind, ...named } = difference;
      throw refuse(`schema.${kind}`, label, { version, ...named });
    }
    return version;
  } finally {
    sqlite.close();
  }
}

/**
 * Whether a backup the app has just written is whole and trustworthy: the same checks as a
 * restore candidate's (length against the header, checksum, integrity, schema, references).
 * Throws the refusal otherwise (checkFailed when `signal` stopped it). Returns its schema version.
 */
export async function verifyBackupFile(
  file: string,
  sqliteOptions: SqliteOptions = {},
  signal?: AbortSignal,
): Promise<number> {
  await checkHeader(file, file);
  await checkLength(file, file);
  await checkChecksum(file, file);
  return inspectDatabaseFile(file, file, sqliteOptions, signal);
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
    const withWal = existsSync(`${candidate}-wal`);
    if (withWal) await copyThroughSqlite(candidate, staging, sqliteOptions);
    else await copyFile(candidate, staging, constants.COPYFILE_EXCL);
    // A file cut short says so; past that, any change since the backup was made is named as
    // such (the checksum) before SQLite's checks find some consequence of it. The checksum
    // describes the file as it was made: with a -wal beside it, the candidate's own file (the
    // -wal holds what was written since); otherwise the very bytes that will be swapped in.
    await checkLength(staging, candidate);
    await checkChecksum(candidate, withWal ? candidate : staging);
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

/**
 * Windows renames no file over one another handle has open, ours included: there the lock is
 * let go just before the rename, and the rename itself refuses a database someone opened in
 * that moment. Elsewhere the rename happens while the lock is held. (Not exercised by the
 * tests, which run on Linux.)
 */
const RENAMES_OVER_OPEN_FILES = process.platform !== 'win32';

/** How long a restore waits for a write in progress to commit before calling the database in use. */
const SWAP_WAIT_MS = 1000;

const inUse = (dbFile: string): AppError =>
  new AppError('conflict', 'failures.databaseInUse', undefined, { file: dbFile });

/**
 * One connection that holds `dbFile` exclusively until it is closed, or databaseInUse with
 * nothing changed. Leaving WAL needs every other connection closed — even an idle one keeps a
 * WAL database open through its -shm — so it is the "in use" check and the lock in one step,
 * with nothing between them for a write to slip into. PERSIST rather than DELETE: the journal
 * file stays until removed by name before the rename (swapInStaged), so closing this connection
 * afterwards deletes no file by a name the restored database may be using by then.
 */
function holdExclusively(dbFile: string, sqliteOptions: SqliteOptions): Database.Database {
  const held = new Database(dbFile, {
    fileMustExist: true,
    timeout: SWAP_WAIT_MS,
    ...(sqliteOptions.nativeBinding ? { nativeBinding: sqliteOptions.nativeBinding } : {}),
  });
  try {
    held.pragma('locking_mode = EXCLUSIVE');
    let mode: unknown;
    try {
      mode = held.pragma('journal_mode = PERSIST', { simple: true });
      // Exclusive locking mode keeps the lock after COMMIT, until the connection closes.
      held.exec('BEGIN EXCLUSIVE; COMMIT');
    } catch (error) {
      if (isBusyError(error)) throw inUse(dbFile);
      throw error;
    }
    if (mode !== 'persist') throw inUse(dbFile);
    return held;
  } catch (error) {
    held.close();
    throw error;
  }
}

/**
 * Puts the staged copy in WAL mode (closing removes its -wal and -shm; the mode stays in its
 * header). A connection's first read of a WAL database keeps it open through its -shm, so from
 * its first read on, the restored file is as safe from the next restore as any open database.
 * In a rollback mode it would not be: a connection that has read it holds no lock between two
 * statements, and the one that then turns WAL on could do so on a file a restore has just
 * swapped away, creating -wal and -shm files under the names the new file uses.
 */
function inWalMode(file: string, sqliteOptions: SqliteOptions): void {
  const sqlite = connect(file, sqliteOptions);
  try {
    sqlite.pragma('journal_mode = WAL');
  } finally {
    sqlite.close();
  }
}

/**
 * Keeps the current database aside, then renames the staged copy over it, holding the current
 * database exclusively from before the aside copy until after the rename (holdExclusively): a
 * write either committed before (and is in the aside copy) or waits, gets the lock after the
 * rename and finds its file replaced (db/connection.ts FileGuard: failures.swap.replaced,
 * nothing saved). A database another connection has open — the app, a CLI command, even idle
 * — is refused with failures.databaseInUse and left as it was; the app closes its store first
 * (handlers.ts replaceStore). An older schema is migrated by the next openDatabase.
 */
export const swapInStaged = (
  staged: StagedRestore,
  dbFile: string,
  now: Date,
  sqliteOptions: SqliteOptions = {},
  /** `damaged` when the database being replaced failed its check at open: kept, never pruned. */
  asideReason: 'before-restore' | 'damaged' = 'before-restore',
): Promise<RestoreResult> =>
  // A write refused meanwhile says a restore holds the database (db/holder.ts).
  holding(dbFile, { work: 'restore', name: basename(staged.candidate), now }, () =>
    swap(staged, dbFile, now, sqliteOptions, asideReason),
  );

async function swap(
  staged: StagedRestore,
  dbFile: string,
  now: Date,
  sqliteOptions: SqliteOptions,
  asideReason: 'before-restore' | 'damaged',
): Promise<RestoreResult> {
  inWalMode(staged.staging, sqliteOptions);
  await chmod(staged.staging, 0o600);
  if (!existsSync(dbFile)) {
    await rename(staged.staging, dbFile);
    return { restoredFrom: staged.candidate, previousSavedAs: null };
  }
  // The copy kept aside is the automatic backup before a restore (db/backupFolder.ts).
  let previousSavedAs = newBackupPath(dbFile, asideReason, now);
  let held: Database.Database | null = null;
  const beforeRenaming = (): void => {
    if (RENAMES_OVER_OPEN_FILES) return;
    held?.close();
    held = null;
  };
  try {
    try {
      held = holdExclusively(dbFile, sqliteOptions);
      ensureBackupsFolder(dbFile);
      await writeBackupFile(held, previousSavedAs);
      // Checked as a faithful copy (whole, as written); its content is whatever the database
      // holds, which is kept as it is even if a later check would refuse to restore it.
      await checkLength(previousSavedAs, previousSavedAs);
      await checkChecksum(previousSavedAs, previousSavedAs);
    } catch (error) {
      // The current database may be the very reason for the restore: damaged beyond what
      // SQLite reads. Then it is moved aside as it is, with its -wal. Any other failure (in
      // use, disk full) stops the restore with everything in place.
      if (!isDamagedError(error)) throw error;
      beforeRenaming();
      await rm(previousSavedAs, { force: true });
      previousSavedAs = newBackupPath(dbFile, 'damaged', now);
      ensureBackupsFolder(dbFile);
      await rename(dbFile, previousSavedAs);
      if (existsSync(`${dbFile}-wal`)) await rename(`${dbFile}-wal`, `${previousSavedAs}-wal`);
    }
    beforeRenaming();
    // Still holding the lock (but on Windows): what is beside the database now belongs to the
    // file being replaced (its persisted journal; a -wal/-shm of a file that was not in WAL
    // mode), and must not be taken for the restored file's.
    await Promise.all(['-wal', '-shm', '-journal'].map((suffix) => rm(dbFile + suffix, { force: true })));
    try {
      await rename(staged.staging, dbFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RENAMES_OVER_OPEN_FILES && ['EPERM', 'EBUSY', 'EACCES'].includes(code)) throw inUse(dbFile);
      throw error;
    }
  } finally {
    held?.close();
  }
  await pruneBackups(dbFile, now);
  return { restoredFrom: staged.candidate, previousSavedAs };
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
