import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

/**
 * Sandboxed preload: bundled into one CommonJS file that requires only 'electron'
 * (checked by test/ipc/preload-bundle.test.ts). The browser preview runs this same file
 * with a shim for 'electron' (src-main/preview).
 */
contextBridge.exposeInMainWorld('rapport', createBridge(ipcRenderer));
