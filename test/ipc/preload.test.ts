import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../src-main/preload/bridge';
import * as preloadNames from '../../src-main/preload/channels';
import { api, CHANNEL_PREFIX, EVENT_PREFIX, events } from '../../src-main/shared/api';
import { buildPreloadBundle } from './preloadBuild';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn((channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return ipc;
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
      return ipc;
    }),
    send: vi.fn(),
  };
  const fire = (channel: string, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? [])
      listener({ sender: 'the ipcRenderer itself', ports: [] }, payload);
  };
  return { ipc: ipc as typeof ipc & IpcRendererLike, fire, listeners };
}

describe('preload allowlist', () => {
  it('lists exactly the channels and events of the contract', () => {
    expect([...preloadNames.CHANNEL_NAMES]).toEqual(Object.keys(api));
    expect([...preloadNames.EVENT_NAME_LIST]).toEqual(Object.keys(events));
    expect(preloadNames.CHANNEL_PREFIX).toBe(CHANNEL_PREFIX);
    expect(preloadNames.EVENT_PREFIX).toBe(EVENT_PREFIX);
  });
});

describe('createBridge', () => {
  it('exposes only invoke, on and cancel, frozen', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['cancel', 'invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards allowlisted channels with the prefix and the input unchanged', async () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const input = { search: 'ada' };
    expect(await bridge.invoke('customers.list', input)).toEqual({
      ok: true,
      value: { channel: 'rapport:customers.list', input },
    });
    expect(ipc.invoke).toHaveBeenCalledWith('rapport:customers.list', input);
  });

  it.each([
    'app.quit',
    'rapport:app.info',
    'rapport-event:data.changed',
    'App.Info',
    'app.info ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '',
    42,
    null,
    undefined,
    {},
    ['app.info'],
    { toString: () => 'app.info' },
  ])('answers %j with a forbidden envelope without touching IPC', async (channel) => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke(channel as never, {} as never)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Unknown channel.' },
    });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('sends a request id only when the page gives a valid one, and cancels only by such an id', async () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    await bridge.invoke('customers.list', {}, 7);
    expect(ipc.invoke).toHaveBeenLastCalledWith('rapport:customers.list', {}, 7);
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53, '7', null, { id: 7 }]) {
      await bridge.invoke('customers.list', {}, bad as never);
      expect(ipc.invoke).toHaveBeenLastCalledWith('rapport:customers.list', {});
      bridge.cancel(bad as never);
    }
    expect(ipc.send).not.toHaveBeenCalled();
    bridge.cancel(7);
    expect(ipc.send.mock.calls).toEqual([[preloadNames.CANCEL_CHANNEL, 7]]);
  });

  it('returns an envelope, not a rejection, when main has no handler', async () => {
    const { ipc } = fakeIpcRenderer();
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'rapport:app.info'"));
    expect(await createBridge(ipc).invoke('app.info', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The Rapport backend is not available.' },
    });
  });

  it('delivers event payloads only, never the IPC event object, and unsubscribes', () => {
    const { ipc, fire, listeners } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    const off = bridge.on('data.changed', (...args: unknown[]) => received.push(args));
    expect(ipc.on).toHaveBeenCalledWith('rapport-event:data.changed', expect.any(Function));
    fire('rapport-event:data.changed', { entities: ['sales'] });
    expect(received).toEqual([[{ entities: ['sales'] }]]);
    off();
    off(); // idempotent
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(listeners.get('rapport-event:data.changed')?.size).toBe(0);
    fire('rapport-event:data.changed', { entities: ['sales'] });
    expect(received).toHaveLength(1);
  });

  it.each(['app.quit', 'rapport-event:data.changed', '__proto__', '', 7, null])(
    'refuses to subscribe to %j',
    (event) => {
      const { ipc } = fakeIpcRenderer();
      expect(() => createBridge(ipc).on(event as never, () => {})).toThrow(/Unknown event/);
      expect(ipc.on).not.toHaveBeenCalled();
    },
  );

  it('refuses a listener that is not a function', () => {
    const { ipc } = fakeIpcRenderer();
    expect(() => createBridge(ipc).on('data.changed', 'alert(1)' as never)).toThrow(/function/);
    expect(ipc.on).not.toHaveBeenCalled();
  });
});

describe('the built preload bundle', () => {
  let bundle: Awaited<ReturnType<typeof buildPreloadBundle>>;
  beforeAll(async () => {
    bundle = await buildPreloadBundle();
  });
  afterAll(() => bundle?.cleanup());

  it('is one small CommonJS file that requires only electron and carries no zod', () => {
    const required = [...bundle.source.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(bundle.source).not.toMatch(/\bimport\s|import\(/);
    expect(bundle.source).not.toMatch(/zod|ZodError|safeParse/);
    expect(Buffer.byteLength(bundle.source)).toBeLessThan(8 * 1024);
  });

  /** Runs the bundle as the sandbox does: `require('electron')` only, on a window with event listeners. */
  function runBundle() {
    const { ipc } = fakeIpcRenderer();
    const sent: unknown[][] = [];
    const exposed: Record<string, unknown> = {};
    const windowListeners: { type: string; listener: (event: unknown) => void; options: unknown }[] = [];
    const electron = {
      ipcRenderer: { ...ipc, send: (...args: unknown[]) => sent.push(args) },
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      webUtils: { getPathForFile: (file: { path: string }) => file.path },
    };
    const module = { exports: {} };
    runInNewContext(bundle.source, {
      require: (id: string) => {
        if (id !== 'electron') throw new Error(`unexpected require(${id})`);
        return electron;
      },
      module,
      exports: module.exports,
      addEventListener: (type: string, listener: (event: unknown) => void, options: unknown) =>
        windowListeners.push({ type, listener, options }),
    });
    return { exposed, sent, windowListeners };
  }

  it('exposes only window.rapport, with only invoke, on and cancel', () => {
    const { exposed } = runBundle();
    expect(Object.keys(exposed)).toEqual(['rapport']);
    const bridge = exposed.rapport as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['cancel', 'invoke', 'on']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it("sends a trusted drop's paths to main on the private channel, and nothing for a script's drop", () => {
    const { sent, windowListeners } = runBundle();
    expect(windowListeners.map(({ type, options }) => ({ type, options }))).toEqual([
      { type: 'drop', options: { capture: true } },
    ]);
    const drop = windowListeners[0]!.listener;
    drop({ isTrusted: false, dataTransfer: { files: [{ path: '/etc/shadow' }] } });
    expect(sent).toEqual([]);
    drop({ isTrusted: true, dataTransfer: { files: [{ path: '/home/ada/Talks' }, { path: '' }] } });
    expect(sent).toEqual([[preloadNames.DROP_CHANNEL, ['/home/ada/Talks']]]);
  });
});
