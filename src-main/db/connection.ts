import Database from 'better-sqlite3';
import { chmodSync, existsSync, statSync } from 'node:fs';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from 'kysely';
import { AppError, isBusyError } from '../kernel/errors';
import { sweepLeftovers, type SweepOptions } from '../kernel/files';
import { takeBackInterruptedImports } from './importSteps';
import { keepBooksFor } from './writeIfFree';
import { writeBackupFile } from './backupFile';
import { writeAutomaticBackup, type VerifyBackup } from './backupFolder';
import { busyError, clearStaleHolder, holding } from './holder';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { dueDaysHold, refreshDueDays } from './dueDays';
import { ensureSearchIndex } from './searchIndex';
import type { DB } from './schema';

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another ABI (Electron's); Node's by default. */
  nativeBinding?: string;
  /**
   * Where the pre-migration snapshot goes; by default it is an automatic backup (reason
   * `before-migration`) in the folder next to the database (db/backupFolder.ts).
   */
  snapshotPath?: (fromVersion: number, toVersion: number) => string;
  /**
   * Runs `PRAGMA quick_check` before opening (the app and the preview; not the CLI): always on a
   * file up to 64 MiB, above that only when the last close was unclean (a -wal was left). A
   * damaged database is opened read-only instead (Store.damaged), never modified.
   */
  checkIntegrity?: boolean;
  /**
   * Checks every automatic backup of this store once written, the one before a migration first
   * (the app, the preview and the CLI pass features/backups' verifierFor: exchange's validation).
   */
  verifyBackup?: VerifyBackup;
  now?: () => Date;
  /**
   * How the leftovers of killed backups, restores and snapshots are swept before opening. Their
   * age is measured by the file system's clock, never by `now` (a test's or the seller's).
   */
  sweep?: SweepOptions;
  /**
   * One connection only: Store.reader is the first connection itself. For a command that goes
   * on to take the file for itself (`rapport demo`, db/alone.ts), which a second connection of
   * its own would prevent.
   */
  alone?: boolean;
}

/** One connection to the database, as kysely and as better-sqlite3 see it. */
export interface Connection {
  readonly db: Kysely<DB>;
  readonly sqlite: Database.Database;
}

export interface Store extends Connection {
  readonly file: string;
  /**
   * A second connection to the same file, for the queries screens and commands read with
   * (ipc/assemble.ts). Kysely runs one transaction at a time per connection, so on the first
   * connection a screen's read would queue behind a long import in this same process; on
   * its own, in WAL mode, it reads the last committed state at once. The first connection
   * itself for an in-memory database, which a second connection could not see.
   */
  readonly reader: Connection;
  /** Set when opening migrated a non-empty database: where its previous state was saved. */
  readonly snapshot: string | null;
  /** As opened (Electron's ABI): whoever opens another connection to this file or its backups uses it. */
  readonly nativeBinding?: string;
  /** Checks each automatic backup once written (OpenOptions.verifyBackup). */
  readonly verifyBackup?: VerifyBackup;
  /**
   * Set when the file failed its check at open: it is open read-only, every write is refused
   * with failures.readOnlyDamaged, and what SQLite found is here.
   */
  readonly damaged?: { problems: string };
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: 'too_new' | 'not_a_database' | 'migration_failed',
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** Which file a path names right now (device and inode), or null when there is none. */
export function fileIdentity(file: string): string | null {
  const info = statSync(file, { throwIfNoEntry: false, bigint: true });
  return info ? `${info.dev}:${info.ino}` : null;
}

/**
 * A restore renames another file over the database (features/exchange/backup.ts swapInStaged).
 * A connection that opened the file it replaced would go on writing into a file no one will
 * read again, and report the sale as saved. So every write, once it holds the write lock (the
 * restore holds the database exclusively until its rename is done, so a waiting write gets the
 * lock only after it), checks that the path still names the file this connection has open, and
 * otherwise rolls back and says so.
 */
export class FileGuard {
  constructor(
    readonly file: string,
    /** Null for an in-memory database, which nothing can replace. */
    readonly identity: string | null,
    /** A damaged database, open read-only: every write is refused before it begins. */
    readonly damaged = false,
  ) {}

