import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseError, openDatabase, PRAGMAS } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { tempDirsPerTest } from '../helpers/store';

const workspace = tempDirsPerTest();

describe('openDatabase', () => {
  it('creates a file with the safety pragmas on and the latest schema', async () => {
    const file = join(workspace(), 'new.sqlite');
    const store = await openDatabase(file);
    const p = (name: string): unknown => store.sqlite.pragma(name, { simple: true });
    expect(p('journal_mode')).toBe(PRAGMAS.journal_mode);
    expect(p('foreign_keys')).toBe(1);
    expect(p('synchronous')).toBe(2);
    expect(p('busy_timeout')).toBe(5000);
    expect(p('trusted_schema')).toBe(0);
    expect(p('temp_store')).toBe(2);
    expect(p('user_version')).toBe(LATEST_VERSION);
    expect(store.snapshot).toBeNull();
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a database written by a newer Rapport and writes nothing', async () => {
    const file = join(workspace(), 'future.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_things (x); PRAGMA user_version = 999;');
    raw.close();
    const before = readFileSync(file);
    const failure = openDatabase(file);
    await expect(failure).rejects.toThrow(DatabaseError);
    await expect(openDatabase(file)).rejects.toThrow(/newer version of Rapport.*nothing was changed/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database with a clear error', async () => {
    const file = join(workspace(), 'notes.sqlite');
    writeFileSync(file, 'these are my notes, not a database '.repeat(200));
    const before = readFileSync(file);
    await expect(openDatabase(file)).rejects.toMatchObject({ code: 'not_a_database' });
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('snapshots a non-empty database through the backup API before migrating it', async () => {
    const dir = workspace();
    const file = join(dir, 'old.sqlite');
    const raw = new Database(file);
    raw.exec("CREATE TABLE legacy (note TEXT); INSERT INTO legacy VALUES ('keep me');");
    raw.close();
    const store = await openDatabase(file, { now: () => new Date('2026-01-02T03:04:05Z') });
    expect(store.snapshot).not.toBeNull();
    await store.close();
    // An automatic backup in the folder beside the database (db/backupFolder.ts).
    const snapshots = readdirSync(`${file}.backups`).filter((f) => f.endsWith('-before-migration.sqlite'));
    expect(snapshots).toEqual(['2026-01-02T03-04-05-000Z-before-migration.sqlite']);
    expect(store.snapshot).toBe(join(`${file}.backups`, snapshots[0]!));
    const copy = new Database(store.snapshot!, { readonly: true });
    expect(copy.prepare('SELECT note FROM legacy').get()).toEqual({ note: 'keep me' });
    expect(copy.pragma('user_version', { simple: true })).toBe(0);
    copy.close();
  });

  it('reopens an up-to-date database without a snapshot or a migration', async () => {
    const dir = workspace();
    const file = join(dir, 'again.sqlite');
    await (await openDatabase(file)).close();
    const store = await openDatabase(file);
    expect(store.snapshot).toBeNull();
    await store.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(0);
  });
});
