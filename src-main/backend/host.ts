import { Worker } from 'node:worker_threads';
import { errorEnvelope, type Logger } from '../ipc/register';
import { readsOnly } from '../ipc/assemble';
import { AppError } from '../kernel/errors';
import type { PickPurpose } from '../kernel/picks';
import type { Dialogs } from '../features/exchange';
import type { ImportPacing } from '../features/imports';
import type { MediaFile, MediaTarget } from '../features/library';
import type { PdfPrinter } from '../features/reports';
import type { Channel, Envelope, EventName, EventPayload } from '../shared/api';
import { connect, receivedError, type Peer } from './rpc';
import type { BackendConfig, BackendTable, HostTable, ReaderAttach, ThreadStarted } from './protocol';

/**
 * The database, off the window's thread: every service runs in a worker thread
 * (backend/thread.ts) that holds the store's connections, so a slow query or a long import
 * never freezes the window, its menus or its other requests. The window's side keeps only
 * what must live there (ipcMain, dialogs, printing, notifications, timers) and asks the thread
 * for everything else through `dispatch` and a few named jobs. One thread writes: this
 * process's writes are serialised there, as they were on the store's first connection.
 *
 * When the thread dies (a native crash, an uncaught error), the calls it was serving fail with
 * failures.backendStopped, the log says why, and a new thread opens the database again: SQLite
 * rolled back the transaction it was in, and an import it was writing in steps is taken back at
 * that open. Restarts stop after MAX_RESTARTS in a minute: a thread that cannot stay up is
 * reported on every call instead.
 */

export interface BackendOptions {
  file: string;
  /** Electron's better-sqlite3 binary (the app); Node's otherwise. */
  nativeBinding?: string;
  version: string;
  platform: string;
  log: Logger;
  /** Events for the window: data.changed after writes, import progress, library drops… */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** The native dialogs (the app), or the preview's folder its stand-in dialogs use. */
  dialogs: Dialogs | { folder: string };
  printPdf?: PdfPrinter;
  openFile?: (path: string) => Promise<void>;
  /** The window's first screen has its data (app.firstScreenShown). */
  firstScreenShown?: () => void;
  /** The app: a restore swapped the file, start afresh on it. Without it the thread reopens the file itself (the preview). */
  relaunch?: () => void;
  /** Tests only: how each import is paced (features/imports ImportPacing). */
  importPacing?: () => ImportPacing | undefined;
  /** Tests only: each thread as it starts, so a test can make one die. */
  onThread?: (worker: Worker, role: BackendConfig['role']) => void;
}

export interface Backend {
  /** What opening the database found, for the log and the window (app.info says it too). */
  readonly opened: { file: string; snapshot: string | null; damaged?: { problems: string } };
  /**
   * One contract call, answered as ipcMain answers it; never throws. A read (readsOnly) whose
   * `signal` is aborted before the thread starts it is not run: it answers with the code
   * 'cancelled'. A read under way finishes, and a command is never cancelled.
   */
  dispatch(channel: Channel, input: unknown, signal?: AbortSignal): Promise<Envelope<unknown>>;
  /** The due reminders at `at`; null while no store is open (a restore is swapping it). */
  reminders(at: Date): ReturnType<BackendTable['reminders']>;
  dailyBackup(): Promise<void>;
  media(target: MediaTarget, id: number): Promise<MediaFile | null>;
  /** Files dropped on the window may now be imported to the library. */
  pick(purpose: PickPurpose, path: string): void;
  /** Lets what is under way finish or roll back (imports are cancelled), closes the database and ends the thread. */
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  peer: Peer<BackendTable>;
  opened: Backend['opened'];
}

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
/** How long a close waits for the thread's work before ending it (an unfinished transaction rolls back). */
const CLOSE_GRACE_MS = 10_000;

