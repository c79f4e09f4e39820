import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backupsFolder, parseBackupName } from '../../src-main/db/backupFolder';
import { migrate } from '../../src-main/db/connection';
import type { DB } from '../../src-main/db/schema';
import { dailyBackup, verifierFor } from '../../src-main/features/backups';
import { verifyBackupFile } from '../../src-main/features/exchange';
import { dispatch } from '../../src-main/ipc/register';
import { sandboxForAll } from '../cli/helpers';
import { FIXED_NOW } from '../helpers/store';
import { importSales as importSalesIn, reopeningForEachTest } from './helpers';

const mode = (file: string): number => statSync(file).mode & 0o777;
const log = (): void => undefined;

/** With the verifier the app, the preview and the CLI pass. */
const t = reopeningForEachTest(() => ({ now: () => FIXED_NOW, verifyBackup: verifierFor() }));
const call = (channel: Parameters<typeof dispatch>[1], input: unknown) => dispatch(t.handlers, channel, input, log);

const folderNames = (): string[] =>
  existsSync(backupsFolder(t.file)) ? readdirSync(backupsFolder(t.file)).sort() : [];
const backups = (): string[] => folderNames().filter((name) => parseBackupName(name) !== null);
const salesIn = (path: string): number => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  } finally {
    db.close();
  }
};
const listed = () => t.handlers['data.backups.list'](undefined);
const salesNow = (): number => t.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;

const importSales = async (n: number, dryRun = false): Promise<void> => {
  expect((await importSalesIn(t.store, t.dir, n, dryRun)).error_count).toBe(0);
};

describe('the automatic backup before an import', () => {
  it('is written before the import commits, verified, owner-only, in a folder next to the database', async () => {
    await importSales(5, true);
    expect(backups()).toEqual([]);

    await importSales(20);
    expect(salesNow()).toBe(20);
    const [name] = backups();
    expect(name).toBe('2026-06-15T09-30-00-000Z-before-import.sqlite');
    const backup = join(backupsFolder(t.file), name!);
    // The state before the import, whole: it passes a restore's every check.
    expect(salesIn(backup)).toBe(0);
    await expect(verifyBackupFile(backup)).resolves.toBeGreaterThan(0);
    expect(folderNames()).toEqual([name, `${name}.sha256`]);
    expect(mode(backupsFolder(t.file))).toBe(0o700);
    expect(mode(backup)).toBe(0o600);
    expect(mode(`${backup}.sha256`)).toBe(0o600);
    expect(mode(t.file)).toBe(0o600);

    // A second import the same instant gets its own name.
    await importSales(30);
    expect(backups()).toEqual([name, '2026-06-15T09-30-00-001Z-before-import.sqlite']);
    expect(salesIn(join(backupsFolder(t.file), backups()[1]!))).toBe(20);
  });

  it('manual backups and exports are owner-only too', async () => {
    await importSales(3);
    const manual = join(t.dir, 'manual.sqlite');
    const csv = join(t.dir, 'sales.csv');
    expect(await call('data.backup', { path: manual })).toMatchObject({ ok: true });
    expect(await call('data.export', { kind: 'sales', path: csv })).toMatchObject({ ok: true });
    expect([mode(manual), mode(`${manual}.sha256`), mode(csv)]).toEqual([0o600, 0o600, 0o600]);
  });
});

