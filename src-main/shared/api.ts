import { z } from 'zod';
import { Entity, Empty, query } from './operations';
import { salesOps } from '../features/sales/contract';
import { customersOps } from '../features/customers/contract';
import { catalogOps } from '../features/catalog/contract';
import { settingsOps } from '../features/settings/contract';
import { onboardingOps } from '../features/onboarding/contract';
import { metricsOps } from '../features/metrics/contract';
import { exchangeOps } from '../features/exchange/contract';
import { backupsOps } from '../features/backups/contract';
import { ImportProgress, importOps } from '../features/imports/contract';
import { CareDueEvent, careOps } from '../features/care/contract';
import { GoalNudges, goalsOps } from '../features/goals/contract/api';
import { techniquesOps } from '../features/techniques/contract';
import { journalOps } from '../features/journal/contract';
import { searchOps } from '../features/search/contract';
import { experimentsOps } from '../features/experiments/contract';
import { LibraryDropped, LibraryImportProgress, libraryOps } from '../features/library/contract';
import { trainingOps } from '../features/training/contract';
import { reportsOps } from '../features/reports/contract';
import { homeOps } from '../features/home/contract';
import { coachOps } from '../features/coach/contract';

/**
 * The one API contract, assembled from the operations each feature declares in its contract:
 * the schema an operation's input must pass (parsed in main from `unknown`), the schema of its
 * reply, and for a command the entities it writes (main announces them in `data.changed`, the
 * renderer's client refreshes them). Main must register a handler for each (see
 * kernel/handlers.ts: a missing one fails type-checking), the preload allowlists exactly these
 * channels, and the renderer's client is typed from them.
 */
export const api = {
  'app.info': query(
    Empty,
    z.object({
      version: z.string(),
      databasePath: z.string(),
      platform: z.string(),
      /**
       * Present when the database failed its check at open and is open read-only (the shell's
       * banner): what SQLite found, and the newest automatic backup that passes a restore's
       * checks (its id for data.backups.restore), or null when there is none.
       */
      damaged: z.object({ problems: z.string(), newestGoodBackup: z.string().nullable() }).optional(),
    }),
  ),
  /**
   * The window's first screen has its data (or gave up waiting for it): main runs its first
   * check for due follow-ups and goals behind pace now, not at the page's load, so that check
   * never holds up the rows the seller opened the app for (shell/FirstScreen.tsx).
   */
  'app.firstScreenShown': query(Empty, z.null()),
  ...settingsOps,
  ...onboardingOps,
  ...customersOps,
  ...catalogOps,
  ...salesOps,
  ...metricsOps,
  ...exchangeOps,
  ...backupsOps,
  ...importOps,
  ...careOps,
  ...goalsOps,
  ...techniquesOps,
  ...journalOps,
  ...searchOps,
  ...experimentsOps,
  ...libraryOps,
  ...trainingOps,
  ...reportsOps,
  ...homeOps,
  ...coachOps,
} as const;

export type Api = typeof api;
export type Channel = keyof Api;
/** What a caller passes (defaults may be omitted). */
export type Input<C extends Channel> = z.input<Api[C]['input']>;
/** What a handler receives after parsing (defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Api[C]['input']>;
export type Output<C extends Channel> = z.output<Api[C]['output']>;

export const CHANNELS = Object.keys(api) as Channel[];

/** Events main pushes to the renderer. */
export const events = {
  'data.changed': z.object({
    entities: z.array(Entity),
  }),
  'menu.command': z.object({ command: z.enum(['new-sale', 'new-customer', 'navigate']), path: z.string().optional() }),
  'import.progress': ImportProgress,
  'library.progress': LibraryImportProgress,
  /** Files or folders the user dropped on the window, now allowed for library.import. */
  'library.dropped': LibraryDropped,
  /** Follow-ups that became due while the app runs, for an in-app notice (each item once). */
  'care.due': CareDueEvent,
  /** Goals that fell behind pace while the app runs (each goal at most once a day). */
  'goals.behind': GoalNudges,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

// ---- reply envelope -------------------------------------------------------------------

/** 'cancelled': the caller aborted a read before it started, so it was not run (nothing to show). */
export const ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'forbidden', 'internal', 'cancelled'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values for a message key's `{{placeholders}}`. */
export type MessageValues = Readonly<Record<string, string | number>>;
export interface FieldIssue {
  path: string;
  /** A message key ('errors.required'); a few older checks still send plain text. */
  message: string;
  values?: MessageValues;
}
export interface ApiError {
  code: ErrorCode;
  /** A message key ('failures.fileExists', worded with `values`) or plain text. */
  message: string;
  issues?: FieldIssue[];
  values?: MessageValues;
}
/** Only plain data survives Electron's IPC, so errors travel as values, never as throws. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Prefix of every IPC channel: main accepts nothing else, the preload exposes nothing else. */
export const CHANNEL_PREFIX = 'rapport:';
export const EVENT_PREFIX = 'rapport-event:';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(api, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The bridge the preload exposes on `window.rapport`. */
export interface Bridge {
  /**
   * `requestId` (a positive integer the page chose, unique among its calls under way) makes the
   * call cancellable with `cancel(requestId)`: a read not yet started is then not run and
   * answers with the code 'cancelled'; a read under way finishes; a command always finishes.
   */
  invoke<C extends Channel>(channel: C, input: Input<C>, requestId?: number): Promise<Envelope<Output<C>>>;
  cancel(requestId: number): void;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
