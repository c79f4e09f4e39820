import { parentPort, workerData } from 'node:worker_threads';
import { runBackend } from './thread';
import type { BackendConfig } from './protocol';

// The database thread's entry: built as out/main/backend.js beside the app's main bundle, and
// run from the sources by sourceThread.mjs (the preview and the tests).
if (!parentPort) throw new Error('backend/entry.ts runs as a worker thread only.');
void runBackend(parentPort, workerData as BackendConfig);
