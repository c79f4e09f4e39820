import type { Kysely } from 'kysely';
import { api, CHANNELS, type Channel, type EventName, type EventPayload } from '../shared/api';
import type { DB } from '../db/schema';
import type { Connection, Store } from '../db/connection';
import type { FeatureContext, Handlers } from '../kernel/handlers';
import { settingsHandlers } from '../features/settings';
import { onboardingHandlers } from '../features/onboarding';
import { customersHandlers } from '../features/customers';
import { catalogHandlers } from '../features/catalog';
import { salesHandlers } from '../features/sales';
import { metricsHandlers } from '../features/metrics';
import { exchangeHandlers, type ExchangeContext } from '../features/exchange';
import { backupsHandlers, newestGoodBackup } from '../features/backups';
import { importHandlers, type ImportContext } from '../features/imports';
import { PickedFiles } from '../kernel/picks';
import { careHandlers } from '../features/care';
import { goalsHandlers } from '../features/goals';
import { techniquesHandlers, whatWorksHandlers } from '../features/techniques';
import { journalHandlers } from '../features/journal';
import { searchHandlers } from '../features/search';
import { experimentsHandlers } from '../features/experiments';
import { libraryHandlers, setActionDone, setActionDue } from '../features/library';
import { trainingHandlers } from '../features/training';
import { reportsHandlers, type PdfPrinter } from '../features/reports';
import { homeHandlers } from '../features/home';
import { coachHandlers } from '../features/coach';

export interface HandlerContext {
  now?: () => Date;
  version: string;
  platform: string;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Opens a file in the system's viewer for it (the desktop app's shell.openPath). */
  openFile?: (path: string) => Promise<void>;
  /** Export, backup and restore wiring (see services/exchange). */
  exchange?: Omit<ExchangeContext, 'now' | 'picks'>;
  /**
   * What the user picked in dialogs or dropped on the window; the shell passes its own when
   * something outside the handlers adds to it (files dropped on the window, see ipc/drop.ts).
   */
  picks?: PickedFiles;
  /** Prints a report's HTML to PDF (the app: Electron's printToPDF); Chromium via playwright-core otherwise. */
  printPdf?: PdfPrinter;
  /** Runs the due reminders' first check: the window's first screen has its data (app.firstScreenShown). */
  firstScreenShown?: () => void;
  /** Tests only: how each import is paced (see ImportPacing); the app never sets it. */
  importPacing?: ImportContext['pacing'];
}

/**
 * Queries that stay with the writer (the store's first connection, the database thread that
 * writes) although they announce no entity written:
 * - the cancels reach the very import they cancel (its handler set holds it);
 * - a preview's dry run and a restore are writes in all but name;
 * - a dialog's pick is recorded where the operations it was picked for check it, and so are
 *   the operations that read or write a file the user picked (exports, backups, reports);
 * - a few write what no screen shows: a saved column mapping, the day a goal nudge was shown,
 *   the calendar export's ledger.
 * Every other query reads only: it runs on the reader, whose connection refuses writes
 * (query_only), so a query missing here fails its tests rather than writing on the side.
 */
const WITH_THE_WRITER: ReadonlySet<Channel> = new Set<Channel>([
  'import.cancel',
  'import.preview',
  'library.cancelImport',
  'library.pick',
  'dialog.saveFile',
  'dialog.openFile',
  'data.restore',
  'data.backups.restore',
  'data.export',
  'data.backup',
  'care.ics.export',
  'report.save',
  'coach.export',
  'import.mappings.save',
  'goals.nudges',
]);

/** Whether a channel only reads, and so is answered by the reader (a connection, or a thread of its own). */
export const readsOnly = (channel: Channel): boolean => api[channel].kind === 'query' && !WITH_THE_WRITER.has(channel);

/**
 * The backend as the renderer sees it: one handler per contract channel. Each handler is
 * one user action, so each write runs in exactly one transaction. Commands run on the
 * store's first connection, where this process's writes queue one after the other; queries
 * on its reader (Store.reader), so a screen reads while a long import in this same process
 * is still writing.
 */
