import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { expect, onTestFinished } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import type { DB } from '../../src-main/db/schema';
import { tempDir } from './store';

/*
 * Migration tests are shaped "migrate to N-1, insert rows, migrate to N, compare rows".
 * These are the shared steps; each test file keeps its own rows and its own rules to check.
 */

/** The tables of a version-2 database (sales and imports), and those migration 3 adds (care). */
export const TABLES_V2 = [
  'customers',
  'products',
  'techniques',
  'sales',
  'sale_techniques',
  'settings',
  'import_batches',
  'import_mappings',
];
export const CARE_TABLES = [
  'interactions',
  'check_ins',
  'complaints',
  'cadence_rules',
  'contact_rules',
  'follow_up_snoozes',
  'care_notified',
  'calendar_events',
];

export interface MigrationDb {
  sqlite: Database.Database;
  db: Kysely<DB>;
}

/**
 * A database file in a temp folder, migrated to `version` and then given `seed`. After the test
 * it is closed and the folder removed (finish hooks run last-registered first).
 */
export async function databaseAt(version: number, seed: string): Promise<MigrationDb> {
  const t = tempDir();
  onTestFinished(t.cleanup);
  const sqlite = new Database(join(t.dir, 'm.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  onTestFinished(() => db.destroy());
  await migrate(db, 0, version);
  sqlite.exec(seed);
  return { sqlite, db };
}

/** `old` migrated one step, to `to`, and then given `seed` (rows only the new schema can hold). */
export async function migratedWith(
  old: MigrationDb,
  to: number,
  seed: (sqlite: Database.Database) => void,
): Promise<MigrationDb> {
  await migrate(old.db, to - 1, to);
  seed(old.sqlite);
  return old;
}

export const rows = (sqlite: Database.Database, table: string): unknown[] =>
  sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();

export const count = (sqlite: Database.Database, table: string): number =>
  (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** `rejects(statement, why)`: the statement fails with an error matching `why` (the schema forbids it). */
export function rejecter(sqlite: Database.Database): (statement: string, why: RegExp) => void {
  return (statement, why) => {
    expect(() => sqlite.exec(statement), statement).toThrow(why);
  };
}

/**
 * Runs migration `to` and checks what it must leave alone and what it adds: every row of
 * `kept` as it was, each `added` table present, empty and STRICT, and no dangling key.
 */
export async function expectMigrationKeepsRows(
  { sqlite, db }: MigrationDb,
  to: number,
  kept: readonly string[],
  added: readonly string[],
): Promise<void> {
  const before = Object.fromEntries(kept.map((table) => [table, rows(sqlite, table)]));
  await migrate(db, to - 1, to);
  expect(sqlite.pragma('user_version', { simple: true })).toBe(to);
  for (const table of kept) expect(rows(sqlite, table), table).toEqual(before[table]);
  for (const table of added) {
    expect(count(sqlite, table), table).toBe(0);
    const info = sqlite.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as
      { strict: number } | undefined;
    expect(info?.strict, table).toBe(1);
  }
  expect(sqlite.pragma('foreign_key_check')).toEqual([]);
}

/**
 * Makes migration `to` fail after several statements (one of the tables it creates, `blocker`,
 * already exists) and checks it was undone whole: the version and `created` tables are as before.
 */
export async function expectRollback(
  { sqlite, db }: MigrationDb,
  to: number,
  blocker: string,
  failure: RegExp,
  created: readonly string[],
): Promise<void> {
  sqlite.exec(`CREATE TABLE ${blocker} (x)`);
  await expect(migrate(db, to - 1, to)).rejects.toThrow(failure);
  expect(sqlite.pragma('user_version', { simple: true })).toBe(to - 1);
  const left = sqlite
    .prepare(`SELECT name FROM sqlite_schema WHERE name IN (${created.map(() => '?').join(', ')})`)
    .all(...created);
  expect(left).toEqual([]);
}
