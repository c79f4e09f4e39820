import type { Channel, Envelope, EventName, EventPayload } from '../shared/api';
import type { PickPurpose } from '../kernel/picks';
import type { MediaFile, MediaTarget } from '../features/library';
import type { Dialogs } from '../features/exchange';
import type { PrintJob } from '../features/reports';
import type { SentError } from './rpc';

/**
 * What the window's thread (backend/host.ts) and the database thread (backend/thread.ts) ask
 * of each other: the two tables of backend/rpc.ts, and the thread's first message.
 */

/** What the database thread serves. */
export type BackendTable = {
  /** One contract call, validated and answered as ipcMain's would be (ipc/register.ts dispatch); a read's signal is the caller's cancel. */
  dispatch: (arg: { channel: Channel; input: unknown }, signal: AbortSignal) => Promise<Envelope<unknown>>;
  /** The due reminders' check at `at` (ISO): goals behind pace and follow-ups newly due; null while no store is open. */
  reminders: (arg: { at: string }) => Promise<{
    behind: EventPayload<'goals.behind'>;
    due: EventPayload<'care.due'>['items'];
  } | null>;
  dailyBackup: (arg: null) => Promise<null>;
  /** The file behind a library item or its cover, for the media protocol. */
  media: (arg: { target: MediaTarget; id: number }) => Promise<MediaFile | null>;
  /** A file the user dropped on the window, now picked for `purpose`. */
  pick: (arg: { purpose: PickPurpose; path: string }) => null;
  /** Lets what is under way finish (imports are cancelled), then closes the store. */
  close: (arg: null) => Promise<null>;
};

/** One of the host's dialogs (features/exchange Dialogs), with its arguments. */
export type DialogAsk = { [K in keyof Dialogs]: { kind: K; args: Parameters<Dialogs[K]> } }[keyof Dialogs];

/** What the window's thread serves to the database thread. */
export type HostTable = {
  log: (arg: { message: string; error?: SentError }) => null;
  emit: <E extends EventName>(arg: { event: E; payload: EventPayload<E> }) => null;
  dialog: (arg: DialogAsk) => Promise<string | string[] | null>;
  printPdf: (job: PrintJob) => Promise<Uint8Array>;
  openFile: (path: string) => Promise<null>;
  firstScreenShown: (arg: null) => null;
  /** A restore swapped the file: the app starts afresh on it. */
  relaunch: (arg: null) => null;
  /** A restore is about to swap the file: the reader thread is closed (reads go to the writer meanwhile). */
  readerOff: (arg: null) => Promise<null>;
  /** The writer reopened the swapped file (the preview): a reader thread starts on it again. */
  readerOn: (damaged: { problems: string } | null) => Promise<null>;
  /** How the import starting now is paced (tests only): null runs it freely. */
  pacing: (arg: null) => { id: number; progressIntervalMs: number } | null;
  /** That pacing's wait after a progress report; aborted with the import. */
  afterProgress: (id: number, signal: AbortSignal) => Promise<void>;
};

/** The host's first message to a reader thread: attach to the file, as the writer found it (damaged: open read-only). */
export type ReaderAttach = { damaged?: { problems: string } };

/** The thread's first message: the store is open, or why not. */
export type ThreadStarted =
  { ready: { file: string; snapshot: string | null; damaged?: { problems: string } } } | { failed: SentError };

/** What the database thread is started with (a structured clone: data only). */
export interface BackendConfig {
  /** The writer opens (checks, migrates) the database and answers everything; the reader, the queries that only read. */
  role: 'writer' | 'reader';
  file: string;
  /** Electron's better-sqlite3 binary in the app; Node's otherwise. */
  nativeBinding?: string;
  version: string;
  platform: string;
  /** The preview's stand-in dialogs save to and open from this folder; without it the host's (native) dialogs are asked. */
  filesFolder?: string;
  /** Which of the host's optional services exist: a printer (else Chromium's, through playwright-core), a file opener, an import pacing seam. */
  host: { printPdf: boolean; openFile: boolean; pacing: boolean };
  /**
   * After a restore swapped the file: 'relaunch' tells the host, which starts the app afresh;
   * 'reopen' opens the new file in this thread and tells the page everything changed (the preview).
   */
  afterRestore: 'relaunch' | 'reopen';
  /**
   * The thread before this one in this process died: what it left (an import written in steps,
   * its temporary files, its holder note) is taken back at open as if its process had died.
   */
  restarted: boolean;
}
