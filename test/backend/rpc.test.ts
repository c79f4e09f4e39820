import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Served } from '../../src-main/backend/rpc';
import { DatabaseError } from '../../src-main/db/connection';
import { AppError, environmentError } from '../../src-main/kernel/errors';

/** Two sides of a real MessageChannel (what a worker's port is), each serving a table; B as the database thread does. */
const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function pair<A extends Served, B extends Served>(a: A, b: B) {
  const channel = new MessageChannel();
  channels.push(channel);
  return { toB: connect<B>(channel.port1, a), toA: connect<A>(channel.port2, b, { oneATurn: true }) };
}

describe('calls between the two threads', () => {
  it('answers both ways with structured clones', async () => {
    const { toB, toA } = pair(
      { twice: (n: number) => n * 2 },
      { bytes: async (text: string) => new TextEncoder().encode(text), when: (at: string) => new Date(at) },
    );
    expect(await toA.call('twice', 21)).toBe(42);
    expect(await toB.call('bytes', 'ok')).toEqual(new Uint8Array([111, 107]));
    expect(await toB.call('when', '2026-12-04T10:00:00.000Z')).toEqual(new Date('2026-12-04T10:00:00.000Z'));
  });

  it('an error crosses as the same kind, so it is worded as it would be in one thread', async () => {
    const full = Object.assign(new Error('write /tmp/x: no space left on device'), { code: 'ENOSPC' });
    const { toB } = pair(
      {},
      {
        refuse: (_: null) => {
          throw new AppError('not_found', 'failures.notFound.sale', [{ path: 'id', message: 'errors.required' }], {
            id: 7,
          });
        },
        old: async (_: null) => {
          throw new DatabaseError('This database was made by a newer Rapport.', 'too_new');
        },
        disk: async (_: null) => {
          throw full;
        },
        odd: (_: null) => {
          throw 'a string';
        },
      },
    );
    const refused = await toB.call('refuse', null).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'not_found',
      message: 'failures.notFound.sale',
      issues: [{ path: 'id', message: 'errors.required' }],
      values: { id: 7 },
    });
    const old = await toB.call('old', null).catch((error: unknown) => error);
    expect(old).toBeInstanceOf(DatabaseError);
    expect(old).toMatchObject({ code: 'too_new', message: 'This database was made by a newer Rapport.' });
    const disk = await toB.call('disk', null).catch((error: unknown) => error);
    expect(environmentError(disk)?.message).toBe('failures.diskFull');
    await expect(toB.call('odd', null)).rejects.toThrow('a string');
    await expect(toB.call('missing' as never, null as never)).rejects.toThrow(/No function missing/);
  });

  it('an abort reaches the other side’s signal', async () => {
    let seen: AbortSignal | null = null;
    const { toB } = pair(
      {},
      {
        wait: (_: null, signal: AbortSignal) =>
          new Promise<string>((resolve) => {
            seen = signal;
            signal.addEventListener('abort', () => resolve('stopped'), { once: true });
          }),
      },
    );
    const controller = new AbortController();
    const waiting = toB.call('wait', null, controller.signal);
    await expect.poll(() => seen).not.toBeNull();
    controller.abort();
    expect(await waiting).toBe('stopped');
    expect(seen!.aborted).toBe(true);
  });

  it('a call aborted before it starts is not run and fails with the code cancelled', async () => {
    const ran: string[] = [];
    const { toB } = pair({}, { note: (name: string) => ran.push(name) });
    const controller = new AbortController();
    // Both messages reach the other side before the call's turn to start.
    const skipped = toB.call('note', 'skipped', controller.signal);
    controller.abort();
    await expect(skipped).rejects.toMatchObject({ name: 'AppError', code: 'cancelled', message: 'failures.cancelled' });
    // Aborted before it was sent, it is not sent at all.
    await expect(toB.call('note', 'never sent', controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect(await toB.call('note', 'run')).toBe(1);
    expect(ran).toEqual(['run']);
  });

  it('calls start one turn apart, so an abort sent while one runs stops a call queued behind it', async () => {
    const ran: string[] = [];
    const third = new AbortController();
    const { toB } = pair(
      {},
      {
        // The first call, running, has the caller abort the third (a message, like any abort).
        first: (_: null) => {
          ran.push('first');
          third.abort();
          return 'first';
        },
        note: (name: string) => ran.push(name),
      },
    );
    const calls = [toB.call('first', null), toB.call('note', 'second'), toB.call('note', 'third', third.signal)];
    const settled = await Promise.allSettled(calls);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(ran).toEqual(['first', 'second']);
  });

  it('once the other side is gone, calls waiting and calls made after fail with the reason given', async () => {
    const { toB } = pair({}, { never: (_: null) => new Promise(() => undefined) });
    const waiting = toB.call('never', null);
    const gone = new AppError('internal', 'failures.backendStopped');
    toB.fail(gone);
    await expect(waiting).rejects.toBe(gone);
    await expect(toB.call('never', null)).rejects.toBe(gone);
  });
});
