import type { Store } from '../../db/connection';
import type { EventName, EventPayload } from '../../shared/api';
import type { Handlers } from '../../kernel/handlers';
import { AppError } from '../../kernel/errors';
import { checkFilePath } from '../../kernel/filePaths';
import type { PickedFiles } from '../../kernel/picks';
import { getSettings } from '../settings';
import { listBatches, listMappings, saveMapping, undoBatch } from './batches';
import { previewImport, runImport } from './engine';

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
}

/**
 * The wizard's operations. One import runs at a time (it holds the database for its
 * transaction anyway); `import.cancel` aborts it and the transaction rolls back.
 */
export function importHandlers(store: Store, ctx: ImportContext): Pick<Handlers, ImportChannel> {
  let running: AbortController | null = null;
  const currency = async (): Promise<string> => (await getSettings(store.db)).currency;
  const readable = (path: string): string => {
    const file = checkFilePath('import', path, store.file);
    ctx.picks?.require('import', file);
    return file;
  };

  return {
    'import.preview': async ({ path, kind, options }) =>
      previewImport(store, {
        path: readable(path),
        kind,
        options,
        defaultCurrency: await currency(),
        now: ctx.now(),
      }),
    'import.run': async ({ path, kind, options, skipInvalid, dryRun }) => {
      if (running) throw new AppError('conflict', 'An import is already running; wait for it or cancel it.');
      const controller = new AbortController();
      running = controller;
      try {
        return await runImport(store, {
          path: readable(path),
          kind,
          options,
          skipInvalid,
          dryRun,
          defaultCurrency: await currency(),
          now: ctx.now(),
          signal: controller.signal,
          onProgress: (progress) => ctx.emit?.('import.progress', progress),
        });
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
