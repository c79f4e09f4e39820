import type { Kysely } from 'kysely';
import { api, CHANNELS, type Channel, type EventName, type EventPayload } from '../shared/api';
import type { DB } from '../db/schema';
import type { Store } from '../db/connection';
import type { Handlers } from '../kernel/handlers';
import { settingsHandlers } from '../features/settings';
import { onboardingHandlers } from '../features/onboarding';
import { customersHandlers } from '../features/customers';
import { catalogHandlers } from '../features/catalog';
import { salesHandlers } from '../features/sales';
import { metricsHandlers } from '../features/metrics';
import { exchangeHandlers, type ExchangeContext } from '../features/exchange';
import { backupsHandlers, newestGoodBackup } from '../features/backups';
import { importHandlers, type ImportPacing } from '../features/imports';
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
  /** Tests only: how each import is paced (see ImportPacing); the app never sets it. */
  importPacing?: () => ImportPacing | undefined;
}

/**
 * The backend as the renderer sees it: one handler per contract channel. Each handler is
 * one user action, so each write runs in exactly one transaction.
 */
export function createHandlers(store: Store, ctx: HandlerContext): Handlers {
  const now = ctx.now ?? (() => new Date());
  const db = store.db;
  const tx = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => db.transaction().execute(fn);
  const picks = ctx.picks ?? new PickedFiles();
  // Where a renderer calls (dialogs exist), files only as the user picked them in one.
  const renderer = ctx.exchange?.dialogs ? picks : null;

  const handlers: Handlers = {
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
    ...settingsHandlers(db, { now, tx }),
    ...onboardingHandlers(db, { now, tx }),
    ...customersHandlers(db, { now, tx }),
    ...catalogHandlers(db, { now, tx }),
    ...salesHandlers(db, { now, tx }),
    ...metricsHandlers(db),
    ...exchangeHandlers(store, { ...ctx.exchange, now, picks }),
    ...backupsHandlers(store, { ...ctx.exchange, now }),
    ...importHandlers(store, { now, emit: ctx.emit, picks: renderer, pacing: ctx.importPacing }),
    ...careHandlers(db, {
      now,
      tx,
      databaseFile: store.file,
      picks: renderer,
      actionItems: { setDone: setActionDone, setDue: setActionDue },
    }),
    ...goalsHandlers(db, { now, tx, store, picks: renderer }),
    ...techniquesHandlers(db, { now, tx }),
    ...whatWorksHandlers(db),
    ...journalHandlers(db, { now, tx }),
    ...searchHandlers(db),
    ...experimentsHandlers(db, { now, tx }),
    ...libraryHandlers(store, {
      now,
      tx,
      emit: ctx.emit,
      picks: renderer,
      dialogs: ctx.exchange?.dialogs,
      openFile: ctx.openFile,
    }),
    ...trainingHandlers(db, { now, tx }),
    // The report is made of the other operations' answers, called as the app calls them.
    ...reportsHandlers(db, {
      now,
      tx,
      handlers: () => handlers,
      databaseFile: store.file,
      picks: renderer,
      printPdf: ctx.printPdf,
    }),
    ...homeHandlers(db, { now, tx }),
    ...coachHandlers(db, { now, tx, databaseFile: store.file, picks: renderer, printPdf: ctx.printPdf }),
  };
  return ctx.emit ? announcingWrites(handlers, ctx.emit) : handlers;
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
