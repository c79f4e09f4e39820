import { describe, expect, it, vi } from 'vitest';
import { registerApi, requestKey, type InvokeEvent, type Serve } from '../../src-main/ipc/register';
import { CANCEL_CHANNEL } from '../../src-main/preload/channels';
import { CHANNEL_PREFIX, type Envelope } from '../../src-main/shared/api';
import { appFrame, CapturingIpcMain, subFrame } from './fakes';

/**
 * A page cancels its own call (issue 14): the call carries a request id, the cancel message
 * names it, and main aborts the signal it served that call with. Everything else a cancel
 * message could be is refused.
 */

const ORIGIN = 'rapport://app';
const windowOf = (id: number, frame: InvokeEvent = appFrame()): InvokeEvent => ({ ...frame, sender: { id } });

describe('requestKey', () => {
  it('names a call by its sender and id', () => {
    expect(requestKey(windowOf(3), 12)).toBe('3:12');
    expect(requestKey(windowOf(4), 12)).toBe('4:12');
    expect(requestKey(windowOf(3), Number.MAX_SAFE_INTEGER)).toBe(`3:${Number.MAX_SAFE_INTEGER}`);
  });

  it.each<unknown>([
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 53,
    '12',
    '',
    null,
    undefined,
    true,
    { id: 12 },
    [12],
    { valueOf: () => 12 },
    12n,
  ])('refuses %s', (raw) => {
    expect(requestKey(windowOf(3), raw)).toBeNull();
  });
});

/** registerApi over a serve that holds every call until the test lets it go, recording its signal. */
function served() {
  const ipc = new CapturingIpcMain();
  const log = vi.fn<(message: string, error?: unknown) => void>();
  const signals: (AbortSignal | undefined)[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const serve: Serve = async (_channel, _input, signal) => {
    signals.push(signal);
    await released;
    return { ok: true, value: null };
  };
  const unregister = registerApi(ipc, serve, { allowedOrigin: ORIGIN, log });
  const invoke = (event: InvokeEvent, ...args: unknown[]) =>
    ipc.invoke(`${CHANNEL_PREFIX}customers.list`, event, {}, ...args) as Promise<Envelope<unknown>>;
  return { ipc, log, signals, release, invoke, unregister };
}

describe('cancelling a call', () => {
  it('a cancel from the page that made the call aborts its signal; the call still answers', async () => {
    const s = served();
    const reply = s.invoke(windowOf(1), 5);
    expect(s.signals[0]?.aborted).toBe(false);
    s.ipc.send(CANCEL_CHANNEL, windowOf(1), 5);
    expect(s.signals[0]?.aborted).toBe(true);
    s.release();
    expect(await reply).toEqual({ ok: true, value: null });
    expect(s.log).not.toHaveBeenCalled();
  });

  it('another window, a subframe or a foreign page cannot cancel it; a bad message is refused and logged', async () => {
    const s = served();
    const reply = s.invoke(windowOf(1), 5);
    s.ipc.send(CANCEL_CHANNEL, windowOf(2), 5);
    s.ipc.send(CANCEL_CHANNEL, windowOf(1, subFrame()), 5);
    s.ipc.send(CANCEL_CHANNEL, windowOf(1, appFrame('https://evil.example/')), 5);
    s.ipc.send(CANCEL_CHANNEL, windowOf(1), '5');
    s.ipc.send(CANCEL_CHANNEL, windowOf(1), { id: 5 });
    s.ipc.send(CANCEL_CHANNEL, windowOf(1));
    s.ipc.send(CANCEL_CHANNEL, windowOf(1), 6);
    expect(s.signals[0]?.aborted).toBe(false);
    expect(s.log.mock.calls.map(([message]) => message)).toEqual([
      'cancel: refused a message from untrusted sender rapport://app/',
      'cancel: refused a message from untrusted sender https://evil.example/',
      'cancel: refused a message that names no request',
      'cancel: refused a message that names no request',
      'cancel: refused a message that names no request',
    ]);
    s.release();
    expect(await reply).toEqual({ ok: true, value: null });
  });

  it('a call without a (valid) request id is served as before, without a signal; ids are forgotten once answered', async () => {
    const s = served();
    s.release();
    await s.invoke(windowOf(1));
    await s.invoke(windowOf(1), -4);
    expect(s.signals).toEqual([undefined, undefined]);
    // A second call under way with the same id is not cancellable: the first keeps its own.
    const first = s.invoke(windowOf(1), 9);
    const second = s.invoke(windowOf(1), 9);
    expect(s.signals.slice(2).map((signal) => signal === undefined)).toEqual([false, true]);
    await Promise.all([first, second]);
    // Answered: a late cancel for it finds nothing, and the id can be given again.
    s.ipc.send(CANCEL_CHANNEL, windowOf(1), 9);
    expect(s.signals[2]?.aborted).toBe(false);
    await s.invoke(windowOf(1), 9);
    expect(s.signals[4]).toBeInstanceOf(AbortSignal);
  });

  it('stops listening for cancels once unregistered', () => {
    const s = served();
    void s.invoke(windowOf(1), 5);
    s.unregister();
    s.ipc.send(CANCEL_CHANNEL, windowOf(1), 5);
    expect(s.signals[0]?.aborted).toBe(false);
    s.release();
  });
});
