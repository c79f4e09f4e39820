import type { Kysely } from 'kysely';
import type { Api, Channel, EventName, EventPayload } from '../shared/api';
import type { DB } from '../db/schema';
import type { Store } from '../db/connection';
import type { FeatureContext, Handlers } from '../kernel/handlers';
import { PickedFiles } from '../kernel/picks';
import type { ExchangeContext } from '../features/exchange';
import type { ImportContext } from '../features/imports';
import type { PdfPrinter } from '../features/reports';

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

/** Whether `channel`, declared by `operation`, only reads: it is answered by the reader. */
export const readsOnlyBy = (channel: Channel, operation: Api[Channel] | null): boolean =>
  operation?.kind === 'query' && !WITH_THE_WRITER.has(channel);

/** What a feature's handlers are built with: one connection of the store, and the app's context. */
export interface Wiring {
  store: Store;
  ctx: HandlerContext & { picks: PickedFiles };
  feature: FeatureContext;
  /** Where a renderer calls (dialogs exist), files only as the user picked them in one. */
  renderer: PickedFiles | null;
  /** Every handler, for a feature made of the others' answers (reports). */
  all: () => Handlers;
}

type AnyHandlers = Partial<Record<Channel, (input: never) => Promise<unknown>>>;

interface Feature {
  /** Its contract's operations (their schemas), loaded on their own: what the CLI checks input with. */
  contract: () => Promise<Partial<Api>>;
  handlers: (w: Wiring) => Promise<AnyHandlers>;
}

/**
 * Every feature's part of the backend, each loaded by a dynamic import when first needed (a
 * bundle gives each one a chunk of its own): a command-line run loads only the features its
 * command calls, and the contracts of those alone. Each one's handlers answer exactly the
 * channels featureOf gives it (test/ipc/features.test.ts).
 */
