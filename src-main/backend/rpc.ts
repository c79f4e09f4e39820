import { DatabaseError } from '../db/connection';
import { AppError, cancelled } from '../kernel/errors';

/**
 * Calls between the window's thread and the database thread, both ways: each side serves a
 * table of functions of one argument and calls the other side's by name. Messages are
 * structured clones; an error crosses as its name, message, code and catalogue values, and
 * comes back as the same kind of error (AppError, DatabaseError, or an Error with its code),
 * so the other side words it exactly as it would have in one thread. A call can be aborted:
 * the other side's function sees its signal aborted, and one aborted before it started is not
 * run at all and fails with the code 'cancelled'.
 *
 * A database thread runs each statement synchronously, so the calls (and aborts) that arrive
 * meanwhile wait in the port, and are all delivered in one go once it is free. So that an abort
 * stops a call still waiting behind a long one, the thread's side (ConnectOptions.oneATurn)
 * starts a call one turn of the event loop after it arrived (setImmediate), and only one call
 * per turn: every message delivered before that turn, an abort included, has been heard when
 * it starts.
 */

/** The slice of a worker's MessagePort (or of the Worker itself) this uses. */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each table names its own argument types
export type Served = Record<string, (arg: any, signal: AbortSignal) => unknown>;

export interface SentError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
  issues?: AppError['issues'];
  values?: AppError['values'];
}

type Message =
  | { rpc: 'call'; id: number; fn: string; arg: unknown }
  | { rpc: 'result'; id: number; value: unknown }
  | { rpc: 'error'; id: number; error: SentError }
  | { rpc: 'abort'; id: number };

export interface Peer<Theirs extends Served> {
  call<K extends keyof Theirs & string>(
    fn: K,
    arg: Parameters<Theirs[K]>[0],
    signal?: AbortSignal,
  ): Promise<Awaited<ReturnType<Theirs[K]>>>;
  /** Fails every call still waiting for an answer (the other side is gone) and stops listening. */
  fail(error: Error): void;
}

export function sendableError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, issues, values } = error as Error & Partial<Omit<SentError, 'name' | 'message'>>;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack !== undefined && { stack: error.stack }),
    ...(code !== undefined && { code }),
    ...(issues !== undefined && { issues }),
    ...(values !== undefined && { values }),
  };
}

export function receivedError(sent: SentError): Error {
  let error: Error;
  if (sent.name === 'AppError')
    error = new AppError(sent.code as AppError['code'], sent.message, sent.issues, sent.values);
  else if (sent.name === 'DatabaseError') error = new DatabaseError(sent.message, sent.code as DatabaseError['code']);
  else {
    error = new Error(sent.message);
    error.name = sent.name;
    if (sent.code !== undefined) Object.assign(error, { code: sent.code });
  }
  if (sent.stack !== undefined) error.stack = sent.stack;
  return error;
}

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as { rpc?: unknown }).rpc === 'string';

/** Serves `mine` on `port` and returns a caller of the other side's table. */
export interface ConnectOptions {
  /**
   * Starts the calls this side serves one turn of the event loop apart (the database thread,
   * which its statements block), so that an abort sent meanwhile is heard before the call it
   * stops. Without it a call starts as it arrives: the host serves the thread's callbacks (a
   * change event) before the reply the thread sends after them.
   */
  oneATurn?: boolean;
}

export function connect<Theirs extends Served>(
  port: PortLike,
  mine: Served,
  { oneATurn = false }: ConnectOptions = {},
): Peer<Theirs> {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const running = new Map<number, AbortController>();
  let failed: Error | null = null;
  const starts: (() => void)[] = [];

  /** Starts the first call waiting, and schedules the next one for the following turn. */
  const startNext = (): void => {
    starts.shift()?.();
    if (starts.length > 0) setImmediate(startNext);
  };

  const serve = async (id: number, fn: string, arg: unknown): Promise<void> => {
    const controller = new AbortController();
    running.set(id, controller);
    try {
      if (oneATurn)
        await new Promise<void>((start) => {
          if (starts.push(start) === 1) setImmediate(startNext);
        });
      if (controller.signal.aborted) throw cancelled();
      const served = Object.hasOwn(mine, fn) ? mine[fn] : undefined;
      if (!served) throw new Error(`No function ${fn} on this side.`);
      const value = await served(arg, controller.signal);
      port.postMessage({ rpc: 'result', id, value } satisfies Message);
    } catch (error) {
      port.postMessage({ rpc: 'error', id, error: sendableError(error) } satisfies Message);
    } finally {
      running.delete(id);
    }
  };

  const listener = (message: unknown): void => {
    if (!isMessage(message)) return;
    switch (message.rpc) {
      case 'call':
        void serve(message.id, message.fn, message.arg);
        return;
      case 'abort':
        running.get(message.id)?.abort();
        return;
      case 'result':
      case 'error': {
        const pending = waiting.get(message.id);
        if (!pending) return;
        waiting.delete(message.id);
        if (message.rpc === 'result') pending.resolve(message.value);
        else pending.reject(receivedError(message.error));
      }
    }
  };
  port.on('message', listener);

  return {
    call: (fn, arg, signal) => {
      if (failed) return Promise.reject(failed);
      if (signal?.aborted) return Promise.reject(cancelled());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        port.postMessage({ rpc: 'call', id, fn, arg } satisfies Message);
        signal?.addEventListener('abort', () => port.postMessage({ rpc: 'abort', id } satisfies Message), {
          once: true,
        });
      });
    },
    fail: (error) => {
      failed = error;
      port.off('message', listener);
      for (const controller of running.values()) controller.abort();
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    },
  };
}