export function createHandlers(store: Store, ctx: HandlerContext): Handlers {
  const picks = ctx.picks ?? new PickedFiles();
  let handlers: Handlers;
  const build = (connection: Connection): Handlers =>
    featureHandlers({ ...store, ...connection }, { ...ctx, picks }, () => handlers);
  const writing = build(store);
  if (store.reader.db === store.db) handlers = writing;
  else {
    const reading = build(store.reader);
    handlers = Object.fromEntries(
      CHANNELS.map((c) => [c, readsOnly(c) ? reading[c] : writing[c]]),
    ) as Handlers;
  }
  if (ctx.emit) handlers = announcingWrites(handlers, ctx.emit);
  return handlers;
}

/** Every feature's handlers on one connection of the store. */
function featureHandlers(store: Store, ctx: HandlerContext & { picks: PickedFiles }, all: () => Handlers): Handlers {
  const now = ctx.now ?? (() => new Date());
  const db = store.db;
  const tx = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => db.transaction().execute(fn);
  const view = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    db.transaction().setAccessMode('read only').execute(fn);
  const feature: FeatureContext = { now, tx, view };
  const picks = ctx.picks;
  // Where a renderer calls (dialogs exist), files only as the user picked them in one.
  const renderer = ctx.exchange?.dialogs ? picks : null;

  return {
    'app.info': async () => ({
      version: ctx.version,
      databasePath: store.file,
      platform: ctx.platform,
      ...(store.damaged
        ? {
            damaged: {
              problems: store.damaged.problems,
              newestGoodBackup: await newestGoodBackup(store.file, store.nativeBinding),
            },
          }
        : {}),
    }),
    'app.firstScreenShown': async () => {
      ctx.firstScreenShown?.();
      return null;
    },
    ...settingsHandlers(db, feature),
    ...onboardingHandlers(db, { ...feature, sqlite: store.sqlite }),
    ...customersHandlers(db, feature),
    ...catalogHandlers(db, feature),
    ...salesHandlers(db, feature),
    ...metricsHandlers(db),
    ...exchangeHandlers(store, { ...ctx.exchange, now, picks }),
    ...backupsHandlers(store, { ...ctx.exchange, now }),
    ...importHandlers(store, { now, emit: ctx.emit, picks: renderer, pacing: ctx.importPacing }),
    ...careHandlers(db, {
      ...feature,
      databaseFile: store.file,
      picks: renderer,
      actionItems: { setDone: setActionDone, setDue: setActionDue },
    }),
    ...goalsHandlers(db, { ...feature, store, picks: renderer }),
    ...techniquesHandlers(db, feature),
    ...whatWorksHandlers(db),
    ...journalHandlers(db, feature),
    ...searchHandlers(db),
    ...experimentsHandlers(db, feature),
    ...libraryHandlers(store, {
      ...feature,
      emit: ctx.emit,
      picks: renderer,
      dialogs: ctx.exchange?.dialogs,
      openFile: ctx.openFile,
    }),
    ...trainingHandlers(db, feature),
    // The report is made of the other operations' answers, called as the app calls them.
    ...reportsHandlers(db, {
      ...feature,
      handlers: all,
      databaseFile: store.file,
      picks: renderer,
      printPdf: ctx.printPdf,
    }),
    ...homeHandlers(db, feature),
    ...coachHandlers(db, { ...feature, databaseFile: store.file, picks: renderer, printPdf: ctx.printPdf }),
  };
}

/**
 * Each command, once it has succeeded, announces `data.changed` with exactly the entities its
 * contract says it writes. The one place this happens: the app, the preview and the CLI all
 * get their handlers here, and the renderer's client refreshes from the same declaration.
 */
function announcingWrites(handlers: Handlers, emit: NonNullable<HandlerContext['emit']>): Handlers {
  const announcing: Record<Channel, unknown> = { ...handlers };
  for (const channel of CHANNELS) {
    const { writes } = api[channel];
    if (writes.length === 0) continue;
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    announcing[channel] = async (input: unknown) => {
      const result = await handler(input);
      emit('data.changed', { entities: [...writes] });
      return result;
    };
  }
  return announcing as Handlers;
}