export const FEATURES = {
  settings: {
    contract: async () => (await import('../features/settings/contract')).settingsOps,
    handlers: async ({ store, feature }) => (await import('../features/settings')).settingsHandlers(store.db, feature),
  },
  onboarding: {
    contract: async () => (await import('../features/onboarding/contract')).onboardingOps,
    handlers: async ({ store, feature }) =>
      (await import('../features/onboarding')).onboardingHandlers(store.db, { ...feature, sqlite: store.sqlite }),
  },
  customers: {
    contract: async () => (await import('../features/customers/contract')).customersOps,
    handlers: async ({ store, feature }) =>
      (await import('../features/customers')).customersHandlers(store.db, feature),
  },
  catalog: {
    contract: async () => (await import('../features/catalog/contract')).catalogOps,
    handlers: async ({ store, feature }) => (await import('../features/catalog')).catalogHandlers(store.db, feature),
  },
  sales: {
    contract: async () => (await import('../features/sales/contract')).salesOps,
    handlers: async ({ store, feature }) => (await import('../features/sales')).salesHandlers(store.db, feature),
  },
  metrics: {
    contract: async () => (await import('../features/metrics/contract')).metricsOps,
    handlers: async ({ store }) => (await import('../features/metrics')).metricsHandlers(store.db),
  },
  exchange: {
    contract: async () => (await import('../features/exchange/contract')).exchangeOps,
    handlers: async ({ store, ctx, feature }) =>
      (await import('../features/exchange')).exchangeHandlers(store, {
        ...ctx.exchange,
        now: feature.now,
        picks: ctx.picks,
      }),
  },
  backups: {
    contract: async () => (await import('../features/backups/contract')).backupsOps,
    handlers: async ({ store, ctx, feature }) =>
      (await import('../features/backups')).backupsHandlers(store, { ...ctx.exchange, now: feature.now }),
  },
  imports: {
    contract: async () => (await import('../features/imports/contract')).importOps,
    handlers: async ({ store, ctx, feature, renderer }) =>
      (await import('../features/imports')).importHandlers(store, {
        now: feature.now,
        emit: ctx.emit,
        picks: renderer,
        pacing: ctx.importPacing,
      }),
  },
  care: {
    contract: async () => (await import('../features/care/contract')).careOps,
    handlers: async ({ store, feature, renderer }) => {
      const [{ careHandlers }, { setActionDone, setActionDue }] = await Promise.all([
        import('../features/care'),
        import('../features/library'),
      ]);
      return careHandlers(store.db, {
        ...feature,
        databaseFile: store.file,
        picks: renderer,
        actionItems: { setDone: setActionDone, setDue: setActionDue },
      });
    },
  },
  goals: {
    contract: async () => (await import('../features/goals/contract/api')).goalsOps,
    handlers: async ({ store, feature, renderer }) =>
      (await import('../features/goals')).goalsHandlers(store.db, { ...feature, store, picks: renderer }),
  },
  techniques: {
    contract: async () => (await import('../features/techniques/contract')).techniquesOps,
    handlers: async ({ store, feature }) => {
      const { techniquesHandlers, whatWorksHandlers } = await import('../features/techniques');
      return { ...techniquesHandlers(store.db, feature), ...whatWorksHandlers(store.db) };
    },
  },
  journal: {
    contract: async () => (await import('../features/journal/contract')).journalOps,
    handlers: async ({ store, feature }) => (await import('../features/journal')).journalHandlers(store.db, feature),
  },
  search: {
    contract: async () => (await import('../features/search/contract')).searchOps,
    handlers: async ({ store }) => (await import('../features/search')).searchHandlers(store.db),
  },
  experiments: {
    contract: async () => (await import('../features/experiments/contract')).experimentsOps,
    handlers: async ({ store, feature }) =>
      (await import('../features/experiments')).experimentsHandlers(store.db, feature),
  },
  library: {
    contract: async () => (await import('../features/library/contract')).libraryOps,
    handlers: async ({ store, ctx, feature, renderer }) =>
      (await import('../features/library')).libraryHandlers(store, {
        ...feature,
        emit: ctx.emit,
        picks: renderer,
        dialogs: ctx.exchange?.dialogs,
        openFile: ctx.openFile,
      }),
  },
  training: {
    contract: async () => (await import('../features/training/contract')).trainingOps,
    handlers: async ({ store, feature }) => (await import('../features/training')).trainingHandlers(store.db, feature),
  },
  reports: {
    // The report is made of the other operations' answers, called as the app calls them.
    contract: async () => (await import('../features/reports/contract')).reportsOps,
    handlers: async ({ store, ctx, feature, renderer, all }) =>
      (await import('../features/reports')).reportsHandlers(store.db, {
        ...feature,
        handlers: all,
        databaseFile: store.file,
        picks: renderer,
        printPdf: ctx.printPdf,
      }),
  },
  home: {
    contract: async () => (await import('../features/home/contract')).homeOps,
    handlers: async ({ store, feature }) => (await import('../features/home')).homeHandlers(store.db, feature),
  },
  coach: {
    contract: async () => (await import('../features/coach/contract')).coachOps,
    handlers: async ({ store, ctx, feature, renderer }) =>
      (await import('../features/coach')).coachHandlers(store.db, {
        ...feature,
        databaseFile: store.file,
        picks: renderer,
        printPdf: ctx.printPdf,
      }),
  },
} satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;

/** Channels whose first word is not their feature's name. */
const OWNERS: Readonly<Record<string, FeatureName>> = {
  'data.backups': 'backups',
  data: 'exchange',
  dialog: 'exchange',
  products: 'catalog',
  stats: 'metrics',
  import: 'imports',
  report: 'reports',
};

/**
 * The feature whose contract declares `channel` (test/ipc/features.test.ts checks every one),
 * or null for the app's own (app.*): the channel's first word names it, but for OWNERS.
 */
export function featureOf(channel: string): FeatureName | null {
  const [first, second] = channel.split('.');
  const owner = OWNERS[`${first}.${second}`] ?? OWNERS[first!] ?? first!;
  return Object.hasOwn(FEATURES, owner) ? (owner as FeatureName) : null;
}

/** The contract of `channel`'s feature, loaded on its own; null for a channel no feature declares. */
export async function operationOf<C extends Channel>(channel: C): Promise<Api[C] | null> {
  const owner = featureOf(channel);
  if (owner === null) return null;
  const ops: Partial<Api> = await FEATURES[owner].contract();
  return (ops[channel] as Api[C] | undefined) ?? null;
}

/**
 * Every handler on one connection of the store, by channel: the app's own (app.*) at once, each
 * feature's built when one of its channels is first called, then kept for this connection.
 */
