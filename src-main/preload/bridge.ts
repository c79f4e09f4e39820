import type { Bridge, Envelope } from '../shared/api';
import { CANCEL_CHANNEL, CHANNEL_NAMES, CHANNEL_PREFIX, EVENT_NAME_LIST, EVENT_PREFIX } from './channels';

/** The part of Electron's ipcRenderer the bridge needs (structural, so tests can fake it). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

const CHANNELS: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const EVENTS: ReadonlySet<string> = new Set(EVENT_NAME_LIST);

function rejected(message: string): Envelope<never> {
  return { ok: false, error: { code: 'forbidden', message } };
}

/** A request id as the page may give one: a positive integer (main checks it again). */
const isRequestId = (id: unknown): id is number => Number.isSafeInteger(id) && (id as number) > 0;

/**
 * What the page sees as `window.rapport`. Only three functions: the page never gets
 * ipcRenderer itself (it could then send on any channel) nor the raw IPC event (whose
 * `sender` is the ipcRenderer again). Calls outside the allowlist are answered here and
 * never reach the IPC layer.
 */
export function createBridge(ipc: IpcRendererLike): Bridge {
  const invoke = async (channel: unknown, input: unknown, requestId?: unknown): Promise<Envelope<unknown>> => {
    if (typeof channel !== 'string' || !CHANNELS.has(channel)) return rejected('Unknown channel.');
    try {
      // Only a call given a request id sends one: every other call is sent exactly as before.
      const args = isRequestId(requestId) ? [input, requestId] : [input];
      return (await ipc.invoke(CHANNEL_PREFIX + channel, ...args)) as Envelope<unknown>;
    } catch {
      // Only reached if main has no handler (startup/shutdown races): the contract says
      // errors are values, so the page still gets an envelope rather than a rejection.
      return { ok: false, error: { code: 'internal', message: 'The Rapport backend is not available.' } };
    }
  };

  const on = (event: unknown, listener: unknown): (() => void) => {
    if (typeof event !== 'string' || !EVENTS.has(event)) throw new TypeError('Unknown event.');
    if (typeof listener !== 'function') throw new TypeError('Listener must be a function.');
    const channel = EVENT_PREFIX + event;
    const forward = (_event: unknown, payload: unknown): void => {
      (listener as (payload: unknown) => void)(payload);
    };
    ipc.on(channel, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, forward);
    };
  };

  /** Cancels the page's call given `requestId` (main stops it if it is a read not yet started). */
  const cancel = (requestId: unknown): void => {
    if (isRequestId(requestId)) ipc.send(CANCEL_CHANNEL, requestId);
  };

  return Object.freeze({ invoke, on, cancel }) as Bridge;
}
