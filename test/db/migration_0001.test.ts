import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../../src-main/db/connection';
import type { DB } from '../../src-main/db/schema';
import { tempDir } from '../helpers/store';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('migration 0001 (initial schema)', () => {
  function migrated(): Database.Database {
    const t = tempDir();
    cleanup = t.cleanup;
    const sqlite = new Database(join(t.dir, 'm.sqlite'));
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  }

  it('creates the tables and sets user_version to 1 in one transaction', async () => {
    const sqlite = migrated();
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, 0, 1);
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(['customers', 'products', 'sale_techniques', 'sales', 'settings', 'techniques']);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(1);
    await db.destroy();
  });

  it('enforces the sale invariants in the schema itself', async () => {
    const sqlite = migrated();
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, 0, 1);
    sqlite.exec(
      "INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (1, 'Ada', 'ada', 'x', 'x')",
    );
    const insert = (status: string, closed: string | null, amount = 100, stage: string | null = null): void => {
      sqlite
        .prepare(
          `INSERT INTO sales (title, customer_id, amount_minor, currency, status, stage, opened_on, closed_on, created_at, updated_at)
           VALUES ('t', 1, ?, 'EUR', ?, ?, '2026-01-01', ?, 'x', 'x')`,
        )
        .run(amount, status, stage, closed);
    };
    insert('won', '2026-01-02');
    insert('open', null, 100, 'lead');
    expect(() => insert('won', null)).toThrow(/CHECK/);
    expect(() => insert('open', '2026-01-02')).toThrow(/CHECK/);
    expect(() => insert('won', '2026-01-02', -1)).toThrow(/CHECK/);
    expect(() => insert('won', '2026-01-02', 100, 'lead')).toThrow(/CHECK/);
    expect(() => insert('maybe', '2026-01-02')).toThrow(/CHECK/);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
           VALUES ('t', 42, 1, 'EUR', 'won', '2026-01-01', '2026-01-01', 'x', 'x')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(sqlite.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 2 });
    await db.destroy();
  });
});
