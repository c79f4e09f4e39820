import { z } from 'zod';
import {
  api,
  CHANNEL_PREFIX,
  CHANNELS,
  EVENT_PREFIX,
  events,
  isEventName,
  type ApiError,
  type Channel,
  type Envelope,
  type EventName,
  type EventPayload,
  type FieldIssue,
} from '../shared/api';
import { DatabaseError } from '../db/connection';
import { AppError, environmentError } from '../kernel/errors';
import { originOf } from '../platform/security';
import type { Handlers } from '../kernel/handlers';
import { CANCEL_CHANNEL } from '../preload/channels';

/**
 * The structural slice of Electron's ipcMain / IpcMainInvokeEvent / WebContents this module
 * uses. Depending on the shape rather than on 'electron' lets the same code run under plain
 * Node: in tests with a fake ipcMain, and in the browser preview behind an HTTP bridge.
 */
export interface SenderFrame {
  readonly url: string;
  /** null for a top-level frame (WebFrameMain.parent). */
  readonly parent: unknown;
}
export interface InvokeEvent {
  /** Electron gives null when the frame has navigated away or been destroyed. */
  readonly senderFrame: SenderFrame | null;
  /** The page's webContents (its id tells one window's calls from another's); absent in some tests. */
  readonly sender?: { readonly id: number };
}
export type InvokeListener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown;
export type MessageListener = (event: InvokeEvent, ...args: unknown[]) => void;
export interface IpcMainLike {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
  /** One-way messages (ipcRenderer.send): a drop, a cancel. */
  on(channel: string, listener: MessageListener): unknown;
  removeListener(channel: string, listener: MessageListener): unknown;
}
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export type Logger = (message: string, error?: unknown) => void;

export interface RegisterOptions {
  /** The only origin whose main frame may call: `rapport://app`, or the preview's origin. */
  allowedOrigin: string;
  log?: Logger;
}

export interface SenderInfo {
  frameUrl: string | null | undefined;
  isMainFrame: boolean;
}

/**
 * Whether an IPC call may be served. Only the top frame of our own origin: a subframe
 * (should one ever be injected) or a page we navigated to by mistake does not get to read
 * or write the user's customers. Compares the parsed origin exactly, so neither
 * `rapport://app.evil`, `rapport://app@evil` nor `http://app` pass.
 */
export function isTrustedSender(sender: SenderInfo, allowedOrigin: string): boolean {
  if (sender.isMainFrame !== true) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== null && origin === allowedOrigin;
}

export function senderInfo(event: InvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame !== undefined && frame.parent === null };
}

export const GENERIC_INTERNAL_MESSAGE = 'Something went wrong. The details were written to the log.';

export function failure(
  code: ApiError['code'],
  message: string,
  issues?: FieldIssue[],
  values?: ApiError['values'],
): Envelope<never> {
  return { ok: false, error: { code, message, ...(issues && { issues }), ...(values && { values }) } };
}

export function toIssues(error: z.ZodError): FieldIssue[] {
  // Messages are kept as they are: the schemas use message keys ('errors.required') that
  // the renderer translates; the path tells the form which field to mark.
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Maps anything a handler throws to an envelope; unexpected errors never leak details. */
export function errorEnvelope(channel: string, error: unknown, log: Logger): Envelope<never> {
  if (error instanceof AppError) return failure(error.code, error.message, error.issues, error.values);
  const environment = environmentError(error);
  if (environment) {
    log(`${channel}: ${environment.message}`, error);
    return failure(environment.code, environment.message);
  }
  if (error instanceof DatabaseError) {
    log(`${channel}: database error (${error.code})`, error);
    return failure('internal', error.message);
  }
  log(`${channel}: unexpected error`, error);
  return failure('internal', GENERIC_INTERNAL_MESSAGE);
}

/**
 * Runs one call: input `unknown` → schema → handler → output schema → envelope. Exported so
 * tests (and the preview) exercise exactly the path ipcMain does. `signal` (a read the caller
 * may cancel) is handed to the handler.
 */
export async function dispatch(
  handlers: Handlers,
  channel: Channel,
  input: unknown,
  log: Logger,
  signal?: AbortSignal,
): Promise<Envelope<unknown>> {
  const spec = api[channel];
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    return failure('invalid_input', `Invalid input for ${channel}.`, toIssues(parsed.error));
  }
  let result: unknown;
  try {
    const handler = handlers[channel] as (input: unknown, signal?: AbortSignal) => Promise<unknown>;
    result = await handler(parsed.data, signal);
  } catch (error) {
    return errorEnvelope(channel, error, log);
  }
  // The reply is parsed too: unknown keys are stripped (a repository returning a row with
  // extra columns cannot leak them) and a shape bug surfaces here, not in the UI.
  const output = spec.output.safeParse(result);
  if (!output.success) {
    log(`${channel}: handler returned a value that does not match the contract`, output.error);
    return failure('internal', GENERIC_INTERNAL_MESSAGE);
  }
  return { ok: true, value: output.data };
}

