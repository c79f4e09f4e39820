import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { SEARCH_TRIGGERS } from '../../src-main/db/searchIndex';
import type { DB } from '../../src-main/db/schema';
import { backupDatabase, restoreDatabase } from '../../src-main/features/exchange/backup';
import { AppError } from '../../src-main/kernel/errors';
import { FIXED_NOW, tempDir } from '../helpers/store';
import { backupIn, openAt, sampleDatabase, sha } from './backupFixtures';
import { asyncRefusal } from '../helpers/words';

/**
 * Issue 15, points 2 and 3: a backup is checked before it is trusted — its length against its
 * header, the checksum written beside it, its schema against this version's migrations at the
 * version it claims, its foreign keys — and a refused one changes nothing.
 */

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const open = openAt;

const backupOf = (sales: number, name?: string): Promise<string> => backupIn(dir, sales, name);

function write(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

function query<T>(file: string, statement: string): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(statement).get() as T;
  } finally {
    db.close();
  }
}

/** A database file migrated by this version's migrations up to `version`, no further. */
async function atVersion(file: string, version: number): Promise<void> {
  const sqlite = new Database(file);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, 0, version);
  sqlite.exec(
    `INSERT INTO customers (name, name_key, created_at, updated_at) VALUES ('Old friend', 'old friend', 'x', 'x')`,
  );
  await db.destroy();
}