  /**
   * Throws failures.readOnlyDamaged for a damaged database, and failures.swap.replaced when the
   * database file was replaced since this connection opened it.
   */
  check(): void {
    if (this.damaged) throw new AppError('conflict', 'failures.readOnlyDamaged');
    if (this.identity !== null && fileIdentity(this.file) !== this.identity) {
      throw new AppError('conflict', 'failures.swap.replaced');
    }
  }
}

/** Statements that write outside a transaction are run in one of their own, so they are checked too. */
const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/** Prepared statements kept per connection; past this many, the least recently used goes. */
const KEPT_STATEMENTS = 256;

/**
 * The connection as Kysely sees it, its prepared statements kept: Kysely prepares every query
 * it runs, and preparing a statement costs about as much as running a small one (Home's data
 * runs some sixty). Kysely runs one query at a time on a connection (its mutex, held through a
 * stream too), so a kept statement is never in use twice at once.
 */
function keepingStatements(database: Database.Database): SqliteDatabase {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = kept.get(text);
      if (statement) kept.delete(text);
      else {
        statement = database.prepare(text);
        if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      }
      kept.set(text, statement);
      return statement;
    },
  };
}

/**
 * Kysely's SQLite dialect, with three changes.
 *
 * SQLite rolls a transaction back by itself on some errors (a full disk, an I/O error, out of
 * memory), and the ROLLBACK Kysely then sends fails with "cannot rollback - no transaction is
 * active", which replaced the real error. Rolling back only what is still open lets the real
 * one (SQLITE_FULL…) reach the user.
 *
 * Every write transaction begins IMMEDIATE (it takes the write lock at once, waiting up to the
 * busy timeout) and then checks the guard: a write never lands in a file a restore swapped away.
 * A transaction set `.setAccessMode('read only')` begins deferred, as before, and never waits
 * for a writer.
 *
 * Its prepared statements are kept (keepingStatements).
 */
class RapportDialect extends SqliteDialect {
  constructor(
    private readonly database: Database.Database,
    private readonly guard: FileGuard,
  ) {
    super({ database: keepingStatements(database) });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.database.inTransaction) await rollback(connection);
    };
    driver.beginTransaction = async (connection, settings) => {
      if (settings.accessMode === 'read only') {
        await connection.executeQuery(CompiledQuery.raw('begin'));
        return;
      }
      await this.beginWrite(connection);
    };
    const acquire = driver.acquireConnection.bind(driver);
    const guarded = new WeakSet<DatabaseConnection>();
    driver.acquireConnection = async () => {
      const connection = await acquire();
      if (!guarded.has(connection)) {
        guarded.add(connection);
        this.guardAutocommitWrites(connection);
      }
      return connection;
    };
    return driver;
  }

  private async beginWrite(connection: DatabaseConnection): Promise<void> {
    if (this.guard.damaged) this.guard.check();
    try {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (error) {
      // Still held after the busy timeout: say by whom (a long import, a migration, a restore).
      if (isBusyError(error) && this.guard.identity !== null) throw busyError(this.guard.file);
      throw error;
    }
    try {
      this.guard.check();
    } catch (error) {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
      throw error;
    }
  }

  /** An insert, update or delete run outside a transaction gets one of its own (begun as above). */
  private guardAutocommitWrites(connection: DatabaseConnection): void {
    const execute = connection.executeQuery.bind(connection);
    connection.executeQuery = (async (query: CompiledQuery) => {
      if (this.database.inTransaction || !WRITES.has(query.query.kind)) return execute(query);
      await this.beginWrite(connection);
      try {
        const result = await execute(query);
        await execute(CompiledQuery.raw('commit'));
        return result;
      } catch (error) {
        if (this.database.inTransaction) await execute(CompiledQuery.raw('rollback'));
        throw error;
      }
    }) as DatabaseConnection['executeQuery'];
  }
}

/** The pragmas every connection runs with; asserted by test/db/connection.test.ts. */
export const PRAGMAS = {
  journal_mode: 'wal',
  foreign_keys: 1,
  synchronous: 2, // FULL: a committed sale survives a power cut
  busy_timeout: 5000,
  trusted_schema: 0, // schema cannot smuggle SQL functions into our queries
  // MEMORY: a write to a table with triggers runs in a statement savepoint whose journal would
  // otherwise be a temporary file, opened and written per statement (a sale insert with its
  // search-index triggers spent a fifth of an import's time in those system calls).
  temp_store: 2,
} as const;

