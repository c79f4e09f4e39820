import type { Store } from '../../db/connection';
import type { Handlers } from '../../kernel/handlers';
import { restoreWhileOpen, type ExchangeContext } from '../exchange';
import { automaticBackupFile, listAutomaticBackups } from './service';

type BackupsChannel = 'data.backups.list' | 'data.backups.restore';

/**
 * The automatic backups as Settings → Your data shows them. A backup is named by its id, never
 * by a path: whatever the renderer sends is looked up in the folder by our naming pattern.
 */
export function backupsHandlers(
  store: Store,
  ctx: Pick<ExchangeContext, 'now' | 'sqlite' | 'replaceStore'>,
): Pick<Handlers, BackupsChannel> {
  return {
    'data.backups.list': async () => listAutomaticBackups(store.file, store.nativeBinding),
    'data.backups.restore': async ({ id }) => restoreWhileOpen(store, ctx, automaticBackupFile(store.file, id)),
  };
}
