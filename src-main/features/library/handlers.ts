import { isAbsolute, resolve } from 'node:path';
import type { Store } from '../../db/connection';
import type { EventName, EventPayload } from '../../shared/api';
import { AppError } from '../../kernel/errors';
import type { FeatureContext, Handlers } from '../../kernel/handlers';
import { checkFilePath } from '../../kernel/filePaths';
import type { PickedFiles } from '../../kernel/picks';
import { ImportFileError } from '../imports';
import { getSettings } from '../settings';
import { importFiles } from './fileImport';
import { importHighlights } from './highlights/service';
import {
  bulkEdit,
  checkLinks,
  createLibraryItem,
  deleteHighlight,
  deleteLibraryItem,
  deleteTakeaway,
  facets,
  getLibraryItem,
  listLibrary,
  openableFile,
  recordProgress,
  removeStoredFile,
  saveHighlight,
  saveTakeaway,
  setActionDone,
  updateLibraryItem,
} from './service';
import { libraryFolder } from './storage';
import { textMatches } from './search';

type LibraryChannel = Extract<keyof Handlers, `library.${string}`>;

/** The native picker (exchange's Dialogs provide it); absent where no one can be asked (the CLI). */
export interface LibraryDialogs {
  openMany(kind: 'files' | 'folders'): Promise<string[]>;
}

export interface LibraryContext extends FeatureContext {
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /**
   * Where a renderer calls, the files and folders the user dropped on the window or picked:
   * the library imports only those. Null for callers at a terminal, which may name any path.
   */
  picks: PickedFiles | null;
  dialogs?: LibraryDialogs;
  /** The system's viewer; absent where there is none (the CLI, the browser preview). */
  openFile?: ((path: string) => Promise<void>) | undefined;
}

/** A path from a caller: absolute, no NUL, and (for a renderer) one the user dropped or picked. */
function importable(path: string, databaseFile: string, picks: PickedFiles | null): string {
  if (path.includes('\0') || !isAbsolute(path)) {
    throw new AppError('invalid_input', 'failures.pathRelative', undefined, { path });
  }
  const file = resolve(path);
  if (file.toLowerCase() === resolve(databaseFile).toLowerCase()) {
    throw new AppError('invalid_input', 'failures.pathIsDatabase', undefined, { file });
  }
  picks?.check('library', file);
  return file;
}

/**
 * A file a highlights import may read: picked in the import dialog, or dropped on the window
 * or picked for the library (both only read the file; neither writes it), never any other.
 */
function checkPickedToRead(picks: PickedFiles, file: string): void {
  try {
    picks.check('import', file);
  } catch {
    picks.check('library', file);
  }
}

export function libraryHandlers(store: Store, ctx: LibraryContext): Pick<Handlers, LibraryChannel> {
  const { db } = store;
  const { now, tx } = ctx;
  const folder = libraryFolder(store.file);
  let running: AbortController | null = null;
  return {
    'library.list': async (query) =>
      listLibrary(db, query, query.text === undefined ? null : await textMatches(db, query.text)),
    'library.get': ({ id }) => getLibraryItem(db, id),
    'library.facets': () => facets(db),
    'library.create': (input) => tx((trx) => createLibraryItem(trx, input, now())),
    'library.update': ({ id, ...input }) => tx((trx) => updateLibraryItem(trx, id, input, now())),
    'library.delete': async ({ id }) => {
      const file = await tx((trx) => deleteLibraryItem(trx, id));
      await removeStoredFile(folder, file);
      return { id };
    },
    'library.bulkEdit': async (edit) => ({ updated: await tx((trx) => bulkEdit(trx, edit, now())) }),
    'library.import': async ({ paths, link, onDuplicate }) => {
      if (running) throw new AppError('conflict', 'library.errors.importRunning');
      const checked = paths.map((p) => importable(p, store.file, ctx.picks));
      const controller = new AbortController();
      running = controller;
      try {
        return await importFiles(store, {
          paths: checked,
          link,
          onDuplicate,
          folder,
          now: now(),
          signal: controller.signal,
          onProgress: ctx.emit ? (progress) => ctx.emit!('library.progress', progress) : undefined,
        });
      } finally {
        running = null;
      }
    },
    'library.cancelImport': async () => {
      const cancelled = running !== null;
      running?.abort();
      return { cancelled };
    },
    'library.pick': async ({ folders }) => {
      const { dialogs, picks } = ctx;
      if (!dialogs) throw new AppError('forbidden', 'failures.noDialogs');
      const paths = await dialogs.openMany(folders ? 'folders' : 'files');
      // What the user chose, and only that, may now be imported (see importable()).
      for (const path of paths) picks?.add('library', path);
      return { paths };
    },
    'library.importHighlights': async ({ source, path }) => {
      if (running) throw new AppError('conflict', 'library.errors.importRunning');
      // A spreadsheet or text file to import, as the import wizard's: picked for 'import'; or a
      // Kindle's My Clippings.txt the user dropped on the window (or picked) for the library.
      const file = checkFilePath('import', path, store.file);
      if (ctx.picks) checkPickedToRead(ctx.picks, file);
      const { language } = await getSettings(db);
      const controller = new AbortController();
      running = controller;
      try {
        return await importHighlights(store, { source, path: file }, now(), controller.signal);
      } catch (error) {
        // The screens show the backend's words: in the user's language.
        throw error instanceof ImportFileError ? error.inLanguage(language) : error;
      } finally {
        running = null;
      }
    },
    'library.progress': (input) => tx((trx) => recordProgress(trx, input, now())),
    'library.highlightSave': (input) => tx((trx) => saveHighlight(trx, input, now())),
    'library.highlightDelete': async ({ id }) => {
      await tx((trx) => deleteHighlight(trx, id));
      return { id };
    },
    'library.takeawaySave': (input) => tx((trx) => saveTakeaway(trx, input, now())),
    'library.takeawayDelete': async ({ id }) => {
      await tx((trx) => deleteTakeaway(trx, id));
      return { id };
    },
    'library.actionSet': ({ id, done }) => tx((trx) => setActionDone(trx, id, done, now())),
    'library.open': async ({ id }) => {
      if (!ctx.openFile) throw new AppError('forbidden', 'library.errors.noViewer');
      await ctx.openFile(await openableFile(db, folder, id));
      return { opened: true };
    },
    'library.checkLinks': (input) => tx((trx) => checkLinks(trx, now(), input?.id)),
  };
}
