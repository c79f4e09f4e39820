import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';
import { DROP_CHANNEL } from './channels';
import { forwardDrops, type DropTargetLike } from './drop';

/**
 * Sandboxed preload: bundled into one CommonJS file that requires only 'electron'
 * (checked by test/ipc/preload-bundle.test.ts). The browser preview runs this same file
 * with a shim for 'electron' (src-main/preview).
 */
contextBridge.exposeInMainWorld('rapport', createBridge(ipcRenderer));

// Files the user drops on the window: their paths go to main, never through the page.
forwardDrops(
  globalThis as unknown as DropTargetLike,
  (file) => webUtils.getPathForFile(file as File),
  (paths) => ipcRenderer.send(DROP_CHANNEL, paths),
);
