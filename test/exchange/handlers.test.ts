import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Store } from '../../src-main/db/connection';
import { dispatch } from '../../src-main/ipc/register';
import type { Dialogs } from '../../src-main/features/exchange/handlers';
import { folderDialogs } from '../../src-main/features/exchange/dialogs';
import type { Handlers } from '../../src-main/kernel/handlers';
import { CustomerInput } from '../../src-main/features/customers/contract';
import { FIXED_NOW, freshStore, type TestStore, testHandlers } from '../helpers/store';

let t: TestStore;
beforeEach(async () => {
  t = await freshStore();
  await t.handlers['customers.create'](CustomerInput.parse({ name: '=Acme', tags: [] }));
});
afterEach(() => t.cleanup());

const log = (): void => undefined;
const call = (handlers: Handlers, channel: Parameters<typeof dispatch>[1], input: unknown) =>
  dispatch(handlers, channel, input, log);

describe('data.export and data.backup through the contract', () => {
  it('export and backup from the CLI side (no dialogs): any allowed path', async () => {
    const csv = join(t.dir, 'c.csv');
    expect(await call(t.handlers, 'data.export', { kind: 'customers', path: csv })).toEqual({
      ok: true,
      value: { path: csv, rows: 1, bytes: readFileSync(csv).length },
    });
    expect(readFileSync(csv, 'utf8')).toContain(",'=Acme,");
    const again = await call(t.handlers, 'data.export', { kind: 'customers', path: csv });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(t.handlers, 'data.export', { kind: 'customers', path: csv, overwrite: true })).toMatchObject({
      ok: true,
    });
    const backup = join(t.dir, 'b.sqlite');
    expect(await call(t.handlers, 'data.backup', { path: backup })).toMatchObject({
      ok: true,
      value: { path: backup },
    });
    expect(await call(t.handlers, 'data.backup', { path: t.file, overwrite: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'failures.pathIsDatabase', values: { file: t.file } },
    });
    expect(await call(t.handlers, 'data.export', { kind: 'orders', path: csv })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('with dialogs (a renderer calling), only a path the user just picked, and only once', async () => {
    const picked = join(t.dir, 'picked.csv');
    const dialogs: Dialogs = {
      saveFile: vi.fn(async () => picked),
      openFile: vi.fn(async () => null),
      openMany: vi.fn(async () => []),
    };
    const handlers = testHandlers(t.store, { exchange: { dialogs } });

    const other = join(t.dir, 'other.csv');
    expect(await call(handlers, 'data.export', { kind: 'sales', path: other })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(handlers, 'dialog.saveFile', { purpose: 'export-sales' })).toEqual({
      ok: true,
      value: { path: picked },
    });
    // No period: only a report's dialog is named after one.
    expect(dialogs.saveFile).toHaveBeenCalledWith('export-sales', undefined);
    expect(await call(handlers, 'data.export', { kind: 'sales', path: picked })).toMatchObject({ ok: true });
    expect(await call(handlers, 'data.export', { kind: 'sales', path: picked, overwrite: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(handlers, 'dialog.openFile', { purpose: 'restore' })).toEqual({
      ok: true,
      value: { path: null },
    });
    expect(await call(handlers, 'dialog.openFile', { purpose: 'anything' })).toMatchObject({ ok: false });
    expect(existsSync(other)).toBe(false);
  });

  it('the import wizard reads only a file picked for import, as often as it needs', async () => {
    const sheet = join(t.dir, 'sheet.csv');
    writeFileSync(sheet, 'Date,Customer,Amount,Status\n2026-03-01,Ada King,10.00,won\n');
    let offered: string | null = join(t.dir, 'elsewhere.csv');
    const dialogs: Dialogs = {
      saveFile: vi.fn(async () => sheet),
      openFile: vi.fn(async () => offered),
      openMany: vi.fn(async () => []),
    };
    const handlers = testHandlers(t.store, { exchange: { dialogs } });

    expect(await call(handlers, 'import.preview', { path: sheet, kind: 'sales' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'failures.chooseFileFirst' },
    });
    // Picked to be overwritten by an export is not picked to be read by the importer.
    await call(handlers, 'dialog.saveFile', { purpose: 'export-sales' });
    expect(await call(handlers, 'import.run', { path: sheet, kind: 'sales' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    offered = sheet;
    expect(await call(handlers, 'dialog.openFile', { purpose: 'import' })).toEqual({
      ok: true,
      value: { path: sheet },
    });
    expect(dialogs.openFile).toHaveBeenLastCalledWith('import');
    for (let i = 0; i < 2; i++) {
      expect(await call(handlers, 'import.preview', { path: sheet, kind: 'sales' })).toMatchObject({
        ok: true,
        value: { counts: { insert: 1 } },
      });
    }
    expect(await call(handlers, 'import.run', { path: sheet, kind: 'sales' })).toMatchObject({
      ok: true,
      value: { inserted: 1 },
    });
    // ...and picked to be read is not picked to be overwritten.
    const exportPick = join(t.dir, 'other.csv');
    expect(await call(handlers, 'data.export', { kind: 'sales', path: exportPick })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(handlers, 'data.export', { kind: 'sales', path: sheet, overwrite: true })).toMatchObject({
      ok: true,
    });
    expect(await call(handlers, 'data.export', { kind: 'sales', path: sheet, overwrite: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('without dialogs, the dialog operations are refused', async () => {
    expect(await call(t.handlers, 'dialog.saveFile', { purpose: 'backup' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('data.restore through the contract', () => {
  /** What the preview does: close, swap, reopen on the same file. */
  function reopening(): { replaceStore: <T>(swap: () => Promise<T>) => Promise<T>; reopened: () => Store } {
    let store: Store | null = null;
    return {
      replaceStore: async (swap) => {
        await t.store.close();
        try {
          return await swap();
        } finally {
          store = await openDatabase(t.file, { now: () => FIXED_NOW });
        }
      },
      reopened: () => store!,
    };
  }

  it('is refused where nothing can reopen the store', async () => {
    expect(await call(t.handlers, 'data.restore', { path: join(t.dir, 'x.sqlite') })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('validates before closing anything, then swaps and the reopened store shows the backup', async () => {
    const backup = join(t.dir, 'b.sqlite');
    await t.handlers['data.backup']({ path: backup, overwrite: false });
    await t.handlers['customers.create'](CustomerInput.parse({ name: 'After the backup', tags: [] }));

    const control = reopening();
    let closes = 0;
    const replaceStore = <T>(swap: () => Promise<T>): Promise<T> => {
      closes++;
      return control.replaceStore(swap);
    };
    const handlers = testHandlers(t.store, { exchange: { replaceStore } });
    writeFileSync(join(t.dir, 'bad.sqlite'), 'not a database');
    expect(await call(handlers, 'data.restore', { path: join(t.dir, 'bad.sqlite') })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'failures.backup.notSqlite' },
    });
    expect(closes).toBe(0);

    const result = await call(handlers, 'data.restore', { path: backup });
    expect(result).toEqual({
      ok: true,
      value: {
        restoredFrom: backup,
        previousSavedAs: `${t.file}.backups/2026-06-15T09-30-00-000Z-before-restore.sqlite`,
      },
    });
    const reopened = control.reopened();
    try {
      const names = await reopened.db.selectFrom('customers').select('name').execute();
      expect(names).toEqual([{ name: '=Acme' }]);
    } finally {
      await reopened.close();
    }
  });
});

describe('data.export dialect', () => {
  it('follows the seller’s language unless the request names one', async () => {
    const csv = join(t.dir, 'c.csv');
    const exportAs = (dialect?: 'comma' | 'semicolon') =>
      call(t.handlers, 'data.export', { kind: 'customers', path: csv, overwrite: true, ...(dialect && { dialect }) });
    const firstLine = (): string => readFileSync(csv, 'utf8').split('\r\n')[0]!;
    await exportAs();
    expect(firstLine()).toMatch(/^\ufeffid,name,company,/);
    await t.handlers['settings.update']({ language: 'it' });
    await exportAs();
    expect(firstLine()).toMatch(/^\ufeffid;nome;azienda;/);
    await exportAs('comma');
    expect(firstLine()).toMatch(/^\ufeffid,nome,azienda,/);
    expect(await exportAs('tab' as 'comma')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('folderDialogs (the browser preview)', () => {
  /** Empty files `names` in `folder`, made if need be. */
  const touch = (folder: string, ...names: string[]): void => {
    mkdirSync(folder, { recursive: true });
    for (const name of names) writeFileSync(join(folder, name), '');
  };

  it('saves under the default name and opens the newest file of the wanted kind in its folder', async () => {
    const folder = join(t.dir, 'files');
    const dialogs = folderDialogs(folder, () => FIXED_NOW);
    expect(await dialogs.saveFile('export-customers')).toBe(join(folder, 'rapport-customers-2026-06-15.csv'));
    expect(await dialogs.openFile('restore')).toBeNull();
    touch(folder, 'old.sqlite', 'new.sqlite', 'newest.csv');
    utimesSync(join(folder, 'old.sqlite'), 1, 1);
    expect(await dialogs.openFile('restore')).toBe(join(folder, 'new.sqlite'));
    expect(await dialogs.openFile('import')).toBe(join(folder, 'newest.csv'));
  });

  it('does not offer to import the rejected rows just written next to the file', async () => {
    const folder = join(t.dir, 'files');
    const dialogs = folderDialogs(folder, () => FIXED_NOW);
    touch(folder, 'sales.csv', 'sales.rejected.csv', 'OLD.Rejected.CSV');
    utimesSync(join(folder, 'sales.csv'), 1, 1);
    expect(await dialogs.openFile('import')).toBe(join(folder, 'sales.csv'));
  });
});