/**
 * Answers one contract call with an envelope, never throwing: `dispatch` over some handlers.
 * `signal` is aborted when the page cancels the call (the backend stops a read not yet started).
 */
export type Serve = (channel: Channel, input: unknown, signal?: AbortSignal) => Promise<Envelope<unknown>>;

/**
 * Calls answered by `handlers` in this thread (tests). The app and the preview answer them in
 * the database thread instead (backend/host.ts), with the same dispatch.
 */
export function serving(handlers: Handlers, log: Logger = defaultLog): Serve {
  for (const channel of CHANNELS) {
    // A plain-JS caller could pass an incomplete map; fail at startup, not on first click.
    if (typeof handlers[channel] !== 'function') throw new TypeError(`No handler for channel ${channel}.`);
  }
  return (channel, input) => dispatch(handlers, channel, input, log);
}

/** The id a page gives a call it may cancel (Bridge.invoke's requestId), as its cancel message sends it. */
const RequestId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Which call of which page `raw` names, as a call's request id or a cancel message: the
 * sender's webContents and the id, so a page can only ever name (and cancel) its own calls.
 * null for anything but a positive integer: such a call is served without being cancellable,
 * such a cancel message is refused.
 */
export function requestKey(event: InvokeEvent, raw: unknown): string | null {
  const id = RequestId.safeParse(raw);
  return id.success ? `${event.sender?.id ?? 'page'}:${id.data}` : null;
}

/**
 * Registers `rapport:<channel>` for every channel of the contract and nothing else, each
 * answered by `serve` once the caller is trusted, and listens for the page's cancel messages
 * (the preload's, on CANCEL_CHANNEL): a call made with a request id is cancelled by a message
 * with that id from the same page. Returns a function that removes them again.
 */
export function registerApi(ipcMain: IpcMainLike, serve: Serve, options: RegisterOptions): () => void {
  const log = options.log ?? defaultLog;
  const underWay = new Map<string, AbortController>();
  for (const channel of CHANNELS) {
    ipcMain.handle(CHANNEL_PREFIX + channel, async (event, input, requestId) => {
      const sender = senderInfo(event);
      if (!isTrustedSender(sender, options.allowedOrigin)) {
        log(
          `${channel}: refused call from untrusted sender ${String(sender.frameUrl)} (main frame: ${sender.isMainFrame})`,
        );
        return failure('forbidden', 'This caller may not use the Rapport API.');
      }
      const key = requestId === undefined ? null : requestKey(event, requestId);
      if (key === null || underWay.has(key)) return serve(channel, input);
      const controller = new AbortController();
      underWay.set(key, controller);
      try {
        return await serve(channel, input, controller.signal);
      } finally {
        underWay.delete(key);
      }
    });
  }
  const cancel: MessageListener = (event, raw) => {
    const sender = senderInfo(event);
    if (!isTrustedSender(sender, options.allowedOrigin)) {
      log(`cancel: refused a message from untrusted sender ${String(sender.frameUrl)}`);
      return;
    }
    const key = requestKey(event, raw);
    if (key === null) log('cancel: refused a message that names no request');
    else underWay.get(key)?.abort();
  };
  ipcMain.on(CANCEL_CHANNEL, cancel);
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(CHANNEL_PREFIX + channel);
    ipcMain.removeListener(CANCEL_CHANNEL, cancel);
  };
}

/**
 * Pushes an event to a renderer. The payload is validated against the contract first: a
 * malformed event is a main-process bug and throws here rather than confusing the UI.
 * Returns false when the target is gone (window closed), which is not an error.
 */
export function emit<E extends EventName>(target: EventTarget, event: E, payload: EventPayload<E>): boolean {
  if (!isEventName(event)) throw new TypeError(`Unknown event ${String(event)}.`);
  const parsed = (events[event] as z.ZodType).parse(payload);
  if (target.isDestroyed()) return false;
  target.send(EVENT_PREFIX + event, parsed);
  return true;
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`[rapport:ipc] ${message}`, ...(error === undefined ? [] : [error]));
}
