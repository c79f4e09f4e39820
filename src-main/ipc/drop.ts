import { isAbsolute, resolve } from 'node:path';
import { MAX_IMPORT_PATHS } from '../features/library';
import type { PickedFiles } from '../kernel/picks';
import type { EventPayload } from '../shared/api';
import { DROP_CHANNEL } from '../preload/channels';
import { isTrustedSender, senderInfo, type InvokeEvent, type IpcMainLike, type Logger } from './register';

/**
 * Files dropped on the window. The page never names them: the preload reads the paths of a
 * trusted drop (a real one, by the user) and sends them to main on a channel of its own
 * (preload/drop.ts); main remembers them as picked for the library and tells the page which
 * paths it may now import (`library.dropped`). So a compromised page can import only what the
 * user dropped or picked, as with the file dialogs.
 */

/** A path long enough to be no path on any system the app runs on. */
const MAX_PATH_LENGTH = 4096;

/**
 * Which of the strings a drop sent may be imported: absolute paths only, none empty, too long
 * or holding a NUL (which the file system would cut the path at), each once (compared
 * resolved, as the picks are), in the order given, at most `max`. Anything else in the message
 * (a non-array, numbers, objects) is ignored: the preload sends strings only, so anything else
 * did not come from it.
 */
export function droppedPaths(raw: unknown, max: number = MAX_IMPORT_PATHS): string[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  for (const item of raw as unknown[]) {
    if (seen.size >= max) break;
    if (typeof item !== 'string' || item === '' || item.length > MAX_PATH_LENGTH) continue;
    if (item.includes('\0') || !isAbsolute(item)) continue;
    seen.add(resolve(item));
  }
  return [...seen];
}

export interface DropDeps {
  picks: Pick<PickedFiles, 'add'>;
  emit: (event: 'library.dropped', payload: EventPayload<'library.dropped'>) => void;
}

/** Remembers a drop's importable paths as picked for the library and announces them; returns them. */
export function acceptDrop(raw: unknown, deps: DropDeps): string[] {
  const paths = droppedPaths(raw);
  if (paths.length === 0) return paths;
  for (const path of paths) deps.picks.add('library', path);
  deps.emit('library.dropped', { paths });
  return paths;
}

/** The slice of Electron's ipcMain this needs (`on`, for a one-way message). */
export type IpcMainOnLike = Pick<IpcMainLike, 'on' | 'removeListener'>;

/**
 * Listens for the preload's drop message, from the main frame of our own origin only (as
 * registerApi serves calls). Returns a function that stops listening.
 */
export function listenForDrops(
  ipcMain: IpcMainOnLike,
  options: DropDeps & { allowedOrigin: string; log: Logger },
): () => void {
  const listener = (event: InvokeEvent, raw: unknown): void => {
    const sender = senderInfo(event);
    if (!isTrustedSender(sender, options.allowedOrigin)) {
      options.log(`drop: refused a message from untrusted sender ${String(sender.frameUrl)}`);
      return;
    }
    try {
      acceptDrop(raw, options);
    } catch (error) {
      options.log('drop: could not accept the dropped files', error);
    }
  };
  ipcMain.on(DROP_CHANNEL, listener as (event: InvokeEvent, ...args: unknown[]) => void);
  return () => void ipcMain.removeListener(DROP_CHANNEL, listener as (event: InvokeEvent, ...args: unknown[]) => void);
}
