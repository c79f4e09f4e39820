import type { Store } from '../../db/connection';
import type { Handlers } from '../../kernel/handlers';
import { AppError } from '../../kernel/errors';
import {
  backupDatabase,
  discardStaged,
  stageRestore,
  swapInStaged,
  type RestoreResult,
  type SqliteOptions,
} from './backup';
import { FILE_PURPOSE, type Dialogs } from './dialogs';

export type { Dialogs };
import { exportCsv } from './export';
import { dialectFor } from './contract';
import { getSettings } from '../settings';
import { checkFilePath, type FilePurpose } from '../../kernel/filePaths';
import type { PickedFiles } from '../../kernel/picks';

export interface ExchangeContext {
  now: () => Date;
  /** As the store was opened with (Electron's ABI); restore opens connections of its own. */
  sqlite?: SqliteOptions;
  /**
   * Closes the store, runs `swap` (which replaces the database file), then brings the app
   * back on the new file: the shell relaunches, the preview reopens. Absent where nothing
   * can reopen the store; data.restore is then refused.
   */
  replaceStore?: <T>(swap: () => Promise<T>) => Promise<T>;
  dialogs?: Dialogs;
  /** Shared with the import wizard, which reads the files picked for it. */
  picks: PickedFiles;
}

type ExchangeChannel = 'data.export' | 'data.backup' | 'data.restore' | 'dialog.saveFile' | 'dialog.openFile';

/**
 * Replaces the open store's database with `candidate`: copied and validated while the app keeps
 * running, then swapped in through ctx.replaceStore (only the swap needs the store closed). The
 * current database is kept as the automatic backup before a restore. Refused where nothing can
 * reopen the store.
 */
export async function restoreWhileOpen(
  store: Store,
  ctx: Pick<ExchangeContext, 'now' | 'sqlite' | 'replaceStore'>,
  candidate: string,
): Promise<RestoreResult> {
  const replaceStore = ctx.replaceStore;
  if (!replaceStore) throw new AppError('forbidden', 'failures.noRestore');
  const sqlite = ctx.sqlite ?? {};
  const staged = await stageRestore(candidate, store.file, sqlite);
  try {
    // A damaged database is kept as such: the retention rule never removes it.
    const aside = store.damaged ? 'damaged' : 'before-restore';
    return await replaceStore(() => swapInStaged(staged, store.file, ctx.now(), sqlite, aside));
  } finally {
    await discardStaged(staged);
  }
}

/**
 * Where dialogs exist (the app, the preview) the caller is a renderer, and it may use only a
 * path the user has just picked in one, once: a compromised page cannot name
 * ~/.ssh/whatever.csv. Without dialogs (the CLI) the caller is the user at a terminal.
 */
export function exchangeHandlers(store: Store, ctx: ExchangeContext): Pick<Handlers, ExchangeChannel> {
  const usable = (purpose: FilePurpose, path: string): string => {
    const file = checkFilePath(purpose, path, store.file);
    if (ctx.dialogs) ctx.picks.check(purpose, file);
    return file;
  };
  const pick = async (
    purpose: FilePurpose,
    choose: (dialogs: Dialogs) => Promise<string | null>,
  ): Promise<{ path: string | null }> => {
    if (!ctx.dialogs) throw new AppError('forbidden', 'failures.noDialogs');
    const path = await choose(ctx.dialogs);
    if (path !== null) ctx.picks.add(purpose, path);
    return { path };
  };
  return {
    'data.export': async ({ kind, path, overwrite, dialect }) => {
      const { language } = await getSettings(store.db);
      const file = usable('export', path);
      return exportCsv(store.db, kind, file, { overwrite, dialect: dialect ?? dialectFor(language), language });
    },
    'data.backup': async ({ path, overwrite }) =>
      backupDatabase(store.db, store.sqlite, usable('backup', path), { overwrite }),
    'data.restore': async ({ path }) => {
      if (!ctx.replaceStore) throw new AppError('forbidden', 'failures.noRestore');
      return restoreWhileOpen(store, ctx, usable('restore', path));
    },
    'dialog.saveFile': ({ purpose, period }) =>
      pick(FILE_PURPOSE[purpose], (dialogs) => dialogs.saveFile(purpose, period)),
    'dialog.openFile': ({ purpose }) => pick(FILE_PURPOSE[purpose], (dialogs) => dialogs.openFile(purpose)),
  };
}
