import type { Store } from '../../db/connection';
import type { EventName, EventPayload } from '../../shared/api';
import type { Handlers } from '../../kernel/handlers';
import { AppError } from '../../kernel/errors';
import { checkFilePath } from '../../kernel/filePaths';
import type { PickedFiles } from '../../kernel/picks';
import type { Settings } from '../settings/contract';
import { getSettings } from '../settings';
import { listBatches, listMappings, saveMapping, undoBatch } from './batches';
import { previewImport, runImport } from './engine';
import { ImportFileError } from './issues';

type ImportChannel =
  | 'import.preview'
  | 'import.run'
  | 'import.cancel'
  | 'import.history'
  | 'import.undo'
  | 'import.mappings.list'
  | 'import.mappings.save';

export interface ImportContext {
  now: () => Date;
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /**
   * Where a renderer calls (dialogs exist), the files the user picked to import: the wizard
   * may read only those. Null for callers at a terminal, which may name any file.
   */
  picks: PickedFiles | null;
  /** A test seam: asked as each import starts how to pace it; undefined (always, in the app) runs it freely. */
  pacing?: () => ImportPacing | undefined | Promise<ImportPacing | undefined>;
}

/**
 * How a test paces an import, so that it sees progress and cancels at a known point instead
 * of racing the clock (a large file read on a busy machine takes any time at all).
 */
export interface ImportPacing {
  /** Milliseconds between progress reports; 0 reports after every chunk read. */
  progressIntervalMs: number;
  /** Awaited after each progress report, with the import's cancel signal (e.g. wait until it is aborted). */
  afterProgress: (signal: AbortSignal) => Promise<void>;
}

/**
 * The wizard's operations. One import runs at a time (the engine runs them one after the other
 * on a connection anyway); `import.cancel` aborts it, and what its steps wrote is taken back.
 */
export function importHandlers(store: Store, ctx: ImportContext): Pick<Handlers, ImportChannel> {
  let running: AbortController | null = null;
  const readable = (path: string): string => {
    const file = checkFilePath('import', path, store.file);
    ctx.picks?.check('import', file);
    return file;
  };

  /** Runs `fn` with the settings; a problem with the file is worded in the user's language. */
  const withSettings = async <T>(fn: (settings: Settings) => Promise<T>): Promise<T> => {
    const settings = await getSettings(store.db);
    try {
      return await fn(settings);
    } catch (error) {
      throw error instanceof ImportFileError ? error.inLanguage(settings.language) : error;
    }
  };

  return {
    'import.preview': ({ path, kind, options }) =>
      withSettings((settings) =>
        previewImport(store, {
          path: readable(path),
          kind,
          options,
          defaultCurrency: settings.currency,
          language: settings.language,
          now: ctx.now(),
        }),
      ),
    'import.run': async ({ path, kind, options, skipInvalid, dryRun }) => {
      if (running) throw new AppError('conflict', 'An import is already running; wait for it or cancel it.');
      const controller = new AbortController();
      running = controller;
      try {
        const pacing = await ctx.pacing?.();
        return await withSettings((settings) =>
          runImport(store, {
            path: readable(path),
            kind,
            options,
            skipInvalid,
            dryRun,
            defaultCurrency: settings.currency,
            language: settings.language,
            now: ctx.now(),
            signal: controller.signal,
            onProgress: (progress) => ctx.emit?.('import.progress', progress),
            ...(pacing && {
              progressIntervalMs: pacing.progressIntervalMs,
              afterProgress: () => pacing.afterProgress(controller.signal),
            }),
          }),
        );
      } finally {
        running = null;
      }
    },
    'import.cancel': async () => {
      const cancelled = running !== null;
      running?.abort();
      return { cancelled };
    },
    'import.history': () => listBatches(store.db),
    'import.undo': ({ batchId }) => store.db.transaction().execute((trx) => undoBatch(trx, batchId, ctx.now())),
    'import.mappings.list': (input) => listMappings(store.db, input?.kind),
    'import.mappings.save': (input) => store.db.transaction().execute((trx) => saveMapping(trx, input, ctx.now())),
  };
}
