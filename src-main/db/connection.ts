import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { Kysely, SqliteDialect, sql, type Driver } from 'kysely';
import { sweepLeftovers, type SweepOptions } from '../kernel/files';
import { writeBackupFile } from './backupFile';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { ensureSearchIndex } from './searchIndex';
import type { DB } from './schema';

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another ABI (Electron's); Node's by default. */
  nativeBinding?: string;
  /** Where the pre-migration snapshot goes; next to the database by default. */
  snapshotPath?: (fromVersion: number, toVersion: number) => string;
  now?: () => Date;
  /**
   * How the leftovers of killed backups, restores and snapshots are swept before opening. Their
   * age is measured by the file system's clock, never by `now` (a test's or the seller's).
   */
  sweep?: SweepOptions;
}

export interface Store {
  readonly db: Kysely<DB>;
  readonly sqlite: Database.Database;
  readonly file: string;
  /** Set when opening migrated a non-empty database: where its previous state was saved. */
  readonly snapshot: string | null;
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

/**
 * Kysely's SQLite dialect, with one change: SQLite rolls a transaction back by itself on some
 * errors (a full disk, an I/O error, out of memory), and the ROLLBACK Kysely then sends fails
 * with "cannot rollback - no transaction is active", which replaced the real error. Rolling
 * back only what is still open lets the real one (SQLITE_FULL…) reach the user.
 */
class RapportDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.database.inTransaction) await rollback(connection);
    };
    return driver;
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

function readUserVersion(sqlite: Database.Database, file: string): number {
  try {
    return sqlite.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw new DatabaseError(`${file} is not a Rapport database (${(error as Error).message}).`, 'not_a_database');
  }
}

/**
 * Opens (creating if needed) and migrates the database. Refuses, before writing anything,
 * a file written by a newer Rapport: we cannot know what its data means.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Store> {
  // What killed backups, restores and snapshots left beside the database: only files with our
  // own temporary names whose writer is gone (kernel/files.ts).
  if (file !== ':memory:') await sweepLeftovers(file, options.sweep);
  const isNew = file === ':memory:' || !existsSync(file);
  const sqlite = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  let snapshot: string | null = null;
  try {
    const version = readUserVersion(sqlite, file);
    if (version > LATEST_VERSION) {
      throw new DatabaseError(
        `${file} was written by a newer version of Rapport (schema ${version}, this app knows up to ${LATEST_VERSION}). ` +
          'Update Rapport to open it; nothing was changed.',
        'too_new',
      );
    }
    sqlite.pragma(`journal_mode = ${PRAGMAS.journal_mode}`);
    sqlite.pragma(`foreign_keys = ${PRAGMAS.foreign_keys}`);
    sqlite.pragma(`synchronous = ${PRAGMAS.synchronous}`);
    sqlite.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
    sqlite.pragma(`trusted_schema = ${PRAGMAS.trusted_schema}`);
    sqlite.pragma(`temp_store = ${PRAGMAS.temp_store}`);

    const db = new Kysely<DB>({ dialect: new RapportDialect(sqlite) });
    if (version < LATEST_VERSION) {
      const hasTables =
        (sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n > 0;
      if (!isNew && hasTables) {
        const now = (options.now ?? (() => new Date()))();
        snapshot =
          options.snapshotPath?.(version, LATEST_VERSION) ??
          `${file}.v${version}-before-v${LATEST_VERSION}-${now.toISOString().replace(/[:.]/g, '-')}.bak`;
        // Under a temporary name until complete (a kill half-way leaves no snapshot that opens
        // as an empty database), self-contained and with its checksum, like every backup.
        await writeBackupFile(sqlite, snapshot, { overwrite: true });
      }
      await migrate(db, version);
    }
    // The full-text index is derived data: rebuilt here when any piece of it is missing or
    // unreadable (a few hundred microseconds when it is whole).
    await ensureSearchIndex(db);
    refreshStatistics(sqlite);
    return {
      db,
      sqlite,
      file,
      snapshot,
      close: async () => {
        await db.destroy();
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}

/**
 * Refreshes the planner's statistics where they are stale: without them SQLite ignores the
 * covering indexes that keep 100k-sale queries fast. It is the one write an open may make on a
 * database already up to date, so it never waits: while another process holds the write lock
 * (a long import), it is skipped — a reader must open at once, not fail with "database is
 * locked" after the busy timeout — and done by the next open. `analysis_limit` bounds the
 * sampling per index, so the first start after a big import stays quick.
 */
function refreshStatistics(sqlite: Database.Database): void {
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.pragma('optimize = 0x10002');
  } catch (error) {
    if (!/^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown }).code))) throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${PRAGMAS.busy_timeout}`);
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
