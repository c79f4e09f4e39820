import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/connection';
import { restoreDatabase } from '../../src-main/features/exchange/backup';
import { FIXED_NOW, tempDir } from '../helpers/store';
import { asyncRefusal } from '../helpers/words';
import { backupIn, sampleDatabase } from './backupFixtures';

/**
 * Issue 15, point 1, the restore's side: the swap holds the database exclusively from the copy
 * it keeps aside to the rename, and refuses — changing nothing — while any other connection
 * has the database open, whatever that connection is doing.
 */

let dir: string;
let cleanup: () => void;
let current: string;
let backup: string;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  current = join(dir, 'rapport.sqlite');
  await sampleDatabase(current, 25);
  backup = await backupIn(dir, 5);
});
afterEach(() => cleanup());

/** Read-write, so that closing it, the last connection, removes the -wal and -shm it made. */
const count = (file: string): number => {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** The database's file and whatever is beside it under its name or a temporary one. */
const beside = (): string[] => readdirSync(dir).filter((n) => n.startsWith('rapport.sqlite') || n.startsWith('.'));

describe('a restore while another connection has the database open', () => {
  const written = "UPDATE sales SET notes = 'written during the restore' WHERE id = (SELECT min(id) FROM sales)";
  it.each([
    [
      'idle (a store, opened and left)',
      async (): Promise<() => Promise<void>> => {
        const store = await openDatabase(current);
        return () => store.close();
      },
    ],
    [
      'in a read',
      async (): Promise<() => Promise<void>> => {
        const other = new Database(current);
        other.exec('BEGIN');
        other.prepare('SELECT count(*) FROM sales').get();
        return async () => {
          other.exec('COMMIT');
          other.close();
        };
      },
    ],
    [
      'in a write (which commits afterwards, into the one database there is)',
      async (): Promise<() => Promise<void>> => {
        const other = new Database(current);
        other.exec('BEGIN IMMEDIATE');
        other.exec(written);
        return async () => {
          other.exec('COMMIT');
          other.close();
        };
      },
    ],
  ])('is refused with databaseInUse when it is %s, and changes nothing', async (label, hold) => {
    const release = await hold();
    try {
      await expect(restoreDatabase(current, backup, FIXED_NOW)).rejects.toMatchObject({
        code: 'conflict',
        message: 'failures.databaseInUse',
      });
      expect(await asyncRefusal(() => restoreDatabase(current, backup, FIXED_NOW))).toMatch(
        /in use by another Rapport process/,
      );
    } finally {
      await release();
    }
    expect(beside()).toEqual(['rapport.sqlite']);
    const db = new Database(current, { fileMustExist: true });
    try {
      expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(25);
      const notes = db.prepare("SELECT count(*) FROM sales WHERE notes = 'written during the restore'").pluck().get();
      expect(notes).toBe(label.startsWith('in a write') ? 1 : 0);
    } finally {
      db.close();
    }
  });

  it('goes through once the other connection is closed, leaving nothing beside the restored file', async () => {
    const store = await openDatabase(current);
    await expect(restoreDatabase(current, backup, FIXED_NOW)).rejects.toMatchObject({ code: 'conflict' });
    await store.close();

    const { previousSavedAs } = await restoreDatabase(current, backup, FIXED_NOW);
    expect(count(current)).toBe(5);
    expect(count(previousSavedAs!)).toBe(25);
    // No journal, -wal or -shm of the file swapped away, under names the restored file uses.
    // (The database kept aside is an automatic backup, in the folder rapport.sqlite.backups.)
    expect(beside().filter((n) => n !== 'rapport.sqlite.backups')).toEqual(['rapport.sqlite']);
    // In WAL mode from the start (its header's read and write versions are 2): its first
    // reader keeps the next restore out, before anything turns WAL on.
    expect([...readFileSync(current).subarray(18, 20)]).toEqual([2, 2]);
  });
});