export function featureHandlers(
  store: Store,
  ctx: HandlerContext & { picks: PickedFiles },
  all: () => Handlers,
): <C extends Channel>(channel: C) => Handlers[C] {
  const now = ctx.now ?? (() => new Date());
  const db = store.db;
  const tx = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> => db.transaction().execute(fn);
  const view = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    db.transaction().setAccessMode('read only').execute(fn);
  const wiring: Wiring = {
    store,
    ctx,
    feature: { now, tx, view },
    renderer: ctx.exchange?.dialogs ? ctx.picks : null,
    all,
  };
  const own: Pick<Handlers, 'app.info' | 'app.firstScreenShown'> = {
    'app.info': async () => ({
      version: ctx.version,
      databasePath: store.file,
      platform: ctx.platform,
      ...(store.damaged
        ? {
            damaged: {
              problems: store.damaged.problems,
              newestGoodBackup: await (
                await import('../features/backups')
              ).newestGoodBackup(store.file, store.nativeBinding),
            },
          }
        : {}),
    }),
    'app.firstScreenShown': async () => {
      ctx.firstScreenShown?.();
      return null;
    },
  };
  const loaded = new Map<FeatureName, Promise<AnyHandlers>>();
  const load = (name: FeatureName): Promise<AnyHandlers> => {
    let handlers = loaded.get(name);
    if (!handlers) {
      // A failed load (a missing chunk) is tried again by the next call, not remembered.
      handlers = FEATURES[name].handlers(wiring).catch((error: unknown) => {
        loaded.delete(name);
        throw error;
      });
      loaded.set(name, handlers);
    }
    return handlers;
  };
  return <C extends Channel>(channel: C): Handlers[C] => {
    if (channel === 'app.info' || channel === 'app.firstScreenShown')
      return own[channel as keyof typeof own] as Handlers[C];
    const owner = featureOf(channel);
    if (owner === null) throw new Error(`No feature declares ${channel}.`);
    return (async (input: unknown, signal?: AbortSignal) => {
      const handler = (await load(owner))[channel] as
        ((input: unknown, signal?: AbortSignal) => Promise<unknown>) | undefined;
      if (!handler) throw new Error(`The ${owner} feature has no handler for ${channel}.`);
      return handler(input, signal);
    }) as Handlers[C];
  };
}

/**
 * One handler per channel, as the renderer sees them: each one user action, so each write runs
 * in exactly one transaction. Commands run on the store's first connection, where this
 * process's writes queue one after the other; queries on its reader (Store.reader), so a
 * screen reads while a long import in this same process is still writing. Which is which, the
 * channel's contract says, loaded with its feature when the channel is first called: the CLI
 * uses these as they are (a command loads only what it calls); ipc/assemble.ts lists them all.
 * `all`: the handlers a feature made of the others' answers calls (by default these).
 * `check`: what a handler is given instead of its input, from the channel's contract (the CLI
 * parses there what the user typed; the app's IPC parses before it calls).
 */
export function lazyHandlers(
  store: Store,
  ctx: HandlerContext,
  { all, check }: { all?: () => Handlers; check?: (operation: Api[Channel], input: unknown) => unknown } = {},
): Handlers {
  const withPicks = { ...ctx, picks: ctx.picks ?? new PickedFiles() };
  const everyHandler = (): Handlers => all?.() ?? handlers;
  const writing = featureHandlers(store, withPicks, everyHandler);
  const reading =
    store.reader.db === store.db ? writing : featureHandlers({ ...store, ...store.reader }, withPicks, everyHandler);
  const made = new Map<string, (input: unknown) => Promise<unknown>>();
  const handlers = new Proxy({} as Handlers, {
    get: (_target, channel) => {
      if (typeof channel !== 'string') return undefined;
      let handler = made.get(channel);
      if (!handler) {
        const on = { writing: writing(channel as Channel), reading: reading(channel as Channel) } as Record<
          'writing' | 'reading',
          (input: unknown) => Promise<unknown>
        >;
        handler = async (input) => {
          const operation = await operationOf(channel as Channel);
          return on[readsOnlyBy(channel as Channel, operation) ? 'reading' : 'writing'](
            check && operation ? check(operation, input) : input,
          );
        };
        made.set(channel, handler);
      }
      return handler;
    },
  });
  return handlers;
}