/** Every pragma of PRAGMAS but journal_mode, which is the file's own and set once (openCurrentFile). */
function setPragmas(sqlite: Database.Database): void {
  for (const pragma of ['foreign_keys', 'synchronous', 'busy_timeout', 'trusted_schema', 'temp_store'] as const)
    sqlite.pragma(`${pragma} = ${PRAGMAS[pragma]}`);
}

function readUserVersion(sqlite: Database.Database, file: string): number {
  try {
    return sqlite.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new DatabaseError(`${file} is not a Rapport database (${(error as Error).message}).`, 'not_a_database');
  }
}

/** How many times an open starts again because a restore swapped the file meanwhile. */
const OPEN_ATTEMPTS = 5;

/**
 * Opens the file `file` names, checks its version, puts it in WAL mode, and makes sure the path
 * still names the very file this connection opened. A connection opened while a restore held
 * the database waits for it, then reads the file the restore swapped away: it is closed and
 * the new file opened instead. Once in WAL mode the connection keeps restores out (leaving WAL
 * needs every other connection closed), and its FileGuard catches any other replacement.
 */
function openCurrentFile(
  file: string,
  options: OpenOptions,
): { sqlite: Database.Database; version: number; guard: FileGuard } {
  for (let attempt = 1; ; attempt++) {
    const before = file === ':memory:' ? null : fileIdentity(file);
    const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      // A new file has no identity until this connection creates it.
      const opened = file === ':memory:' ? null : (before ?? fileIdentity(file));
      const stillThere = (): boolean => opened === null || fileIdentity(file) === opened;
      const version = readUserVersion(sqlite, file);
      if (version > LATEST_VERSION) {
        throw new DatabaseError(
          `${file} was written by a newer version of Rapport (schema ${version}, this app knows up to ${LATEST_VERSION}). ` +
            'Update Rapport to open it; nothing was changed.',
          'too_new',
        );
      }
      // Checked before WAL mode too: a file swapped away must not get -wal/-shm files by the
      // names the new file's will have.
      if (stillThere()) {
        sqlite.pragma(`journal_mode = ${PRAGMAS.journal_mode}`);
        if (stillThere()) return { sqlite, version, guard: new FileGuard(file, opened) };
      }
    } catch (error) {
      sqlite.close();
      throw error;
    }
    sqlite.close();
    if (attempt >= OPEN_ATTEMPTS) throw new AppError('conflict', 'failures.swap.replaced');
  }
}

/**
 * Opens (creating if needed) and migrates the database. Refuses, before writing anything,
 * a file written by a newer Rapport: we cannot know what its data means.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Store> {
  // What killed backups, restores and snapshots left beside the database: only files with our
  // own temporary names whose writer is gone (kernel/files.ts).
  if (file !== ':memory:') {
    await sweepLeftovers(file, options.sweep);
    clearStaleHolder(file, options.sweep?.isAlive);
  }
  if (file !== ':memory:' && options.checkIntegrity && existsSync(file)) {
    const problems = damageFound(file, options);
    if (problems !== null) return openDamaged(file, problems, options);
  }
  try {
    return await openIntact(file, options);
  } catch (error) {
    // Damage that the check did not run for (a large file closed cleanly) or could not see.
    if (options.checkIntegrity && isCorrupt(error)) return openDamaged(file, (error as Error).message, options);
    throw error;
  }
}

const isCorrupt = (error: unknown): boolean => /^SQLITE_CORRUPT/.test(String((error as { code?: unknown }).code));

/** Up to this size quick_check always runs at open (a second or so); above, after an unclean close only. */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/**
 * What `PRAGMA quick_check` finds wrong with `file`, through a read-only connection, or null when
 * it is fine or the check is not due (see OpenOptions.checkIntegrity). A file that is not a
 * database at all is left to the normal open, which says so.
 */
function damageFound(file: string, options: OpenOptions): string | null {
  const size = statSync(file).size;
  if (size > QUICK_CHECK_MAX_BYTES && !existsSync(`${file}-wal`)) return null;
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const rows = sqlite.pragma('quick_check(20)') as { quick_check: string }[];
    const found = rows.map((row) => row.quick_check);
    return found.join() === 'ok' ? null : found.slice(0, 3).join('; ');
  } catch (error) {
    return isCorrupt(error) ? (error as Error).message : null;
  } finally {
    sqlite?.close();
  }
}

