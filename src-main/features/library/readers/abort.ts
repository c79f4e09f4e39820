import { ReadFailure, type ReadContext } from './types';

/**
 * What a reader throws when its signal aborts: the caller's own ReadFailure when it aborted with
 * one (a cancel, say), else the time limit's message.
 */
export function abortFailure(ctx: ReadContext): ReadFailure {
  const reason: unknown = ctx.signal.reason;
  if (reason instanceof ReadFailure) return reason;
  return new ReadFailure('library.failures.timeout', { seconds: Math.max(1, Math.round(ctx.limits.timeoutMs / 1000)) });
}

export function throwIfAborted(ctx: ReadContext): void {
  if (ctx.signal.aborted) throw abortFailure(ctx);
}

/**
 * `work` or the abort, whichever comes first. The work itself is not stopped here: the caller
 * releases what it holds (a stream, a document, a file handle) in its own `finally`.
 */
export function raceAbort<T>(work: Promise<T>, ctx: ReadContext): Promise<T> {
  if (ctx.signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(abortFailure(ctx));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortFailure(ctx));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        ctx.signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        ctx.signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A file the system would not open or read: gone, or refused (permissions, a folder, an I/O error). */
export function cannotOpen(error: unknown): ReadFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return new ReadFailure(code === 'ENOENT' ? 'library.failures.notFound' : 'library.failures.unreadable');
}
