import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, isCancelled } from '../../src-renderer/src/api/client';
import { createFakeBridge, fails } from './fakeApi';
import { api } from '../../src-main/shared/api';
import { customerFixture, saleFixture, settingsFixture } from './fixtures';

describe('api client', () => {
  it('unwraps a successful envelope', async () => {
    const client = createApiClient(createFakeBridge({ 'settings.get': () => settingsFixture({ currency: 'GBP' }) }));
    await expect(client.call('settings.get', {})).resolves.toMatchObject({ currency: 'GBP' });
  });

  it('throws an ApiError carrying code, message and issues', async () => {
    const issues = [{ path: 'name', message: 'errors.required' }];
    const client = createApiClient(
      createFakeBridge({
        'customers.create': fails('invalid_input', 'Invalid customer', issues),
      }),
    );
    const failure = await client.call('customers.create', { name: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: 'invalid_input', message: 'Invalid customer', issues });
  });

  it('a call given a signal carries a request id; aborting it cancels that id and rejects at once as cancelled', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const bridge = createFakeBridge({
      'customers.list': async () => {
        await answered;
        return { items: [], total: 0 };
      },
    });
    const client = createApiClient(bridge);
    const controller = new AbortController();
    const listing = client.call('customers.list', { search: 'ada' }, { signal: controller.signal });
    controller.abort();
    const failure = await listing.catch((error: unknown) => error);
    expect(isCancelled(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'cancelled', message: 'failures.cancelled' });
    expect(bridge.cancelled()).toEqual([{ channel: 'customers.list', input: { search: 'ada' } }]);
    answer();
    await bridge.idle();

    // Already aborted: nothing is sent. Without a signal: sent as before, not cancellable.
    await expect(client.call('customers.list', {}, { signal: controller.signal })).rejects.toSatisfy(isCancelled);
    expect(bridge.callsTo('customers.list')).toHaveLength(1);
    await expect(client.call('customers.list', {})).resolves.toEqual({ items: [], total: 0 });
    expect(isCancelled(new ApiError('internal', 'x'))).toBe(false);
    expect(isCancelled(new Error('cancelled'))).toBe(false);
  });

  it('a call whose signal is never aborted answers as without one, errors included', async () => {
    const bridge = createFakeBridge({ 'customers.get': fails('not_found', 'failures.notFound.customer') });
    const client = createApiClient(bridge);
    const controller = new AbortController();
    await expect(client.call('customers.get', { id: 4 }, { signal: controller.signal })).rejects.toMatchObject({
      code: 'not_found',
    });
    controller.abort();
    expect(bridge.cancelled()).toEqual([]);
  });

  it('reports its own writes and the backend’s data.changed events to onDataChanged', async () => {
    const bridge = createFakeBridge({ 'customers.create': () => customerFixture({ id: 9 }) });
    const client = createApiClient(bridge);
    const listener = vi.fn();
    const off = client.onDataChanged(listener);

    await client.call('customers.create', { name: 'Nina' });
    bridge.emit('data.changed', { entities: ['sales'] });
    off();
    bridge.emit('data.changed', { entities: ['products'] });

    expect(listener.mock.calls).toEqual([[['customers']], [['sales']]]);
  });

  it('refreshes after a command what its contract says it writes, and nothing after a query or a failure', async () => {
    const client = createApiClient(
      createFakeBridge({
        'sales.create': () => saleFixture({ id: 3 }),
        'onboarding.start': () => settingsFixture({ onboarded: true }),
        'sales.list': () => ({ items: [], total: 0 }),
        'customers.update': fails('not_found', 'No such customer'),
      }),
    );
    const listener = vi.fn();
    client.onDataChanged(listener);

    const sale = {
      title: 'Renewal',
      customerId: 1,
      amountMinor: 100,
      currency: 'EUR',
      status: 'open',
      openedOn: '2026-06-01',
    } as const;
    await client.call('sales.create', sale);
    await client.call('onboarding.start', { mode: 'empty' });
    await client.call('sales.list', {});
    await client.call('customers.update', { id: 9, customer: { name: 'Nina' } }).catch(() => undefined);

    expect(listener.mock.calls).toEqual([[api['sales.create'].writes], [api['onboarding.start'].writes]]);
    expect(api['sales.create'].writes).toEqual(['sales', 'care', 'customers']);
    expect(api['onboarding.start'].writes).toEqual([
      'settings',
      'customers',
      'sales',
      'products',
      'techniques',
      'care',
      'goals',
      'journal',
      'experiments',
      'training',
      'library',
    ]);
  });

  it('passes events through subscribe', () => {
    const bridge = createFakeBridge({});
    const listener = vi.fn();
    createApiClient(bridge).subscribe('menu.command', listener);
    bridge.emit('menu.command', { command: 'new-sale' });
    expect(listener).toHaveBeenCalledWith({ command: 'new-sale' });
  });

  it('keeps an announcement that came before anyone listened for the first listener, and only that', () => {
    const bridge = createFakeBridge({});
    const client = createApiClient(bridge);
    const due = { asOf: '2026-11-27', items: [] };
    bridge.emit('care.due', due);
    bridge.emit('import.progress', { rows: 10, bytes: 100, totalBytes: 1000, rowsPerSecond: 5 });
    const first = vi.fn();
    const second = vi.fn();
    const progress = vi.fn();
    const off = client.subscribe('care.due', first);
    client.subscribe('care.due', second);
    client.subscribe('import.progress', progress);
    expect(first).toHaveBeenCalledExactlyOnceWith(due);
    expect(second).not.toHaveBeenCalled();
    expect(progress).not.toHaveBeenCalled();
    off();
    bridge.emit('care.due', due);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledExactlyOnceWith(due);
  });
});
