import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAlone } from '../../src-main/db/alone';
import { openDatabase, type Store } from '../../src-main/db/connection';

/**
 * db/alone.ts: a large write to a file no other connection has open goes through a rollback
 * journal, with the file held; with anyone else on the file it stays in WAL mode. Either way it
 * is all or nothing, and the file is in WAL mode again afterwards, shared as usual.
 */
let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-alone-'));
  file = join(dir, 'book.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const insert = (store: Store, name: string): void => {
  store.sqlite
    .prepare("INSERT INTO customers (name, name_key, created_at, updated_at) VALUES (?, ?, 'x', 'x')")
    .run(name, name.toLowerCase());
};
/** `n` customers in one transaction. */
const addCustomers = (store: Store, n: number): void =>
  store.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) insert(store, `C ${i}`);
  })();
const customers = (sqlite: Database.Database): number =>
  sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;

describe('writeAlone', () => {
  it('alone on the file: writes with a rollback journal, holding the file, then shares it in WAL mode again', async () => {
    const store = await openDatabase(file, { alone: true });
    try {
      const seen = await writeAlone(store.sqlite, async () => {
        addCustomers(store, 300);
        const mode = store.sqlite.pragma('journal_mode', { simple: true });
        // Held: another connection can neither read nor turn WAL on.
        const other = new Database(file, { timeout: 0 });
        try {
          expect(() => customers(other)).toThrow(/locked/);
        } finally {
          other.close();
        }
        return mode;
      });
      expect(seen).toBe('delete');
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(existsSync(`${file}-journal`)).toBe(false);
      // Shared again: another connection reads while this one writes, and sees what it commits.
      const other = new Database(file, { timeout: 0 });
      try {
        expect(customers(other)).toBe(300);
        store.sqlite.exec('BEGIN IMMEDIATE');
        store.sqlite.exec("INSERT INTO customers (name, name_key, created_at, updated_at) VALUES ('D', 'd', 'x', 'x')");
        expect(customers(other)).toBe(300);
        store.sqlite.exec('COMMIT');
        expect(customers(other)).toBe(301);
        expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        other.close();
      }
    } finally {
      await store.close();
    }
  });

  it('with another connection on the file: writes in WAL mode at once, and the other reads meanwhile', async () => {
    const store = await openDatabase(file, { alone: true });
    const other = new Database(file, { timeout: 0 });
    try {
      expect(customers(other)).toBe(0);
      const seen = await writeAlone(store.sqlite, async () =>
        store.sqlite.transaction(() => {
          insert(store, 'New');
          // The other reads the file as it was before the write, without waiting.
          expect(customers(other)).toBe(0);
          return store.sqlite.pragma('journal_mode', { simple: true });
        })(),
      );
      expect(seen).toBe('wal');
      expect(customers(other)).toBe(1);
      // The busy timeout the question set aside is back.
      expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('a write that fails: nothing of it stays, and the file is in WAL mode again', async () => {
    const store = await openDatabase(file, { alone: true });
    try {
      addCustomers(store, 10);
      await expect(
        writeAlone(store.sqlite, async () =>
          store.sqlite.transaction(() => {
            insert(store, 'Gone');
            throw new Error('half-way');
          })(),
        ),
      ).rejects.toThrow('half-way');
      expect(customers(store.sqlite)).toBe(10);
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      const other = new Database(file, { timeout: 0 });
      try {
        expect(customers(other)).toBe(10);
      } finally {
        other.close();
      }
    } finally {
      await store.close();
    }
  });
});
