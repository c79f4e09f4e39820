import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import type { DB } from '../../src-main/db/schema';
import { tempDirsPerTest } from '../helpers/store';

const workspace = tempDirsPerTest();

/** A version-1 database holding one customer, product, technique and linked sale. */
async function v1Database(file: string): Promise<void> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 0, 1);
  sqlite.exec(`
    INSERT INTO customers (id, name, name_key, email, created_at, updated_at)
      VALUES (1, 'Ada Lovelace', 'ada lovelace', 'ada@example.com', 'x', 'x');
    INSERT INTO products (id, name, currency, created_at) VALUES (1, 'Workshop', 'EUR', 'x');
    INSERT INTO techniques (id, name, created_at) VALUES (1, 'SPIN', 'x');
    INSERT INTO sales (id, title, customer_id, product_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
      VALUES (1, 'Workshop — Ada', 1, 1, 150000, 'EUR', 'won', '2026-03-01', '2026-03-10', 'x', 'x');
    INSERT INTO sale_techniques VALUES (1, 1);
    INSERT INTO settings VALUES ('currency', '"EUR"');`);
  await db.destroy();
}

const rows = (sqlite: Database.Database, table: string): unknown[] =>
  sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();

describe('migration 0002 (imports)', () => {
  it('keeps every v1 row intact; the new columns are null and the new tables empty', async () => {
    const file = join(workspace(), 'm.sqlite');
    await v1Database(file);
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    const before = Object.fromEntries(
      ['customers', 'products', 'techniques', 'sales', 'sale_techniques', 'settings'].map((t) => [t, rows(sqlite, t)]),
    );
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, 1, 2);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(2);

    const strip = (list: unknown[], columns: string[]): unknown[] =>
      list.map((r) => Object.fromEntries(Object.entries(r as object).filter(([k]) => !columns.includes(k))));
    expect(strip(rows(sqlite, 'sales'), ['import_batch_id', 'external_id', 'fingerprint'])).toEqual(before.sales);
    expect(strip(rows(sqlite, 'customers'), ['import_batch_id', 'external_id'])).toEqual(before.customers);
    for (const table of ['products', 'techniques', 'sale_techniques', 'settings'])
      expect(rows(sqlite, table)).toEqual(before[table]);
    expect(sqlite.prepare('SELECT import_batch_id, external_id, fingerprint FROM sales').get()).toEqual({
      import_batch_id: null,
      external_id: null,
      fingerprint: null,
    });
    expect(sqlite.prepare('SELECT import_batch_id, external_id FROM customers').get()).toEqual({
      import_batch_id: null,
      external_id: null,
    });
    expect(sqlite.prepare('SELECT count(*) AS n FROM import_batches').get()).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM import_mappings').get()).toEqual({ n: 0 });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    // External ids are unique when present; any number of sales may have none.
    const insert = sqlite.prepare(
      `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at, external_id)
       VALUES ('t', 1, 1, 'EUR', 'won', '2026-01-01', '2026-01-01', 'x', 'x', ?)`,
    );
    insert.run(null);
    insert.run(null);
    insert.run('deal-1');
    expect(() => insert.run('deal-1')).toThrow(/UNIQUE/);
    expect(() =>
      sqlite
        .prepare(
          "INSERT INTO import_mappings (name, kind, mapping, created_at, updated_at) VALUES ('x', 'deals', '{}', 'x', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    await db.destroy();
  });

  it('openDatabase snapshots a populated v1 file through the backup API before migrating it', async () => {
    const dir = workspace();
    const file = join(dir, 'rapport.sqlite');
    await v1Database(file);
    const store = await openDatabase(file, { now: () => new Date('2026-06-15T09:30:00Z') });
    // Straight to the latest schema, in one step after one snapshot.
    expect(store.snapshot).toBe(`${file}.backups/2026-06-15T09-30-00-000Z-before-migration.sqlite`);
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    await store.close();

    expect(readdirSync(`${file}.backups`).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    const snapshot = new Database(store.snapshot!, { readonly: true, fileMustExist: true });
    expect(snapshot.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(snapshot.pragma('user_version', { simple: true })).toBe(1);
    const migrated = new Database(file, { readonly: true });
    // Later migrations flag sample rows (0005), every v1 row being real, and give techniques the
    // catalogue's columns (0006, tested there) and their library sources (0007).
    const CATALOGUE = [
      'category',
      'steps',
      'source',
      'retired_at',
      'starter',
      'updated_at',
      'source_item_id',
      'source_highlight_id',
    ];
    const asInV1 = (table: string) => (row: unknown) =>
      Object.fromEntries(
        Object.entries(row as Record<string, unknown>).filter(
          ([key, value]) => !(key === 'sample' && value === 0) && !(table === 'techniques' && CATALOGUE.includes(key)),
        ),
      );
    for (const table of ['products', 'techniques', 'sale_techniques', 'settings'])
      expect(rows(snapshot, table)).toEqual(rows(migrated, table).map(asInV1(table)));
    expect(rows(snapshot, 'sales')).toHaveLength(1);
    expect(snapshot.prepare('SELECT title, amount_minor FROM sales').get()).toEqual({
      title: 'Workshop — Ada',
      amount_minor: 150000,
    });
    // The snapshot is a v1 schema: no import columns or tables.
    const columns = snapshot.prepare("SELECT name FROM pragma_table_info('sales')").all() as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('fingerprint');
    expect(snapshot.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'import_batches'").get()).toEqual({
      n: 0,
    });
    snapshot.close();
    migrated.close();
  });
});