describe('the automatic backup before a migration', () => {
  it('replaces the .bak beside the database, and the store says where it is', async () => {
    await t.store.close();
    const old = join(t.dir, 'old.sqlite');
    const sqlite = new Database(old);
    sqlite.pragma('journal_mode = WAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, 0, 3);
    sqlite.exec(`INSERT OR REPLACE INTO settings (key, value) VALUES ('language', '"it"')`);
    await db.destroy();

    t.file = old;
    await t.reopen();
    const store = t.store;
    expect(store.snapshot).toBe(join(`${old}.backups`, '2026-06-15T09-30-00-000Z-before-migration.sqlite'));
    expect(readdirSync(t.dir).filter((n) => n.endsWith('.bak'))).toEqual([]);
    expect(mode(store.snapshot!)).toBe(0o600);
    const snapshot = new Database(store.snapshot!, { readonly: true, fileMustExist: true });
    try {
      expect(snapshot.pragma('user_version', { simple: true })).toBe(3);
      expect(snapshot.prepare("SELECT value FROM settings WHERE key = 'language'").pluck().get()).toBe('"it"');
    } finally {
      snapshot.close();
    }
  });
});

describe('data.backups.list and data.backups.restore', () => {
  it('lists each backup with its date, reason, size and counts, and restores one: the current data kept as a backup too', async () => {
    expect(await call('data.backups.list', {})).toEqual({ ok: true, value: [] });
    await importSales(20);
    await importSales(30);
    expect(await call('data.backups.list', {})).toEqual({
      ok: true,
      value: [
        {
          id: '2026-06-15T09-30-00-001Z-before-import.sqlite',
          createdAt: '2026-06-15T09:30:00.001Z',
          reason: 'before-import',
          bytes: statSync(join(backupsFolder(t.file), '2026-06-15T09-30-00-001Z-before-import.sqlite')).size,
          sales: 20,
          customers: 20,
        },
        expect.objectContaining({ id: '2026-06-15T09-30-00-000Z-before-import.sqlite', sales: 0, customers: 0 }),
      ],
    });
    // The second t.file repeats the first's 20 deals (duplicates) and adds 10.
    expect(salesNow()).toBe(30);

    const restored = await call('data.backups.restore', { id: '2026-06-15T09-30-00-001Z-before-import.sqlite' });
    const aside = join(backupsFolder(t.file), '2026-06-15T09-30-00-002Z-before-restore.sqlite');
    expect(restored).toEqual({
      ok: true,
      value: {
        restoredFrom: join(backupsFolder(t.file), '2026-06-15T09-30-00-001Z-before-import.sqlite'),
        previousSavedAs: aside,
      },
    });
    // The store reopened on the backup; what it replaced is one more automatic backup, checked.
    expect(salesNow()).toBe(20);
    expect(salesIn(aside)).toBe(30);
    await expect(verifyBackupFile(aside)).resolves.toBeGreaterThan(0);
    expect(mode(aside)).toBe(0o600);
    expect(mode(t.file)).toBe(0o600);
    expect(readdirSync(t.dir).filter((n) => n.includes('before-restore'))).toEqual([]);
    expect((await listed()).map((b) => [b.reason, b.sales])).toEqual([
      ['before-restore', 30],
      ['before-import', 20],
      ['before-import', 0],
    ]);
  });

  it('refuses an id that is a path, climbs out of the folder, or is not one of ours, and changes nothing', async () => {
    await importSales(10);
    const [name] = backups();
    writeFileSync(join(t.dir, 'elsewhere.sqlite'), readFileSync(join(backupsFolder(t.file), name!)));
    writeFileSync(join(backupsFolder(t.file), 'mine.sqlite'), readFileSync(join(backupsFolder(t.file), name!)));
    for (const id of [
      `../elsewhere.sqlite`,
      join(t.dir, 'elsewhere.sqlite'),
      `../rapport.sqlite.backups/${name}`,
      'mine.sqlite',
      '2026-06-15T09-30-00-000Z-daily.sqlite',
      `${name}/..`,
    ]) {
      expect(await call('data.backups.restore', { id })).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: 'failures.backups.unknown', values: { id } },
      });
    }
    expect(salesNow()).toBe(10);
    // Files in the folder without our naming are neither listed nor removed.
    expect((await listed()).map((b) => b.id)).toEqual([name]);
    expect(folderNames()).toContain('mine.sqlite');
  });

  it('refuses a backup that no longer matches its checksum, and changes nothing', async () => {
    await importSales(10);
    const [name] = backups();
    const path = join(backupsFolder(t.file), name!);
    const bytes = readFileSync(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(path, bytes);
    expect(await call('data.backups.restore', { id: name })).toMatchObject({
      ok: false,
      error: { message: 'failures.backup.checksumMismatch' },
    });
    expect(salesNow()).toBe(10);
    expect(backups()).toEqual([name]);
  });
});

