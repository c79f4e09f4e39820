import Database from 'better-sqlite3';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId, type Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend, type BackendOptions } from '../../src-main/backend/host';
import type { ImportPacing } from '../../src-main/features/imports';
import { z } from 'zod';
import { readsOnly } from '../../src-main/ipc/assemble';
import { api, CHANNELS, type Channel, type Envelope, type EventName } from '../../src-main/shared/api';
import { openDatabase } from '../../src-main/db/connection';
import { contentHash, salesCsv } from '../imports/helpers';
import { FIXED_NOW, tempDirsPerTest, type TestStore } from '../helpers/store';
import { generateSample } from '../helpers/sample';

/**
 * The database thread as the app and the preview run it (backend/host.ts): a real worker
 * thread over a real SQLite file, started from the sources. What it must hold to: calls and
 * events as in one thread; a thread that dies mid-write leaves nothing half-done and is
 * started again; a close while a write is under way lets it finish or takes it back.
 */

const newDir = tempDirsPerTest();
const started: Backend[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((backend) => backend.close()));
});

interface Started {
  backend: Backend;
  dir: string;
  file: string;
  files: string;
  events: { event: EventName; payload: unknown }[];
  logged: string[];
  /** The writer threads, then the reader threads, as each started. */
  threads: Worker[];
  readers: Worker[];
}

async function start(extra: Partial<BackendOptions> = {}, dir = newDir()): Promise<Started> {
  const events: Started['events'] = [];
  const logged: string[] = [];
  const threads: Worker[] = [];
  const readers: Worker[] = [];
  const file = join(dir, 'rapport.sqlite');
  const files = join(dir, 'files');
  const backend = await startBackend({
    file,
    version: '1.2.3-test',
    platform: 'linux',
    log: (message) => logged.push(message),
    emit: (event, payload) => events.push({ event, payload }),
    dialogs: { folder: files },
    onThread: (worker, role) => (role === 'writer' ? threads : readers).push(worker),
    ...extra,
  });
  started.push(backend);
  return { backend, dir, file, files, events, logged, threads, readers };
}

