import { createHandlers } from '../ipc/assemble';
import { dispatch, failure } from '../ipc/register';
import { attachReader, openDatabase, type Store } from '../db/connection';
import { processIsAlive } from '../kernel/files';
import { PickedFiles } from '../kernel/picks';
import { dueNotifications } from '../features/care';
import { pollNudges } from '../features/goals';
import { dailyBackup, verifierFor } from '../features/backups';
import { folderDialogs, type Dialogs } from '../features/exchange';
import { mediaFile } from '../features/library';
import type { ImportPacing } from '../features/imports';
import type { PrintJob } from '../features/reports';
import { ENTITIES } from '../shared/operations';
import { localIsoDate } from '../shared/dates';
import type { EventName, EventPayload } from '../shared/api';
import { connect, sendableError, type PortLike } from './rpc';
import type { BackendConfig, BackendTable, HostTable, ReaderAttach, ThreadStarted } from './protocol';

/**
 * A database thread: opens the store, assembles every feature's handlers on it and serves
 * them to the host (backend/host.ts). The writer opens, checks and migrates the database and
 * answers commands, with the few jobs the host times (reminders, the daily backup) and the
 * media lookups; the reader, which loads beside it and attaches to the file once the writer has
 * opened it, answers the queries that only read, on a connection that refuses writes. Everything the handlers need from the window's
 * side (dialogs, printing, opening a file, events) is asked of the host.
 */
export async function runBackend(port: PortLike, config: BackendConfig): Promise<void> {
  const isAlive = config.restarted ? (pid: number) => pid !== process.pid && processIsAlive(pid) : processIsAlive;
  const nativeBinding = config.nativeBinding ? { nativeBinding: config.nativeBinding } : {};
  // A reader waits for the writer to have opened (checked, migrated) the file.
  let attach: ReaderAttach = {};
  const open = async (): Promise<Store> =>
    config.role === 'reader'
      ? attachReader(config.file, { ...nativeBinding, ...attach })
      : openDatabase(config.file, {
          ...nativeBinding,
          verifyBackup: verifierFor(config.nativeBinding),
          checkIntegrity: true,
          sweep: { isAlive },
        });

  const picks = new PickedFiles();
  const inFlight = new Set<Promise<unknown>>();
  let store: Store | null = null;
  let handlers: ReturnType<typeof createHandlers> | null = null;
  let backUp: (() => Promise<unknown>) | null = null;

  const log = (message: string, error?: unknown): void =>
    void host.call('log', { message, ...(error !== undefined && { error: sendableError(error) }) });
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void =>
    void host.call('emit', { event, payload }).catch((error: unknown) => log(`could not emit ${event}`, error));
  const hostDialogs: Dialogs = {
    saveFile: (...args) => host.call('dialog', { kind: 'saveFile', args }) as Promise<string | null>,
    openFile: (...args) => host.call('dialog', { kind: 'openFile', args }) as Promise<string | null>,
    openMany: (...args) => host.call('dialog', { kind: 'openMany', args }) as Promise<string[]>,
  };
  const pacing = async (): Promise<ImportPacing | undefined> => {
    const paced = await host.call('pacing', null);
    if (paced === null) return undefined;
    return {
      progressIntervalMs: paced.progressIntervalMs,
      afterProgress: (signal) => host.call('afterProgress', paced.id, signal),
    };
  };

  // The reader's connection is closed first: a file still open there could not be swapped.
  const replaceStore = async <T>(swap: () => Promise<T>): Promise<T> => {
    await host.call('readerOff', null);
    const closing = store;
    store = null;
    handlers = null;
    await closing?.close();
    try {
      return await swap();
    } finally {
      if (config.afterRestore === 'relaunch') void host.call('relaunch', null);
      else {
        const reopened = await open();
        connectStore(reopened);
        await host.call('readerOn', reopened.damaged ?? null);
        // Everything the page shows may have changed: it refetches, as after any write.
        emit('data.changed', { entities: [...ENTITIES] });
      }
    }
  };

  const connectStore = (opened: Store): void => {
    store = opened;
    const now = (): Date => new Date();
    handlers = createHandlers(opened, {
      version: config.version,
      platform: config.platform,
      picks,
      emit,
      firstScreenShown: () => void host.call('firstScreenShown', null),
      exchange: {
        ...(config.nativeBinding ? { sqlite: { nativeBinding: config.nativeBinding } } : {}),
        dialogs: config.filesFolder ? folderDialogs(config.filesFolder, now) : hostDialogs,
        ...(opened.file === ':memory:' || config.role === 'reader' ? {} : { replaceStore }),
      },
      ...(config.host.printPdf && {
        printPdf: (job: PrintJob) => host.call('printPdf', job),
      }),
      ...(config.host.openFile && {
        openFile: async (path: string) => {
          await host.call('openFile', path);
        },
      }),
      ...(config.host.pacing && { importPacing: pacing }),
    });
    backUp = opened.file === ':memory:' || config.role === 'reader' ? null : dailyBackup(opened, now);
  };

  /** Runs `work` counted as in flight, so a close waits for it. */
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };

  const table: BackendTable = {
    dispatch: async ({ channel, input }, signal) => {
      const current = handlers;
      if (!current) return failure('conflict', 'failures.backendRestarting');
      return tracked(dispatch(current, channel, input, log, signal));
    },
    reminders: async ({ at }) => {
      const current = store;
      if (!current) return null;
      const now = new Date(at);
      // Goals behind pace ride on the same poll, first: if it fails, both are tried again.
      const behind = await current.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => pollNudges(trx, localIsoDate(now), now));
      const due = await current.db.transaction().execute((trx) => dueNotifications(trx, localIsoDate(now), now));
      return { behind, due };
    },
    dailyBackup: async () => {
      await backUp?.();
      return null;
    },
    media: async ({ target, id }) => (store ? mediaFile(store.db, store.file, target, id) : null),
    pick: ({ purpose, path }) => {
      picks.add(purpose, path);
      return null;
    },
    /** Lets what is under way finish (an import is cancelled: it takes back its steps), then closes the store. */
    close: async () => {
      const current = handlers;
      handlers = null;
      if (current) await Promise.allSettled([current['import.cancel']({}), current['library.cancelImport']({})]);
      await Promise.allSettled([...inFlight]);
      const closing = store;
      store = null;
      await closing?.close();
      return null;
    },
  };
  const host = connect<HostTable>(port, table, { oneATurn: true });

  try {
    if (config.role === 'reader') attach = await attachMessage(port);
    const opened = await open();
    connectStore(opened);
    const started: ThreadStarted = {
      ready: { file: opened.file, snapshot: opened.snapshot, ...(opened.damaged ? { damaged: opened.damaged } : {}) },
    };
    port.postMessage(started);
  } catch (error) {
    port.postMessage({ failed: sendableError(error) } satisfies ThreadStarted);
  }
}

/** The host's attach message (the writer has opened the file). */
function attachMessage(port: PortLike): Promise<ReaderAttach> {
  return new Promise((resolve) => {
    const heard = (message: unknown): void => {
      const attach = (message as { attach?: ReaderAttach } | null)?.attach;
      if (!attach) return;
      port.off('message', heard);
      resolve(attach);
    };
    port.on('message', heard);
  });
}
