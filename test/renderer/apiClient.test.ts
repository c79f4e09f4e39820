import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../src-renderer/src/api/client';
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
