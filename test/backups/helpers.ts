import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type OpenOptions, type Store } from '../../src-main/db/connection';
import type { ImportResult } from '../../src-main/features/imports/contract';
import type { Handlers } from '../../src-main/kernel/handlers';
import { importFile, salesCsv } from '../imports/helpers';
import { tempDir, testHandlers } from '../helpers/store';

/** A store and its handlers that a restore replaces, as the preview does: close, swap, reopen. */
export interface Reopening {
  store: Store;
  handlers: Handlers;
  reopen(): Promise<void>;
}

/**
 * For the calling file: before each test a temp folder and `rapport.sqlite` in it, opened with
 * `options` as a Reopening store; closed and removed after the test. `file` may be pointed
 * elsewhere by a test before it calls reopen().
 */
export function reopeningForEachTest(options: () => OpenOptions): Reopening & { dir: string; file: string } {
  const current = {} as Reopening & { dir: string; file: string };
  let removeDir = (): void => undefined;
  beforeEach(async () => {
    const temp = tempDir();
    removeDir = temp.cleanup;
    current.dir = temp.dir;
    current.file = join(temp.dir, 'rapport.sqlite');
    await reopeningStore(current, () => openDatabase(current.file, options()));
  });
  afterEach(async () => {
    await current.store.close();
    removeDir();
  });
  return current;
}

async function reopeningStore(current: Reopening, open: () => Promise<Store>): Promise<void> {
  const replaceStore = async <T>(swap: () => Promise<T>): Promise<T> => {
    await current.store.close();
    try {
      return await swap();
    } finally {
      await current.reopen();
    }
  };
  current.reopen = async () => {
    current.store = await open();
    current.handlers = testHandlers(current.store, { exchange: { replaceStore } });
  };
  await current.reopen();
}

/** Imports `n` valid sales (salesCsv) from a file written in `dir`. */
export async function importSales(store: Store, dir: string, n: number, dryRun = false): Promise<ImportResult> {
  const csv = join(dir, `sales-${n}.csv`);
  writeFileSync(csv, salesCsv(n));
  return importFile({ store }, csv, { dryRun });
}
