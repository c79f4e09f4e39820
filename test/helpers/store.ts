import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Store } from '../../src-main/db/connection';
import { createHandlers, type HandlerContext } from '../../src-main/ipc/assemble';
import type { Handlers } from '../../src-main/kernel/handlers';

/** A fixed clock: every database test starts at the same instant. */
export const FIXED_NOW = new Date('2026-06-15T09:30:00.000Z');

export interface TestStore {
  store: Store;
  dir: string;
  file: string;
  handlers: Handlers;
  cleanup(): Promise<void>;
}

/** A fresh, fully migrated database in a real file under a temp folder. */
export async function freshStore(): Promise<TestStore> {
  const { dir, cleanup: removeDir } = tempDir();
  const file = join(dir, 'rapport.sqlite');
  const store = await openDatabase(file, { now: () => FIXED_NOW });
  const handlers = testHandlers(store);
  return {
    store,
    dir,
    file,
    handlers,
    cleanup: closeThenRemove(store, removeDir),
  };
}

/** Handlers on `store` with the fixed clock and test version; `extra` adds (or replaces) context such as dialogs. */
export function testHandlers(store: Store, extra: Partial<HandlerContext> = {}): Handlers {
  return createHandlers(store, { now: () => FIXED_NOW, version: '0.0.0-test', platform: 'test', ...extra });
}

/**
 * For the calling file: one TestStore object that, before each test, holds a fresh store
 * (see freshStore), closed and removed after that test.
 */
export function storeForEachTest(): TestStore {
  const current = {} as TestStore;
  beforeEach(async () => {
    Object.assign(current, await freshStore());
  });
  afterEach(() => current.cleanup());
  return current;
}

/** For the calling file: makes fresh stores, each closed and removed after the test that made it. */
export function storesPerTest(): () => Promise<TestStore> {
  const open: TestStore[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.cleanup()));
  });
  return async () => {
    const t = await freshStore();
    open.push(t);
    return t;
  };
}

/** A cleanup that closes `closable` (a store, a server), then removes its folder. */
export function closeThenRemove(closable: { close(): Promise<void> }, removeDir: () => void): () => Promise<void> {
  return async () => {
    await closable.close();
    removeDir();
  };
}

/** A new folder under the system temp folder (its name starts with `prefix`), and its removal. */
export function tempDir(prefix = 'rapport-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** For the calling file: makes temp folders, each removed after the test that made it. */
export function tempDirsPerTest(): () => string {
  const made: (() => void)[] = [];
  afterEach(() => made.splice(0).forEach((cleanup) => cleanup()));
  return () => {
    const t = tempDir();
    made.push(t.cleanup);
    return t.dir;
  };
}