/** Starts the database thread on `options.file`; rejects with the open's own error (DatabaseError…) when it cannot open. */
export async function startBackend(options: BackendOptions): Promise<Backend> {
  const pacings = new Map<number, ImportPacing>();
  let reader: Supervisor | null = null;
  // The reader thread loads its code while the writer opens the database, and attaches to the
  // file once the writer has checked and migrated it. An in-memory database is seen by its one
  // connection only: there the writer answers everything.
  const attachTo = (damaged: { problems: string } | null | undefined): ReaderAttach => (damaged ? { damaged } : {});
  let writerOpened!: (attach: ReaderAttach) => void;
  let writerFailed!: (error: unknown) => void;
  let attachAs = new Promise<ReaderAttach>((resolve, reject) => {
    writerOpened = resolve;
    writerFailed = reject;
  });
  attachAs.catch(() => undefined);
  const startReader = (): Promise<Supervisor | null> =>
    options.file === ':memory:'
      ? Promise.resolve(null)
      : supervise(
          'reader',
          () => config('reader', false),
          hostTable,
          options,
          () => attachAs,
        );
  let nextPacing = 1;
  const hostTable: HostTable = {
    log: ({ message, error }) => {
      options.log(message, error ? receivedError(error) : undefined);
      return null;
    },
    emit: ({ event, payload }) => {
      options.emit(event, payload);
      return null;
    },
    dialog: (ask) => {
      const { dialogs } = options;
      if (!('saveFile' in dialogs)) throw new Error('The database thread uses its own folder dialogs.');
      if (ask.kind === 'saveFile') return dialogs.saveFile(...ask.args);
      if (ask.kind === 'openFile') return dialogs.openFile(...ask.args);
      return dialogs.openMany(...ask.args);
    },
    printPdf: (job) => {
      if (!options.printPdf) throw new Error('No printer was given to the backend.');
      return options.printPdf(job);
    },
    openFile: async (path) => {
      if (!options.openFile) throw new Error('No file opener was given to the backend.');
      await options.openFile(path);
      return null;
    },
    firstScreenShown: () => {
      options.firstScreenShown?.();
      return null;
    },
    relaunch: () => {
      options.relaunch?.();
      return null;
    },
    pacing: () => {
      const pacing = options.importPacing?.();
      if (!pacing) return null;
      const id = nextPacing++;
      pacings.set(id, pacing);
      return { id, progressIntervalMs: pacing.progressIntervalMs };
    },
    afterProgress: async (id, signal) => pacings.get(id)?.afterProgress(signal),
    // A restore closes the reader's connection before it swaps the file, and starts it again after.
    readerOff: async () => {
      const closing = reader;
      reader = null;
      await closing?.close();
      return null;
    },
    readerOn: async (damaged) => {
      attachAs = Promise.resolve(attachTo(damaged));
      reader = await startReader();
      return null;
    },
  };

  const config = (role: BackendConfig['role'], restarted: boolean): BackendConfig => ({
    role,
    file: options.file,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    version: options.version,
    platform: options.platform,
    ...('folder' in options.dialogs ? { filesFolder: options.dialogs.folder } : {}),
    host: { printPdf: !!options.printPdf, openFile: !!options.openFile, pacing: !!options.importPacing },
    afterRestore: options.relaunch ? 'relaunch' : 'reopen',
    restarted,
  });

  const readerStarting = startReader();
  readerStarting.catch(() => undefined);
  let writer: Supervisor;
  try {
    writer = await supervise('writer', (restarted) => config('writer', restarted), hostTable, options);
    writerOpened(attachTo(writer.opened.damaged));
  } catch (error) {
    writerFailed(error);
    await readerStarting.then((started) => started?.close()).catch(() => undefined);
    throw error;
  }
  try {
    reader = await readerStarting;
  } catch (error) {
    await writer.close();
    throw error;
  }

  return {
    opened: writer.opened,
    dispatch: async (channel, input, signal) => {
      try {
        if (!readsOnly(channel)) return await writer.call('dispatch', { channel, input });
        return await (reader ?? writer).call('dispatch', { channel, input }, signal);
      } catch (error) {
        return errorEnvelope(channel, error, options.log);
      }
    },
    reminders: (at) => writer.call('reminders', { at: at.toISOString() }),
    dailyBackup: async () => {
      await writer.call('dailyBackup', null);
    },
    media: (target, id) => writer.call('media', { target, id }),
    pick: (purpose, path) => {
      writer
        .call('pick', { purpose, path })
        .catch((error: unknown) => options.log('Could not pass on a dropped file', error));
    },
    close: async () => {
      await reader?.close();
      await writer.close();
    },
  };
}

