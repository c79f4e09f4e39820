import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PDFWorker } from 'pdfjs-dist';

/**
 * pdf.js's worker, in a thread of its own. In Node pdf.js would otherwise run its worker code on
 * the calling thread (a "fake worker"), and that is not safe for files from anywhere:
 * - on some damaged files pdf.js leaves a rejected promise nobody awaits (a page-tree prefetch);
 *   on the main thread Node ends the process for it, here the thread lets it go;
 * - a parse that never returns cannot be interrupted on the main thread; a thread is terminated;
 * - the Electron main process keeps answering the window while a PDF is parsed.
 *
 * Each read takes a thread for itself (another read gets another thread) and gives it back when
 * done; a read that is aborted or whose thread misbehaves terminates the thread instead. Idle
 * threads do not keep the process alive.
 */

/** The thread's code: a MessagePort-like object over parentPort, as pdf.js's `port` option expects. */
const BOOTSTRAP = `
// Not a require call: electron-vite would then inject its CommonJS shim into the bundle, at a place it finds by
// a regular expression that a translated string ending in "import" can fool.
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
process.on('unhandledRejection', () => {});
const listeners = new Set();
let queue = [];
const port = {
  postMessage: (data, transfer) => parentPort.postMessage(data, transfer),
  addEventListener: (type, listener, options) => {
    if (type !== 'message') return;
    listeners.add(listener);
    options?.signal?.addEventListener('abort', () => listeners.delete(listener), { once: true });
  },
  removeEventListener: (type, listener) => listeners.delete(listener),
};
parentPort.on('message', (data) => {
  if (queue) queue.push(data);
  else for (const listener of [...listeners]) listener({ data });
});
import(workerData.url).then(({ WorkerMessageHandler }) => {
  WorkerMessageHandler.initializeFromPort(port);
  const waiting = queue;
  queue = null;
  for (const data of waiting) for (const listener of [...listeners]) listener({ data });
});
`;

/** A heap this size is far beyond what reading a PDF's metadata needs: past it the thread dies, not the app. */
const HEAP_MB = 1024;
/** Threads kept waiting for the next file, and for how long (pdf.js takes ~40 MB in each). */
const MAX_IDLE = 2;
const IDLE_MS = 30_000;
/** Reads running at once; more wait their turn (each thread holds its own copy of pdf.js, ~40 MB). */
const MAX_THREADS = Math.max(2, Math.min(4, availableParallelism()));

type PdfJs = typeof import('pdfjs-dist');

export interface PdfThread {
  readonly worker: Worker;
  readonly pdfWorker: PDFWorker;
  /** Calls `listener` if the thread dies (out of memory, a crash); returns the unsubscribe. */
  onDeath(listener: (error: Error) => void): () => void;
  /** Hands the thread back (`healthy`) or terminates it. */
  release(healthy: boolean): void;
}

let workerUrl: string | null = null;
const idle: PdfThread[] = [];
const idleTimers = new WeakMap<PdfThread, NodeJS.Timeout>();
let busy = 0;
const waiting: (() => void)[] = [];

function spawn(api: PdfJs): PdfThread {
  workerUrl ??= pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { url: workerUrl },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  const listeners = new Set<(event: { data: unknown }) => void>();
  worker.on('message', (data: unknown) => {
    for (const listener of [...listeners]) listener({ data });
  });
  const port = {
    postMessage: (data: unknown, transfer?: ArrayBuffer[]) => worker.postMessage(data, transfer),
    addEventListener: (
      type: string,
      listener: (event: { data: unknown }) => void,
      options?: { signal?: AbortSignal },
    ) => {
      if (type !== 'message') return;
      listeners.add(listener);
      options?.signal?.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
    removeEventListener: (_type: string, listener: (event: { data: unknown }) => void) => listeners.delete(listener),
  };
  let dead = false;
  const deathListeners = new Set<(error: Error) => void>();
  const end = (error: unknown): void => {
    if (dead) return;
    dead = true;
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
    const reason = error instanceof Error ? error : new Error('The PDF thread stopped.');
    for (const listener of [...deathListeners]) listener(reason);
  };
  worker.on('error', end);
  worker.on('exit', end);
  const pdfWorker = new api.PDFWorker({ port: port as never, verbosity: api.VerbosityLevel.ERRORS });
  const thread: PdfThread = {
    worker,
    pdfWorker,
    onDeath(listener) {
      if (dead) {
        listener(new Error('The PDF thread stopped.'));
        return () => undefined;
      }
      deathListeners.add(listener);
      return () => deathListeners.delete(listener);
    },
    release(healthy) {
      busy--;
      waiting.shift()?.();
      if (healthy && !dead && idle.length < MAX_IDLE) {
        worker.unref();
        idle.push(thread);
        // An import's last file leaves its threads behind for a while, then their memory goes.
        idleTimers.set(
          thread,
          setTimeout(() => {
            if (idle.includes(thread)) {
              end(new Error('The PDF thread was idle.'));
              pdfWorker.destroy();
              void worker.terminate();
            }
          }, IDLE_MS).unref(),
        );
        return;
      }
      end(new Error('The PDF thread was ended.'));
      pdfWorker.destroy();
      void worker.terminate();
    },
  };
  return thread;
}

/** A thread for one read (an idle one, or a new one), once fewer than MAX_THREADS are in use. */
export async function takeThread(api: PdfJs, signal: AbortSignal): Promise<PdfThread> {
  while (busy >= MAX_THREADS) {
    signal.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const wake = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const at = waiting.indexOf(wake);
        if (at >= 0) waiting.splice(at, 1);
        reject(signal.reason);
      };
      waiting.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
  busy++;
  const reused = idle.pop();
  if (reused) clearTimeout(idleTimers.get(reused));
  const thread = reused ?? spawn(api);
  // While a read uses it, the thread keeps the process alive (the read awaits its answers).
  thread.worker.ref();
  return thread;
}
