import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The slow half of a backup's check, SQLite's `integrity_check` and `foreign_key_check` (about
 * 90% and 10% of the check's time: 2.4 s and 0.3 s at 100,000 sales), in a thread of its own on
 * a read-only connection of its own. On the main thread — Electron's main process — they froze
 * the window and every request for as long as they ran. This is their one definition: every
 * check of a backup or restore candidate (backup.ts inspectDatabaseFile) runs them here.
 *
 * The thread's code is a plain string evaluated by the Worker (no file of its own to find in
 * vitest, the CLI bundle, the preview or Electron's bundle), which loads better-sqlite3 from the
 * path resolved here and opens the file with the caller's native binding (Electron's ABI). A
 * thread that cannot start, cannot load SQLite or open the file, or stops without answering is
 * a check that failed, never one that passed.
 */

/** What the checks found. */
export interface DeepFindings {
  /** integrity_check's lines: `['ok']` when whole. */
  integrity: string[];
  /** foreign_key_check's rows that point nowhere (only looked at when the integrity is ok). */
  brokenReferences: { count: number; table: string; rowid: number | null; parent: string } | null;
}

/**
 * Not a `require` call (electron-vite would inject its CommonJS shim into the bundle at a place
 * it finds by a regular expression, pdfThread.ts): the module loader is taken from node:module.
 */
const CHECKS = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { createRequire: loaderFor } = process.getBuiltinModule('node:module');
const Database = loaderFor(workerData.sqlite)(workerData.sqlite);
const sqlite = new Database(workerData.file, {
  readonly: true,
  fileMustExist: true,
  ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
});
try {
  let integrity;
  try {
    integrity = sqlite.pragma('integrity_check', { simple: false }).map((r) => r.integrity_check);
  } catch (error) {
    integrity = [error.message];
  }
  let brokenReferences = null;
  if (integrity.join() === 'ok') {
    const broken = sqlite.pragma('foreign_key_check');
    if (broken.length > 0) brokenReferences = { count: broken.length, ...broken[0] };
  }
  parentPort.postMessage({ integrity, brokenReferences });
} finally {
  sqlite.close();
}
`;

let sqliteModule: string | null = null;

/**
 * Runs the checks on `file` in a new thread; rejects with what went wrong when it could not run
 * them. `signal` stops the thread (a check nobody waits for any more: the import was cancelled).
 */
export function checkInThread(file: string, nativeBinding?: string, signal?: AbortSignal): Promise<DeepFindings> {
  sqliteModule ??= createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    let findings: DeepFindings | null = null;
    let worker: Worker;
    try {
      worker = new Worker(CHECKS, { eval: true, workerData: { sqlite: sqliteModule, file, nativeBinding } });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let failure: Error | null = null;
    const stop = (): void => {
      failure = new Error('the check was stopped');
      void worker.terminate();
    };
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: DeepFindings) => {
      findings = message;
    });
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (findings && !failure) resolve(findings);
      else reject(failure ?? new Error(`the check stopped without an answer (exit code ${code})`));
    });
  });
}