interface Supervisor {
  readonly opened: Backend['opened'];
  call: Peer<BackendTable>['call'];
  /** Lets the thread finish what it does (imports are cancelled), closes its store and ends it; it is not started again. */
  close(): Promise<void>;
}

/**
 * One database thread, started again when it dies (its calls under way fail with
 * failures.backendStopped), at most MAX_RESTARTS times a minute.
 */
async function supervise(
  role: BackendConfig['role'],
  configFor: (restarted: boolean) => BackendConfig,
  table: HostTable,
  options: BackendOptions,
  attach?: () => Promise<ReaderAttach>,
): Promise<Supervisor> {
  let closing = false;
  const restarts: number[] = [];
  const watch = (thread: Thread): Thread => {
    let lastError: unknown = null;
    thread.worker.on('error', (error) => (lastError = error));
    thread.worker.once('exit', (code) => {
      thread.peer.fail(new AppError('internal', 'failures.backendStopped'));
      if (closing) return;
      options.log(
        `The database ${role} thread stopped (exit code ${code}); starting it again.`,
        lastError ?? undefined,
      );
      const now = Date.now();
      restarts.push(now);
      while (restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      const stopped = new AppError('internal', 'failures.backendStopped');
      live =
        restarts.length > MAX_RESTARTS
          ? Promise.reject(stopped)
          : startThread(configFor(true), table, role, options.onThread, attach).then(watch, (error: unknown) => {
              options.log(`The database ${role} thread could not start again.`, error);
              throw stopped;
            });
      // Each call reports the failure; this only keeps it from counting as unhandled.
      live.catch(() => undefined);
    });
    return thread;
  };
  let live: Promise<Thread> = Promise.resolve(
    watch(await startThread(configFor(false), table, role, options.onThread, attach)),
  );
  return {
    opened: (await live).opened,
    call: (fn, arg, signal) => live.then((thread) => thread.peer.call(fn, arg, signal)),
    close: async () => {
      closing = true;
      const thread = await live.catch(() => null);
      if (!thread) return;
      // A reader has nothing to finish: the reads under way are not waited for (a slow one at a
      // million sales could hold the quit for seconds), and its connections close as it ends.
      if (role === 'reader') {
        await thread.worker.terminate();
        return;
      }
      const timer = setTimeout(() => void thread.worker.terminate(), CLOSE_GRACE_MS);
      try {
        await thread.peer.call('close', null);
      } catch (error) {
        options.log(`The database ${role} thread did not close cleanly`, error);
      } finally {
        clearTimeout(timer);
        await thread.worker.terminate();
      }
    },
  };
}

/** A new database thread, once its store is open. */
function startThread(
  config: BackendConfig,
  table: HostTable,
  role: BackendConfig['role'],
  onThread: BackendOptions['onThread'],
  attach?: () => Promise<ReaderAttach>,
): Promise<Thread> {
  const worker = new Worker(threadEntry(), { workerData: config });
  onThread?.(worker, role);
  // A reader opens once told how (the writer has opened the file); without a writer, never.
  attach?.().then(
    (how) => worker.postMessage({ attach: how }),
    () => void worker.terminate(),
  );
  const peer = connect<BackendTable>(worker, table);
  return new Promise((resolve, reject) => {
    const started = (message: unknown): void => {
      const first = message as ThreadStarted;
      if (!('ready' in first) && !('failed' in first)) return;
      worker.off('message', started);
      worker.off('exit', stopped);
      if ('ready' in first) resolve({ worker, peer, opened: first.ready });
      else {
        reject(receivedError(first.failed));
        void worker.terminate();
      }
    };
    const stopped = (code: number): void => {
      worker.off('message', started);
      reject(new Error(`The database thread stopped before the database was open (exit code ${code}).`));
    };
    worker.on('message', started);
    worker.once('exit', stopped);
  });
}

/**
 * The thread's module: the built backend.js beside the app's main bundle, or, when this file
 * runs from the sources (the preview, the tests), sourceThread.mjs, which compiles them with tsx.
 */
function threadEntry(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './sourceThread.mjs' : './backend.js', here);
}
