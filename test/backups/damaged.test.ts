import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsFolder, parseBackupName } from '../../src-main/db/backupFolder';
import { verifierFor } from '../../src-main/features/backups';
import { dispatch } from '../../src-main/ipc/register';
import { salesCsv } from '../imports/helpers';
import { FIXED_NOW } from '../helpers/store';
import { importSales as importSalesIn, reopeningForEachTest } from './helpers';

const log = (): void => undefined;
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** As the app and the preview open it: with the check at start. */
const t = reopeningForEachTest(() => ({ now: () => FIXED_NOW, verifyBackup: verifierFor(), checkIntegrity: true }));
const call = (channel: Parameters<typeof dispatch>[1], input: unknown) => dispatch(t.handlers, channel, input, log);
const importSales = (n: number) => importSalesIn(t.store, t.dir, n);

/** Overwrites the type byte of the sales table's root page: a real page-level damage. */
function damageSalesPage(path: string): number {
  const sqlite = new Database(path, { readonly: true });
  const root = sqlite.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sales'").pluck().get() as number;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.close();
  const offset = (root - 1) * pageSize;
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, offset);
  closeSync(fd);
  return offset;
}

describe('a database damaged on disk, at start', () => {
  it('opens read-only, refuses every write with a clear key, offers the newest good backup, and restores it keeping the damaged file', async () => {
    await importSales(20);
    // The second import's backup holds the 20 sales: the newest good one.
    await importSales(30);
    expect(t.store.damaged).toBeUndefined();
    await t.store.close();

    const offset = damageSalesPage(t.file);
    const damagedSha = sha(t.file);
    await t.reopen();

    expect(t.store.damaged?.problems).toBeTruthy();
    // What can be read is shown: settings and products live on pages that are whole.
    expect(await call('settings.get', {})).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(await call('products.list', {})).toMatchObject({ ok: true });
    // What cannot be read is said in words, not as SQLite's "database disk image is malformed".
    expect(await call('sales.list', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'failures.damagedPage' },
    });
    // Every write is refused, in words, and the t.file is not touched.
    expect(await call('customers.create', { name: 'Ada', tags: [] })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'failures.readOnlyDamaged' },
    });
    expect(await call('settings.update', { language: 'it' })).toMatchObject({
      ok: false,
      error: { message: 'failures.readOnlyDamaged' },
    });
    const csv = join(t.dir, 'more.csv');
    writeFileSync(csv, salesCsv(3));
    expect(await call('import.run', { path: csv, kind: 'sales' })).toMatchObject({
      ok: false,
      error: { message: 'failures.readOnlyDamaged' },
    });
    expect(sha(t.file)).toBe(damagedSha);

    // What the shell reads at start: the damage, and the newest backup that passes its checks.
    const info = await call('app.info', {});
    const newest = '2026-06-15T09-30-00-001Z-before-import.sqlite';
    expect(info).toMatchObject({ ok: true, value: { damaged: { newestGoodBackup: newest } } });

    const restored = await call('data.backups.restore', { id: newest });
    expect(restored).toMatchObject({ ok: true });
    expect(t.store.damaged).toBeUndefined();
    expect(t.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(20);
    expect(await call('customers.create', { name: 'Ada', tags: [] })).toMatchObject({ ok: true });

    // The damaged t.file was kept, damage and all, as an automatic backup the retention never removes.
    const kept = (restored as { value: { previousSavedAs: string } }).value.previousSavedAs;
    expect(parseBackupName(kept.slice(backupsFolder(t.file).length + 1))?.reason).toBe('damaged');
    expect([...readFileSync(kept).subarray(offset, offset + 4)]).toEqual([0xff, 0xff, 0xff, 0xff]);
  });

  it('opens an intact database as before', async () => {
    await importSales(5);
    await t.store.close();
    await t.reopen();
    expect(t.store.damaged).toBeUndefined();
    expect(await call('app.info', {})).toEqual({
      ok: true,
      value: { version: '0.0.0-test', databasePath: t.file, platform: 'test' },
    });
  });
});