describe('the daily backup', () => {
  const box = sandboxForAll();

  it('makes one per calendar day, and only when the database changed since the last one', async () => {
    let now = new Date('2026-06-14T10:00:00');
    const run = dailyBackup(t.store, () => now);
    // Never backed up: the first look backs it up; the next day, with no change, nothing.
    expect(await run()).toMatch(/-daily\.sqlite$/);
    now = new Date('2026-06-15T10:00:00');
    expect(await run()).toBeNull();

    await call('customers.create', { name: 'Ada', tags: [] });
    const first = await run();
    expect(first).toMatch(/-daily\.sqlite$/);
    expect(mode(first!)).toBe(0o600);
    await expect(verifyBackupFile(first!)).resolves.toBeGreaterThan(0);

    // Changed again the same day: still one that day.
    await call('customers.create', { name: 'Bea', tags: [] });
    now = new Date('2026-06-15T23:00:00');
    expect(await run()).toBeNull();

    // The next day the change is backed up; the day after, with no change, nothing is.
    now = new Date('2026-06-16T09:00:00');
    const second = await run();
    expect(second).toMatch(/-daily\.sqlite$/);
    now = new Date('2026-06-17T09:00:00');
    expect(await run()).toBeNull();

    // A write from another connection (the CLI) counts as a change.
    const other = new Database(t.file);
    other.prepare("UPDATE customers SET name = 'Cleo' WHERE name = 'Bea'").run();
    other.close();
    expect(await run()).toMatch(/-daily\.sqlite$/);
    expect(backups().map((n) => parseBackupName(n)!.reason)).toEqual(['daily', 'daily', 'daily', 'daily']);
  });

  it('sees at its first look a change made while the app was closed (by the CLI), and only then', async () => {
    const now = new Date('2026-06-15T10:00:00');
    await t.store.close();
    await t.reopen();
    expect(await dailyBackup(t.store, () => now)()).toMatch(/-daily\.sqlite$/);

    // Closed and reopened with nothing written meanwhile: the backup has it all.
    await t.store.close();
    await t.reopen();
    const tomorrow = new Date('2026-06-16T10:00:00');
    expect(await dailyBackup(t.store, () => tomorrow)()).toBeNull();

    // Closed; the CLI adds a sale; reopened: this session's connection never saw that write.
    await t.store.close();
    const cli = box.run([
      '--db',
      t.file,
      'sales',
      'add',
      '--customer',
      'Ada',
      '--amount',
      '12.50',
      '--status',
      'won',
      '--date',
      '2026-06-14',
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    await t.reopen();
    const look = dailyBackup(t.store, () => tomorrow);
    const file = await look();
    expect(file).toMatch(/-daily\.sqlite$/);
    expect(salesIn(file!)).toBe(1);
    expect(await look()).toBeNull();
  });
});

describe('a kill during an automatic backup', () => {
  it('leaves no half file: the temp t.file of a dead writer is swept at the next open, the backups kept', async () => {
    await importSales(5);
    const [name] = backups();
    const folder = backupsFolder(t.file);
    // What a killed writer leaves: its temporary copy (and SQLite's journal beside it), named
    // by tempPathFor with a process id that no longer runs.
    const dead = 2 ** 22 + 12345;
    const half = `.2026-06-15T10-00-00-000Z-daily.sqlite.${dead}-0123456789ab.tmp`;
    writeFileSync(join(folder, half), readFileSync(join(folder, name!)).subarray(0, 4096));
    writeFileSync(join(folder, `${half}-journal`), 'x');
    expect((await listed()).map((b) => b.id)).toEqual([name]);

    await t.store.close();
    await t.reopen();
    expect(folderNames()).toEqual([name, `${name}.sha256`]);
  });
});
