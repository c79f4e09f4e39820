import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type Logger = (message: string, error?: unknown) => void;

const MAX_LOG_BYTES = 1024 * 1024;

/**
 * A minimal file logger for the main process. A packaged app has no visible console, so
 * without a file the "details were written to the log" promise of an internal error would
 * be empty. One previous file is kept (`.1`) so the log cannot grow without bound.
 * Logging never throws: a full disk must not turn a handled error into a crash.
 */
export function createFileLogger(file: string, mirror: (line: string) => void = (line) => console.error(line)): Logger {
  return (message, error) => {
    const detail = error === undefined ? '' : ` ${formatError(error)}`;
    const line = `${new Date().toISOString()} ${message}${detail}`;
    mirror(line);
    try {
      mkdirSync(dirname(file), { recursive: true });
      if (sizeOf(file) > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
      appendFileSync(file, `${line}\n`);
    } catch {
      // Nowhere left to report it; the console mirror above already has the line.
    }
  };
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function formatError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