/**
 * A damaged database, opened read-only so that nothing — no migration, no index rebuild, no
 * statistics, no write of the seller's — changes it: the screens show what can still be read,
 * and the file stays as it is for a restore to keep aside.
 */
function openDamaged(file: string, problems: string, options: OpenOptions): Store {
  const sqlite = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const db = new Kysely<DB>({ dialect: new RapportDialect(sqlite, new FileGuard(file, fileIdentity(file), true)) });
  return readingStore(
    file,
    { db, sqlite },
    {
      damaged: { problems },
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.verifyBackup ? { verifyBackup: options.verifyBackup } : {}),
    },
    () => db.destroy(),
  );
}

async function openIntact(file: string, options: OpenOptions): Promise<Store> {
  const isNew = file === ':memory:' || !existsSync(file);
  const { sqlite, version, guard } = openCurrentFile(file, options);
  // Owner only, like every file the app writes (kernel/files.ts); SQLite gives its -wal and
  // -shm the database's own mode. Where the file system refuses (read-only media, another
  // owner's file) the database opens as it is.
  if (file !== ':memory:') {
    try {
      chmodSync(file, 0o600);
    } catch {
      // Not ours to change.
    }
  }
  let snapshot: string | null = null;
  try {
    setPragmas(sqlite);

    const db = new Kysely<DB>({ dialect: new RapportDialect(sqlite, guard) });
    if (version < LATEST_VERSION) {
      const now = (options.now ?? (() => new Date()))();
      const hasTables =
        (sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n > 0;
      if (!isNew && hasTables) {
        // Under a temporary name until complete (a kill half-way leaves no snapshot that opens
        // as an empty database), self-contained and with its checksum, like every backup.
        const path = options.snapshotPath?.(version, LATEST_VERSION);
        if (path) await writeBackupFile(sqlite, (snapshot = path), { overwrite: true });
        else snapshot = await writeAutomaticBackup(sqlite, file, 'before-migration', now, options.verifyBackup);
      }
      await holding(file, { work: 'migration', name: `v${version} → v${LATEST_VERSION}`, now }, () =>
        migrate(db, version),
      );
    }
    // An import cut short between its committed steps by a kill: taken back, all or nothing.
    if (file !== ':memory:') takeBackInterruptedImports(sqlite, options.sweep?.isAlive);
    // The full-text index is derived data: rebuilt here when any piece of it is missing or
    // unreadable (a few hundred microseconds when it is whole).
    await ensureSearchIndex(db);
    // The due days, after a contact rule written by anything but the app (db/dueDays.ts): a
    // read, and a write only then (another process may be writing now).
    if (!(await dueDaysHold(db))) await db.transaction().execute((trx) => refreshDueDays(trx));
    refreshStatistics(sqlite);
    const reader = file === ':memory:' || options.alone ? { db, sqlite } : openReader(file, options, guard);
    // What a view on the reader records for its own bookkeeping is written here (db/writeIfFree).
    const stopKeepingBooks = reader.db === db ? () => undefined : keepBooksFor(file, db);
    return {
      db,
      sqlite,
      file,
      snapshot,
      reader,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.verifyBackup ? { verifyBackup: options.verifyBackup } : {}),
      close: async () => {
        stopKeepingBooks();
        // Kysely closes a connection only if it ever used it: a reader no query ran on is closed here.
        for (const connection of reader.db === db ? [reader] : [reader, { db, sqlite }]) {
          await connection.db.destroy();
          if (connection.sqlite.open) connection.sqlite.close();
        }
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}

/**
 * A store for reading only, on a database another connection has opened, checked and migrated
 * (openDatabase): the database thread that reads (backend/thread.ts). Its connection refuses
 * writes; a second one writes only the bookkeeping its views record, when it can at once
 * (db/writeIfFree). Nothing is checked, swept or migrated. `damaged`: as the opener found it.
 */
export function attachReader(
  file: string,
  options: Pick<OpenOptions, 'nativeBinding'> & { damaged?: { problems: string } },
): Store {
  const guard = new FileGuard(file, fileIdentity(file));
  const { db, sqlite } = openReader(file, options, guard, { damaged: options.damaged !== undefined });
  // A damaged file, open read-only, keeps no books.
  const books = options.damaged ? null : openReader(file, options, guard, { writes: true });
  const stopKeepingBooks = books ? keepBooksFor(file, books.db) : () => undefined;
  return readingStore(
    file,
    { db, sqlite },
    {
      ...(options.damaged ? { damaged: options.damaged } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    },
    async () => {
      stopKeepingBooks();
      for (const connection of books ? [{ db, sqlite }, books] : [{ db, sqlite }]) {
        await connection.db.destroy();
        if (connection.sqlite.open) connection.sqlite.close();
      }
    },
  );
}

/** A store whose queries all read on one connection: a damaged file's, the reader thread's. */
function readingStore(
  file: string,
  connection: Connection,
  extra: Pick<Store, 'damaged' | 'nativeBinding' | 'verifyBackup'>,
  close: () => Promise<void>,
): Store {
  return { ...connection, file, snapshot: null, reader: connection, ...extra, close };
}

/** The second connection of a store (Store.reader): the same file, pragmas and guard. */
function openReader(
  file: string,
  options: Pick<OpenOptions, 'nativeBinding'>,
  guard: FileGuard,
  { writes = false, damaged = false } = {},
): Connection {
  // A damaged file is opened as openDamaged opens it: read-only, so that not even the WAL's
  // checkpoint at close changes it.
  const sqlite = new Database(file, {
    ...(damaged ? { readonly: true, fileMustExist: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    // A restore that swapped the file since the first connection opened it: start again.
    guard.check();
    setPragmas(sqlite);
    // Reads only: a query that writes fails here (SQLITE_READONLY) instead of writing beside the
    // first connection, so every test that calls a query through the handlers proves it reads.
    if (!writes) sqlite.pragma('query_only = ON');
    return { sqlite, db: new Kysely<DB>({ dialect: new RapportDialect(sqlite, guard) }) };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Refreshes the planner's statistics where they are stale: without them SQLite ignores the
 * covering indexes that keep 100k-sale queries fast. It is the one write an open may make on a
 * database already up to date, so it never waits: while another process holds the write lock
 * (a long import), it is skipped — a reader must open at once, not fail with "database is
 * locked" after the busy timeout — and done by the next open. `analysis_limit` bounds the
 * sampling per index. The bulk writers (an import, the sample book) run it too once they have
 * committed, so the next start finds the statistics fresh: after a million-sale demo, the open
 * that found them stale spent about 240 ms on them; one that finds them fresh, 2 ms.
 */
export function refreshStatistics(sqlite: Database.Database): void {
  sqlite.pragma('analysis_limit = 1000');
  atOnce(sqlite, () => sqlite.pragma('optimize = 0x10002'));
}

/**
 * What `ask` returns, asked of `sqlite` with its busy timeout set aside: null, at once, when
 * another connection holds the lock it needs, instead of waiting and then failing.
 */
export function atOnce<T>(sqlite: Database.Database, ask: () => T): T | null {
  const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    return ask();
  } catch (error) {
    if (isBusyError(error)) return null;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * Runs the pending migrations, each in its own transaction together with its version bump. A
 * migration that rebuilds a table others refer to runs with foreign keys off (SQLite ignores
 * the pragma inside a transaction, so it is set around it) and commits only if
 * `foreign_key_check` finds no broken reference; they are back on afterwards either way.
 */
export async function migrate(db: Kysely<DB>, fromVersion: number, toVersion = LATEST_VERSION): Promise<void> {
  for (const migration of MIGRATIONS.slice(fromVersion, toVersion)) {
    const keysOff = migration.foreignKeysOff === true;
    try {
      if (keysOff) await sql.raw('PRAGMA foreign_keys = OFF').execute(db);
      await db.transaction().execute(async (trx) => {
        await migration.up(trx);
        if (keysOff) {
          const broken = await sql<{ table: string; parent: string }>`PRAGMA foreign_key_check`.execute(trx);
          if (broken.rows.length > 0) {
            const first = broken.rows[0]!;
            throw new Error(`${broken.rows.length} rows of ${first.table} lost their ${first.parent} row`);
          }
        }
        await sql.raw(`PRAGMA user_version = ${migration.version}`).execute(trx);
      });
    } catch (error) {
      throw new DatabaseError(
        `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
        'migration_failed',
      );
    } finally {
      if (keysOff) await sql.raw(`PRAGMA foreign_keys = ${PRAGMAS.foreign_keys}`).execute(db);
    }
  }
}
