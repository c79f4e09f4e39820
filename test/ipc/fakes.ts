import type { EventTarget, InvokeEvent, InvokeListener, IpcMainLike } from '../../src-main/ipc/register';

/** ipcMain as Electron would drive it: captures handlers, invokes them with an event. */
export class CapturingIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  async invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}

/** The event of a call from the app's own top-level page. */
export const appFrame = (url = 'rapport://app/'): InvokeEvent => ({ senderFrame: { url, parent: null } });
export const subFrame = (url = 'rapport://app/'): InvokeEvent => ({ senderFrame: { url, parent: {} } });

export class RecordingTarget implements EventTarget {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}