async function call<T>(backend: Backend, channel: Channel, input?: unknown): Promise<T> {
  const reply = await backend.dispatch(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

const sale = (name: string) => ({
  title: 'Annual service plan',
  newCustomer: { name },
  amountMinor: 120_000,
  currency: 'EUR',
  status: 'won',
  openedOn: '2026-03-02',
  closedOn: '2026-03-02',
});
const SALE = sale('Marta Rossi');

/** A sales file of several import steps, picked in the stand-in dialog as the wizard does. */
async function pickedImport(s: Started, rows = 20_000): Promise<string> {
  mkdirSync(s.files, { recursive: true });
  writeFileSync(join(s.files, 'history.csv'), salesCsv(rows));
  const picked = await call<{ path: string | null }>(s.backend, 'dialog.openFile', { purpose: 'import' });
  return picked.path!;
}

/** Holds an import after its first step until its signal is aborted (or forever, with `forever`). */
function holdingPacing(forever = false): { pacing: () => ImportPacing; holding: Promise<void> } {
  let reached!: () => void;
  const holding = new Promise<void>((resolve) => (reached = resolve));
  return {
    holding,
    pacing: () => ({
      progressIntervalMs: 0,
      afterProgress: (signal) => {
        reached();
        return forever
          ? new Promise<void>(() => undefined)
          : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      },
    }),
  };
}

const readOnly = (file: string): Database.Database => new Database(file, { readonly: true, fileMustExist: true });
const salesIn = (file: string): number => {
  const db = readOnly(file);
  try {
    return db.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  } finally {
    db.close();
  }
};
const hashOf = (file: string): string => {
  const db = readOnly(file);
  try {
    return contentHash(db);
  } finally {
    db.close();
  }
};

describe('which thread answers', () => {
  it('no query the reader answers takes a file: the files picked in dialogs are recorded and checked by the writer', () => {
    const takesFile = CHANNELS.filter((channel) =>
      /"(path|paths|file|folder)"/.test(
        JSON.stringify(z.toJSONSchema(api[channel].input as z.ZodType, { unrepresentable: 'any', io: 'input' })),
      ),
    );
    expect(takesFile).toEqual(
      expect.arrayContaining(['import.preview', 'data.export', 'report.save', 'library.import']),
    );
    expect(takesFile.filter(readsOnly)).toEqual([]);
    // Commands never go to the reader.
    expect(CHANNELS.filter((channel) => api[channel].kind === 'command' && readsOnly(channel))).toEqual([]);
  });
});

describe('the database thread', () => {
  it('answers calls in another thread, with the contract’s validation, errors and change events', async () => {
    const s = await start();
    expect(s.threads).toHaveLength(1);
    expect(s.readers).toHaveLength(1);
    expect(s.threads[0]!.threadId).not.toBe(threadId);
    expect(s.backend.opened.file).toBe(s.file);

    const saved = await call<{ id: number }>(s.backend, 'sales.create', SALE);
    expect(s.events).toContainEqual({ event: 'data.changed', payload: { entities: ['sales', 'care', 'customers'] } });
    const page = await call<{ items: { id: number }[] }>(s.backend, 'sales.list', {});
    expect(page.items.map((item) => item.id)).toEqual([saved.id]);

    // Bad input is refused by the schema, field by field; an expected failure keeps its key and values.
    const invalid = (await s.backend.dispatch('sales.create', { ...SALE, amountMinor: 'lots' })) as Envelope<never>;
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.error.code).toBe('invalid_input');
    expect(!invalid.ok && invalid.error.issues?.map((issue) => issue.path)).toContain('amountMinor');
    expect(await s.backend.dispatch('sales.delete', { id: 9999 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'failures.notFound.sale', values: { id: 9999 } },
    });
    // A file the user did not pick in a dialog is refused there too.
    const refused = await s.backend.dispatch('import.preview', { path: join(s.dir, 'elsewhere.csv'), kind: 'sales' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'failures.chooseFileFirst' } });
    expect(salesIn(s.file)).toBe(1);
  });

  it('a thread that dies during an import: the call fails with a worded error, a new thread takes the import back', async () => {
    const hold = holdingPacing(true);
    const s = await start({ importPacing: hold.pacing });
    await call(s.backend, 'sales.create', SALE);
    const path = await pickedImport(s);
    const before = hashOf(s.file);

    const importing = s.backend.dispatch('import.run', { path, kind: 'sales' });
    await hold.holding;
    // Its first steps are committed: the rows are in the file, marked as a batch still running.
    expect(salesIn(s.file)).toBeGreaterThan(1);
    await s.threads[0]!.terminate();

    expect(await importing).toEqual({ ok: false, error: { code: 'internal', message: 'failures.backendStopped' } });
    // The writer's next call waits for the new thread, whose open took the half-written import back.
    expect(await call(s.backend, 'import.cancel', {})).toEqual({ cancelled: false });
    expect(await call<unknown[]>(s.backend, 'import.history')).toEqual([]);
    expect(s.threads).toHaveLength(2);
    expect(salesIn(s.file)).toBe(1);
    expect(hashOf(s.file)).toBe(before);
    expect(s.logged.some((line) => line.startsWith('The database writer thread stopped'))).toBe(true);
    // And it works on: a new sale is saved.
    await call(s.backend, 'sales.create', sale('Luca Bianchi'));
    expect(salesIn(s.file)).toBe(2);
  });

  it('a thread that keeps dying is reported on each call instead of started again for ever', async () => {
    const s = await start();
    for (let death = 0; death < 4; death++) {
      const thread = s.threads.at(-1)!;
      await thread.terminate();
      const reply = await s.backend.dispatch('import.cancel', {});
      if (death < 3) expect(reply.ok).toBe(true);
      else expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'failures.backendStopped' } });
    }
    expect(s.threads).toHaveLength(4);
  }, 120_000);

  it('queries are answered by the reader thread, commands by the writer', async () => {
    const s = await start();
    await call(s.backend, 'sales.create', SALE);
    // With the reader gone for good (it died more often than it may be restarted), the screens'
    // queries fail while saves still go in: each kind of call has its own thread.
    for (let death = 0; death < 4; death++) {
      await s.readers.at(-1)!.terminate();
      const reply = await s.backend.dispatch('sales.list', {});
      if (death < 3) expect(reply.ok).toBe(true);
      else expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'failures.backendStopped' } });
    }
    expect(await s.backend.dispatch('sales.create', sale('Luca Bianchi'))).toMatchObject({ ok: true });
    expect(salesIn(s.file)).toBe(2);
    expect(s.threads).toHaveLength(1);
    expect(s.logged.filter((line) => line.startsWith('The database reader thread stopped'))).toHaveLength(4);
  }, 120_000);

  it('closing while an import is writing cancels it and takes its steps back; a save under way completes', async () => {
    const hold = holdingPacing();
    const s = await start({ importPacing: hold.pacing });
    const path = await pickedImport(s);
    const importing = s.backend.dispatch('import.run', { path, kind: 'sales' });
    await hold.holding;
    const saving = s.backend.dispatch('sales.create', SALE);
    await s.backend.close();

    expect(await importing).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await saving).toMatchObject({ ok: true });
    // After the close, the file holds exactly the one sale saved, and no trace of the import.
    const db = readOnly(s.file);
    try {
      expect(db.prepare('SELECT count(*) FROM sales').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM import_batches').pluck().get()).toBe(0);
      expect(db.prepare('SELECT name FROM customers').pluck().all()).toEqual(['Marta Rossi']);
    } finally {
      db.close();
    }
    // A thread closed on purpose is not started again.
    expect(s.threads).toHaveLength(1);
    expect(await s.backend.dispatch('settings.get', undefined)).toMatchObject({ ok: false });
  });

  it('a file damaged on disk: both threads read what they can, refuse writes, and leave the file as it was', async () => {
    const s = await start();
    await call(s.backend, 'sales.create', SALE);
    await s.backend.close();
    started.splice(started.indexOf(s.backend), 1);
    // The sales table's root page overwritten: a real page-level damage.
    const db = new Database(s.file, { readonly: true });
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sales'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(s.file, 'r+');
    writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, (root - 1) * pageSize);
    closeSync(fd);
    const bytes = readFileSync(s.file);

    const again = await start({}, s.dir);
    expect(again.backend.opened.damaged?.problems).toBeTruthy();
    expect(again.readers).toHaveLength(1);
    expect(await again.backend.dispatch('settings.get', undefined)).toMatchObject({ ok: true });
    expect(await again.backend.dispatch('sales.list', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'failures.damagedPage' },
    });
    expect(await again.backend.dispatch('customers.create', { name: 'Ada', tags: [] })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'failures.readOnlyDamaged' },
    });
    await again.backend.close();
    expect(readFileSync(s.file).equals(bytes)).toBe(true);
  });

  it('an open that fails rejects with the open’s own error, and no thread is left running', async () => {
    const dir = newDir();
    writeFileSync(join(dir, 'rapport.sqlite'), 'not a database at all, just some words in a file.');
    const threads: Worker[] = [];
    await expect(
      startBackend({
        file: join(dir, 'rapport.sqlite'),
        version: '1',
        platform: 'linux',
        log: () => undefined,
        emit: () => undefined,
        dialogs: { folder: dir },
        onThread: (worker) => threads.push(worker),
      }),
    ).rejects.toMatchObject({ name: 'DatabaseError', code: 'not_a_database' });
    // The writer, and the reader that was loading beside it: both end (a thread left running
    // would keep this wait, and the test, from finishing).
    expect(threads).toHaveLength(2);
    await Promise.all(threads.map((worker) => (worker.threadId === -1 ? undefined : once(worker, 'exit'))));
  });
});

