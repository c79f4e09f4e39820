import type { EventTarget, InvokeEvent, InvokeListener } from '../../src-main/ipc/register';
import { FakeIpcMain } from '../../src-main/preview/fakeElectron';

/** ipcMain as Electron would drive it (the preview's stand-in), its handlers in view. */
export class CapturingIpcMain extends FakeIpcMain {
  get handlers(): ReadonlyMap<string, InvokeListener> {
    return this.listeners;
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
