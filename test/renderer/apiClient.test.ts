import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../../src-renderer/src/api/client';
import { createFakeBridge, FakeApiError } from './fakeApi';
import { customerFixture, settingsFixture } from './fixtures';

describe('api client', () => {
  it('unwraps a successful envelope', async () => {
    const client = createApiClient(createFakeBridge({ 'settings.get': () => settingsFixture({ currency: 'GBP' }) }));
    await expect(client.call('settings.get', {})).resolves.toMatchObject({ currency: 'GBP' });
  });

  it('throws an ApiError carrying code, message and issues', async () => {
    const issues = [{ path: 'name', message: 'errors.required' }];
    const client = createApiClient(
      createFakeBridge({
        'customers.create': () => {
          throw new FakeApiError('invalid_input', 'Invalid customer', issues);
        },
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

  it('passes events through subscribe', () => {
    const bridge = createFakeBridge({});
    const listener = vi.fn();
    createApiClient(bridge).subscribe('menu.command', listener);
    bridge.emit('menu.command', { command: 'new-sale' });
    expect(listener).toHaveBeenCalledWith({ command: 'new-sale' });
  });
});