describe('the checksum beside every backup the app makes', () => {
  it('is written with the backup, in the format sha256sum -c reads, and replaced with it', async () => {
    const backup = await backupOf(30);
    expect(readFileSync(`${backup}.sha256`, 'utf8')).toBe(`${sha(backup)}  backup.sqlite\n`);
    const store = await open(join(dir, 'source-backup.sqlite'));
    try {
      await store.db.deleteFrom('sale_techniques').execute();
      await store.db.deleteFrom('sales').execute();
      await backupDatabase(store.db, store.sqlite, backup, { overwrite: true });
    } finally {
      await store.close();
    }
    expect(readFileSync(`${backup}.sha256`, 'utf8')).toBe(`${sha(backup)}  backup.sqlite\n`);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('is written for the copy a restore keeps aside and for the snapshot before a migration', async () => {
    const current = join(dir, 'rapport.sqlite');
    await sampleDatabase(current, 10);
    const { previousSavedAs } = await restoreDatabase(current, await backupOf(5), FIXED_NOW);
    expect(readFileSync(`${previousSavedAs}.sha256`, 'utf8')).toMatch(new RegExp(`^${sha(previousSavedAs!)}  `));

    const old = join(dir, 'old.sqlite');
    await atVersion(old, 3);
    const store = await open(old);
    await store.close();
    expect(store.snapshot).toMatch(/old\.sqlite\.backups\/.+-before-migration\.sqlite$/);
    expect(readFileSync(`${store.snapshot}.sha256`, 'utf8')).toMatch(new RegExp(`^${sha(store.snapshot!)}  `));
    // The snapshot opens on its own, at the version it was taken, with no journal beside it.
    expect(query<{ v: number }>(store.snapshot!, 'PRAGMA user_version')).toEqual({ user_version: 3 });
    expect(existsSync(`${store.snapshot}-journal`)).toBe(false);
  });
});

describe('restore refuses what it cannot trust, and changes nothing', () => {
  let current: string;
  let before: string;
  beforeEach(async () => {
    current = join(dir, 'rapport.sqlite');
    await sampleDatabase(current, 25);
    before = sha(current);
  });

  function expectUntouched(): void {
    expect(sha(current)).toBe(before);
    expect(readdirSync(dir).filter((n) => n.startsWith('rapport.sqlite') || n.startsWith('.'))).toEqual([
      'rapport.sqlite',
    ]);
  }

  it('a backup cut short anywhere: 1–64 bytes, mid-page, whole pages; with and without its checksum', async () => {
    const good = await backupOf(400);
    const bytes = readFileSync(good);
    const page = 4096;
    const cuts = new Set<number>();
    for (let short = 1; short <= 64; short++) cuts.add(bytes.length - short);
    for (const pages of [1, 2, 7, Math.floor(bytes.length / page / 2)]) {
      cuts.add(bytes.length - pages * page); // whole pages
      cuts.add(bytes.length - pages * page - page / 2); // mid-page
    }
    for (const at of [100, 512, page, page + 1, 3 * page - 1]) cuts.add(at);
    const reasons = new Map<string, number>();
    for (const cut of cuts) {
      for (const withChecksum of [false, true]) {
        const file = write('cut.sqlite', bytes.subarray(0, cut));
        if (withChecksum) copyFileSync(`${good}.sha256`, `${file}.sha256`);
        let refused: unknown;
        try {
          await restoreDatabase(current, file, FIXED_NOW);
        } catch (error) {
          refused = error;
        }
        expect(refused, `cut at ${cut} bytes of ${bytes.length}`).toBeInstanceOf(AppError);
        const key = (refused as AppError).message;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
        expect(sha(current)).toBe(before);
        expect(readdirSync(dir).filter((n) => n.startsWith('.') || n.startsWith('rapport.sqlite.'))).toEqual([]);
      }
    }
    // Each refusal says the file is incomplete (or too short to be a database), not something vaguer.
    expect([...reasons.keys()].sort()).toEqual(
      ['failures.backup.incomplete', 'failures.backup.partialPage', 'failures.backup.tooShort'].filter((key) =>
        reasons.has(key),
      ),
    );
    expect(reasons.get('failures.backup.incomplete')).toBeGreaterThan(cuts.size);
  });

  it('a byte changed after the backup was made: refused by its checksum, though SQLite finds nothing wrong', async () => {
    const good = await backupOf(40);
    const title = query<{ title: string }>(good, 'SELECT title FROM sales WHERE id = 2').title;
    const bytes = readFileSync(good);
    const needle = Buffer.from(title, 'utf8');
    // The title's bytes in the sales table (it is also in the search index's own table).
    let changed: string | null = null;
    for (let at = bytes.indexOf(needle); at >= 0 && changed === null; at = bytes.indexOf(needle, at + 1)) {
      const doctored = Buffer.from(bytes);
      doctored[at] = doctored[at]! ^ 0x20; // one letter's case
      const file = write('flipped.sqlite', doctored);
      if (query<{ title: string }>(file, 'SELECT title FROM sales WHERE id = 2').title !== title) changed = file;
    }
    expect(changed).not.toBeNull();
    const flipped = changed!;
    expect(query<{ integrity_check: string }>(flipped, 'PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' });

    copyFileSync(`${good}.sha256`, `${flipped}.sha256`);
    expect(await asyncRefusal(() => restoreDatabase(current, flipped, FIXED_NOW))).toBe(
      `${flipped} does not match the checksum saved with it in ${flipped}.sha256: it was damaged or changed after the backup was made. Nothing was changed.`,
    );
    expectUntouched();
  });

  it('a checksum file that holds no checksum', async () => {
    const good = await backupOf(5);
    writeFileSync(`${good}.sha256`, 'not a checksum\n');
    expect(await asyncRefusal(() => restoreDatabase(current, good, FIXED_NOW))).toMatch(
      /The checksum saved with .*backup\.sqlite in .*backup\.sqlite\.sha256 cannot be read/,
    );
    expectUntouched();
  });

  it('a backup with no checksum beside it (an older version’s, another tool’s) still restores after the other checks', async () => {
    const good = await backupOf(7);
    rmSync(`${good}.sha256`);
    await restoreDatabase(current, good, FIXED_NOW);
    expect(query<{ n: number }>(current, 'SELECT count(*) AS n FROM sales')).toEqual({ n: 7 });
  });

  it('rows that refer to records the file does not have', async () => {
    const good = await backupOf(10);
    const db = new Database(good);
    db.pragma('foreign_keys = OFF');
    db.exec('DELETE FROM customers WHERE id IN (SELECT customer_id FROM sales LIMIT 1)');
    db.close();
    rmSync(`${good}.sha256`);
    expect(await asyncRefusal(() => restoreDatabase(current, good, FIXED_NOW))).toMatch(
      /backup\.sqlite is damaged: \d+ rows refer to records it does not contain \(the first in \w+, row \d+, refers to customers\)/,
    );
    expectUntouched();
  });
});

describe('restore compares the schema with what this version’s migrations give at the version the file claims', () => {
  let current: string;
  let before: string;
  beforeEach(async () => {
    current = join(dir, 'rapport.sqlite');
    await sampleDatabase(current, 5);
    before = sha(current);
  });

  /** A real backup without its checksum, changed by `statements`. */
  async function doctored(statements: string): Promise<string> {
    const file = await backupOf(10);
    rmSync(`${file}.sha256`);
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.exec(statements);
    db.close();
    return file;
  }

  const prefix = `is not a Rapport backup of schema version ${LATEST_VERSION}: `;
  it.each([
    ['a column renamed', 'ALTER TABLE sales RENAME COLUMN title TO name', 'the table sales lacks the column title'],
    ['a column added', 'ALTER TABLE customers ADD COLUMN nickname TEXT', 'the table customers has a column nickname'],
    [
      'a table added',
      'CREATE TABLE extras (id INTEGER PRIMARY KEY)',
      'it has a table extras that Rapport does not have',
    ],
    ['an index dropped', 'DROP INDEX sales_amount', 'the index sales_amount is missing'],
    [
      'a trigger added',
      'CREATE TRIGGER sneaky AFTER INSERT ON sales BEGIN DELETE FROM customers WHERE id = NEW.customer_id; END',
      'it has a trigger sneaky that Rapport does not have',
    ],
    [
      'a column of another type',
      `CREATE TABLE settings_new (key TEXT PRIMARY KEY, value BLOB NOT NULL);
       INSERT INTO settings_new SELECT key, value FROM settings; DROP TABLE settings;
       ALTER TABLE settings_new RENAME TO settings;`,
      null,
    ],
  ])('%s', async (_label, statements, words) => {
    const file = await doctored(statements);
    const message = await asyncRefusal(() => restoreDatabase(current, file, FIXED_NOW));
    expect(message).toContain(`${file} ${prefix}`);
    if (words) expect(message).toContain(words);
    expect(message).toMatch(/Nothing was changed\.$/);
    expect(sha(current)).toBe(before);
  });

  it('a search-index trigger a backup of its version would not have is refused; one of its own is replaced on open', async () => {
    expect(SEARCH_TRIGGERS).toContain('search_index_sales_insert');
    const hostile = 'CREATE TRIGGER search_index_sales_insert AFTER INSERT ON sales BEGIN DELETE FROM customers; END';
    // Version 5 had no search index at all.
    const old = join(dir, 'v5.sqlite');
    await atVersion(old, 5);
    const raw = new Database(old);
    raw.exec(hostile);
    raw.close();
    expect(await asyncRefusal(() => restoreDatabase(current, old, FIXED_NOW))).toContain(
      'is not a Rapport backup of schema version 5: it has a trigger search_index_sales_insert that Rapport does not have',
    );
    expect(sha(current)).toBe(before);

    // At the latest version the name is the index's own: its statement is not compared (an older
    // version's differs) because opening the database puts this version's in its place.
    const file = await doctored(`DROP TRIGGER search_index_sales_insert; ${hostile}`);
    await restoreDatabase(current, file, FIXED_NOW);
    const store = await open(current);
    try {
      const customers = await store.db.selectFrom('customers').select('id').execute();
      await store.db
        .insertInto('sales')
        .values({
          title: 'after restore',
          customer_id: customers[0]!.id,
          amount_minor: 100,
          currency: 'EUR',
          status: 'open',
          opened_on: '2026-06-01',
          created_at: 'x',
          updated_at: 'x',
        })
        .execute();
      expect(await store.db.selectFrom('customers').select('id').execute()).toEqual(customers);
    } finally {
      await store.close();
    }
  });

  it('a copy of a database file the app had closed (WAL mode, no -wal beside it) restores', async () => {
    const source = join(dir, 'closed.sqlite');
    await sampleDatabase(source, 12);
    expect(query<{ journal_mode: string }>(source, 'PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    const copy = join(dir, 'copied.sqlite');
    copyFileSync(source, copy);
    await restoreDatabase(current, copy, FIXED_NOW);
    expect(query<{ n: number }>(current, 'SELECT count(*) AS n FROM sales')).toEqual({ n: 12 });
  });

  it("Rapport's table names with other columns (the file from the issue)", async () => {
    const file = join(dir, 'lookalike.sqlite');
    const db = new Database(file);
    for (const table of ['customers', 'products', 'techniques', 'sales', 'sale_techniques', 'settings']) {
      db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, stuff TEXT)`);
    }
    db.pragma(`user_version = ${LATEST_VERSION}`);
    db.close();
    expect(await asyncRefusal(() => restoreDatabase(current, file, FIXED_NOW))).toMatch(
      new RegExp(`lookalike\\.sqlite ${prefix}the table \\w+ is missing\\. Nothing was changed\\.$`),
    );
    expect(sha(current)).toBe(before);
  });

  it.each(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1))(
    'a backup of version %i restores, and opens migrated',
    async (version) => {
      const old = join(dir, `v${version}.sqlite`);
      await atVersion(old, version);
      await restoreDatabase(current, old, FIXED_NOW);
      const store = await open(current);
      try {
        expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(await store.db.selectFrom('customers').select('name').execute()).toEqual([{ name: 'Old friend' }]);
      } finally {
        await store.close();
      }
    },
  );

  it.each(Array.from({ length: LATEST_VERSION - 1 }, (_, i) => i + 1))(
    'a database that started at version %i and was migrated by opening it backs up and restores',
    async (version) => {
      const old = join(dir, `from-v${version}.sqlite`);
      await atVersion(old, version);
      const store = await open(old);
      await backupDatabase(store.db, store.sqlite, join(dir, 'migrated.sqlite'));
      await store.close();
      await restoreDatabase(current, join(dir, 'migrated.sqlite'), FIXED_NOW);
      expect(query<{ n: number }>(current, 'SELECT count(*) AS n FROM customers')).toEqual({ n: 1 });
    },
  );
});
