import type { ServerResponse } from 'node:http';
import type { EventTarget, InvokeEvent, InvokeListener, IpcMainLike, MessageListener } from '../ipc/register';

/**
 * Server-side stand-ins for the two Electron objects the backend talks to. Only these are
 * faked: registerApi, the handlers, the services and the database are the real ones.
 */

/** ipcMain: a channel → listener map, invoked (and sent to) by the HTTP bridge instead of by Chromium. */
export class FakeIpcMain implements IpcMainLike {
  protected readonly listeners = new Map<string, InvokeListener>();
  private readonly messageListeners = new Map<string, MessageListener[]>();

  handle(channel: string, listener: InvokeListener): void {
    // Electron throws on a second registration; so do we, so tests catch double wiring.
    if (this.listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }

  has(channel: string): boolean {
    return this.listeners.has(channel);
  }

  /** What Chromium does on `ipcRenderer.invoke`: call the listener with an event. */
  async invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }

  on(channel: string, listener: MessageListener): this {
    this.messageListeners.set(channel, [...(this.messageListeners.get(channel) ?? []), listener]);
    return this;
  }

  removeListener(channel: string, listener: MessageListener): this {
    this.messageListeners.set(
      channel,
      (this.messageListeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  /** What Chromium does on `ipcRenderer.send`: each listener of the channel hears the message. */
  send(channel: string, event: InvokeEvent, ...args: unknown[]): void {
    for (const listener of this.messageListeners.get(channel) ?? []) listener(event, ...args);
  }
}

/** Event streams one preview (one secret) serves at once. */
export const MAX_EVENT_STREAMS = 16;

/**
 * webContents: `send` fans an event out to every open Server-Sent-Events stream. Each
 * browser tab holds one stream (see browser-shim.ts).
 */
export class SseWebContents implements EventTarget {
  private readonly streams = new Set<ServerResponse>();
  private destroyed = false;

  /**
   * A page holds one stream and a person a few tabs; far more means something is opening them
   * in a loop, and a thousand streams stalled every request (each event written a thousand
   * times). Beyond `maxStreams` a new one is refused.
   */
  constructor(private readonly maxStreams = MAX_EVENT_STREAMS) {}

  get full(): boolean {
    return this.streams.size >= this.maxStreams;
  }

  /** Adds a stream; false (and nothing added) when `full`. */
  attach(response: ServerResponse): boolean {
    if (this.full) return false;
    this.streams.add(response);
    response.on('close', () => this.streams.delete(response));
    return true;
  }

  send(channel: string, ...args: unknown[]): void {
    const data = JSON.stringify({ channel, payload: args[0] ?? null });
    for (const stream of this.streams) stream.write(`data: ${data}\n\n`);
  }

  /** Keeps idle streams from being dropped by the browser or a proxy. */
  ping(): void {
    for (const stream of this.streams) stream.write(': ping\n\n');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}