describe('cancelling a read', () => {
  /** A backend on a file of 6,000 sample sales, where home.summary keeps the reader busy for a while. */
  async function startOnSample(extra: Partial<BackendOptions> = {}): Promise<Started> {
    const dir = newDir();
    const store = await openDatabase(join(dir, 'rapport.sqlite'), { now: () => FIXED_NOW });
    try {
      await generateSample({ store } as TestStore, { sales: 6000 });
    } finally {
      await store.close();
    }
    return start(extra, dir);
  }

  it('a read aborted while it waits behind a slow one is never run, and its caller gets cancelled', async () => {
    let shown = 0;
    const s = await startOnSample({ firstScreenShown: () => shown++ });
    // Loaded once, so the next summary's statements hold the reader thread without a pause.
    await call(s.backend, 'home.summary', {});

    // Several summaries ahead of it, so that the thread is still busy with them when the abort
    // comes a turn later however busy the machine (one summary of this book takes tens of ms).
    const slow = Array.from({ length: 8 }, () => s.backend.dispatch('home.summary', {}));
    const controller = new AbortController();
    // app.firstScreenShown is a read that tells the host it ran: the spy on whether it did.
    const waiting = s.backend.dispatch('app.firstScreenShown', {}, controller.signal);
    const after = s.backend.dispatch('app.info', {});
    // A turn later, the call has been sent to the thread (an abort before that would keep it
    // from being sent at all: the next test), where it waits behind the summary.
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();

    expect(await waiting).toEqual({ ok: false, error: { code: 'cancelled', message: 'failures.cancelled' } });
    for (const reply of await Promise.all(slow)) expect(reply).toMatchObject({ ok: true });
    expect(await after).toMatchObject({ ok: true });
    // The same read not aborted runs and tells the host; had the aborted one run, it would have
    // told it first (calls start in the order they arrive).
    expect(await s.backend.dispatch('app.firstScreenShown', {}, new AbortController().signal)).toEqual({
      ok: true,
      value: null,
    });
    await expect.poll(() => shown).toBe(1);
    expect(await call(s.backend, 'app.info', {})).toBeTruthy();
    expect(shown).toBe(1);
    // Nothing was logged about it: a cancelled read is not an error.
    expect(s.logged).toEqual([]);
  }, 60_000);

  it('a read whose signal is already aborted is not sent to the thread', async () => {
    let shown = 0;
    const s = await start({ firstScreenShown: () => shown++ });
    const cancelled = new AbortController();
    cancelled.abort();
    expect(await s.backend.dispatch('app.firstScreenShown', {}, cancelled.signal)).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'failures.cancelled' },
    });
    await call(s.backend, 'app.info', {});
    expect(shown).toBe(0);
  });

  it('a command is never cancelled: its signal is not passed on, and it is saved', async () => {
    const s = await start();
    const controller = new AbortController();
    controller.abort();
    expect(await s.backend.dispatch('sales.create', SALE, controller.signal)).toMatchObject({ ok: true });
    const saving = s.backend.dispatch('sales.create', sale('Luca Bianchi'), controller.signal);
    expect(await saving).toMatchObject({ ok: true });
    expect(salesIn(s.file)).toBe(2);
    // A query that stays with the writer (it records a pick) is not cancelled either.
    expect(await s.backend.dispatch('import.cancel', {}, controller.signal)).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });
});
