import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import type { DB } from '../../src-main/db/schema';
import { backupDatabase, restoreDatabase } from '../../src-main/features/exchange/backup';
import { FIXED_NOW, tempDir } from '../helpers/store';
import { backupIn, openAt, sampleDatabase, sha } from './backupFixtures';
import { asyncRefusal } from '../helpers/words';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const open = openAt;
const count = (file: string, table = 'sales'): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const backupOf = (sales: number, name?: string): Promise<string> => backupIn(dir, sales, name);

describe('backup', () => {
  it('copies a database that another connection keeps writing to, as one consistent state', async () => {
    const file = join(dir, 'live.sqlite');
    await sampleDatabase(file, 3000);
    const store = await open(file);
    // A second connection (as another process would) commits a sale and its two technique
    // links in one transaction, again and again, while the backup runs.
    const writer = new Database(file);
    writer.pragma('busy_timeout = 5000');
    const addSale = writer.transaction(() => {
      const { lastInsertRowid } = writer
        .prepare(
          `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, created_at, updated_at)
           VALUES ('concurrent', 1, 100, 'EUR', 'open', '2026-06-01', 'x', 'x')`,
        )
        .run();
      writer.prepare('INSERT INTO sale_techniques VALUES (?, 1), (?, 2)').run(lastInsertRowid, lastInsertRowid);
    });
    let writes = 0;
    let writing = true;
    const loop = (async () => {
      while (writing) {
        addSale();
        writes++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const target = join(dir, 'copy.sqlite');
    const result = await backupDatabase(store.db, store.sqlite, target);
    writing = false;
    await loop;
    writer.close();
    await store.close();

    expect(writes).toBeGreaterThan(0);
    expect(result).toEqual({ path: target, bytes: readFileSync(target).length });
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      // Never a sale without both its links: each writer transaction is in the copy whole or not at all.
      const torn = copy
        .prepare(
          `SELECT count(*) AS n FROM sales s WHERE title = 'concurrent'
           AND (SELECT count(*) FROM sale_techniques st WHERE st.sale_id = s.id) <> 2`,
        )
        .get() as { n: number };
      expect(torn.n).toBe(0);
      expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      // Self-contained: a rollback-journal file, no -wal needed beside it.
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
    expect(readdirSync(dir).sort()).toEqual(['copy.sqlite', 'copy.sqlite.sha256', 'live.sqlite']);
  });

  it('waits for a transaction of the app in progress, and never copies its uncommitted rows', async () => {
    const file = join(dir, 'db.sqlite');
    await sampleDatabase(file, 10);
    const store = await open(file);
    let finish!: () => void;
    const paused = new Promise<void>((resolve) => (finish = resolve));
    const transaction = store.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('sale_techniques').execute();
        await trx.deleteFrom('sales').execute();
        await paused;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const backup = backupDatabase(store.db, store.sqlite, join(dir, 'copy.sqlite'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish();
    await Promise.all([transaction, backup]);
    await store.close();
    expect(count(join(dir, 'copy.sqlite'))).toBe(10);
  });

  it('refuses to replace an existing file unless asked to', async () => {
    const file = join(dir, 'db.sqlite');
    await sampleDatabase(file, 10);
    writeFileSync(join(dir, 'old.sqlite'), 'older backup');
    const store = await open(file);
    try {
      await expect(backupDatabase(store.db, store.sqlite, join(dir, 'old.sqlite'))).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(readFileSync(join(dir, 'old.sqlite'), 'utf8')).toBe('older backup');
      await backupDatabase(store.db, store.sqlite, join(dir, 'old.sqlite'), { overwrite: true });
      expect(count(join(dir, 'old.sqlite'))).toBe(10);
    } finally {
      await store.close();
    }
  });
});

describe('restore', () => {
  let current: string;
  let before: string;
  beforeEach(async () => {
    current = join(dir, 'rapport.sqlite');
    await sampleDatabase(current, 25);
    before = sha(current);
  });

  /** Nothing changed: same bytes, and nothing left beside the database. */
  function expectUntouched(extra: string[] = []): void {
    expect(sha(current)).toBe(before);
    const names = readdirSync(dir).filter((n) => n.startsWith('rapport.sqlite') || n.startsWith('.'));
    expect(names).toEqual(['rapport.sqlite', ...extra]);
  }

  it.each([
    ['a missing file', () => join(dir, 'nope.sqlite'), /nope\.sqlite does not exist/],
    ['an empty file', () => write('empty.sqlite', ''), /empty\.sqlite is empty/],
    ['a CSV file', () => write('sales.sqlite', 'id,title\n1,x\n'), /is not a SQLite database/],
    ['binary garbage', () => write('junk.sqlite', Buffer.alloc(8192, 0x5a)), /is not a SQLite database/],
    ['a directory', () => dir, /is not a file/],
  ])('refuses %s and changes nothing', async (_label, candidate, message) => {
    await expect(restoreDatabase(current, candidate(), FIXED_NOW)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await asyncRefusal(() => restoreDatabase(current, candidate(), FIXED_NOW))).toMatch(message);
    expectUntouched();
  });

  function write(name: string, content: string | Buffer): string {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  }

  it('refuses a truncated backup (its length) and changes nothing', async () => {
    const good = await backupOf(400);
    const bytes = readFileSync(good);
    const truncated = write('truncated.sqlite', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await asyncRefusal(() => restoreDatabase(current, truncated, FIXED_NOW))).toMatch(
      /truncated\.sqlite is incomplete: it has \d+ bytes, but its header says \d+ pages of 4096 bytes/,
    );
    expectUntouched();
  });

  it('refuses a backup with damaged pages (integrity) and changes nothing', async () => {
    const good = await backupOf(400);
    const bytes = readFileSync(good);
    bytes.fill(0xa5, 4096 * 3, 4096 * 6);
    const corrupt = write('corrupt.sqlite', bytes);
    expect(await asyncRefusal(() => restoreDatabase(current, corrupt, FIXED_NOW))).toMatch(
      /corrupt\.sqlite is damaged/,
    );
    expectUntouched();
  });

  it('refuses a backup from a newer Rapport and changes nothing', async () => {
    const newer = await backupOf(5, 'newer.sqlite');
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    // As a newer Rapport would have written it: its checksum describes the file as it is.
    const digest = createHash('sha256').update(readFileSync(newer)).digest('hex');
    writeFileSync(`${newer}.sha256`, `${digest}  newer.sqlite\n`);
    expect(await asyncRefusal(() => restoreDatabase(current, newer, FIXED_NOW))).toMatch(
      new RegExp(`newer version of Rapport \\(schema ${LATEST_VERSION + 1}; this app knows up to ${LATEST_VERSION}\\)`),
    );
    expectUntouched();
  });

  it("refuses another application's SQLite database and changes nothing", async () => {
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    db.close();
    expect(await asyncRefusal(() => restoreDatabase(current, other, FIXED_NOW))).toMatch(
      /not a Rapport backup.*missing tables/,
    );
    expectUntouched();
  });

  it('swaps the backup in and keeps the previous database aside', async () => {
    const backup = await backupOf(40);
    const backupHash = sha(backup);
    const result = await restoreDatabase(current, backup, FIXED_NOW);
    const aside = `${current}.backups/2026-06-15T09-30-00-000Z-before-restore.sqlite`;
    expect(result).toEqual({ restoredFrom: backup, previousSavedAs: aside });
    expect(count(aside)).toBe(25);
    expect(sha(backup)).toBe(backupHash);
    // No -wal/-shm left beside the database, the aside copy or the user's backup.
    expect(readdirSync(dir).filter((n) => /-(wal|shm)$|\.tmp$/.test(n))).toEqual([]);

    const store = await open(current);
    try {
      expect(
        (
          await store.db
            .selectFrom('sales')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ).toBe(40);
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      await store.close();
    }
  });

  it('restores a backup of an older schema, which the next open migrates', async () => {
    const old = join(dir, 'v1.sqlite');
    const sqlite = new Database(old);
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, 0, 1);
    sqlite.exec(
      `INSERT INTO customers (name, name_key, created_at, updated_at) VALUES ('Old friend', 'old friend', 'x', 'x')`,
    );
    await db.destroy();

    await restoreDatabase(current, old, FIXED_NOW);
    const store = await open(current);
    try {
      expect(store.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(store.snapshot).not.toBeNull();
      const names = await store.db.selectFrom('customers').select('name').execute();
      expect(names).toEqual([{ name: 'Old friend' }]);
    } finally {
      await store.close();
    }
  });

  it('refuses while another process has the database open, and changes nothing', async () => {
    const backup = await backupOf(5);
    const other = new Database(current);
    other.prepare('SELECT count(*) FROM sales').get();
    try {
      await expect(restoreDatabase(current, backup, FIXED_NOW)).rejects.toMatchObject({ code: 'conflict' });
      expect(await asyncRefusal(() => restoreDatabase(current, backup, FIXED_NOW))).toMatch(
        /in use by another Rapport process/,
      );
      expect(count(current)).toBe(25);
    } finally {
      other.close();
    }
    expect(sha(current)).toBe(before);
    expect(readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('replaces a database too damaged to open, keeping the damaged file aside as it was', async () => {
    const backup = await backupOf(5);
    writeFileSync(current, 'this was a database once');
    const { previousSavedAs } = await restoreDatabase(current, backup, FIXED_NOW);
    expect(readFileSync(previousSavedAs!, 'utf8')).toBe('this was a database once');
    expect(count(current)).toBe(5);
  });

  it('restores onto a machine with no database yet', async () => {
    const backup = await backupOf(5);
    const fresh = join(dir, 'new', 'rapport.sqlite');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'new'));
    expect(await restoreDatabase(fresh, backup, FIXED_NOW)).toEqual({ restoredFrom: backup, previousSavedAs: null });
    // Before reading it: a read-only reader of a WAL-mode file leaves its -wal behind.
    expect(existsSync(`${fresh}-wal`)).toBe(false);
    expect(count(fresh)).toBe(5);
  });
});
