import { CustomerQuery, CustomerInput } from '../../src-main/features/customers/contract';
import { SaleQuery } from '../../src-main/features/sales/contract';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/ipc/assemble';
import { storeForEachTest } from '../helpers/store';

const t = storeForEachTest();

describe('settings and first run', () => {
  it('starts from defaults and persists changes', async () => {
    expect(await t.handlers['settings.get']({})).toEqual({
      language: 'en',
      currency: 'EUR',
      theme: 'system',
      onboarded: false,
    });
    expect(await t.handlers['settings.update']({ language: 'it', theme: 'dark' })).toMatchObject({
      language: 'it',
      theme: 'dark',
    });
    expect(await t.handlers['settings.get']({})).toMatchObject({ language: 'it', theme: 'dark', currency: 'EUR' });
  });

  it('falls back to the default when a stored value is no longer valid', async () => {
    t.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"klingon\"')").run();
    expect((await t.handlers['settings.get']({})).language).toBe('en');
  });

  it('"start empty" finishes onboarding without data; "sample" loads the demo set', async () => {
    expect(await t.handlers['onboarding.start']({ mode: 'empty' })).toMatchObject({ onboarded: true });
    expect((await t.handlers['sales.list'](SaleQuery.parse({ limit: 1 }))).total).toBe(0);
    await t.handlers['onboarding.start']({ mode: 'sample' });
    expect((await t.handlers['sales.list'](SaleQuery.parse({ limit: 1 }))).total).toBeGreaterThan(1000);
    expect((await t.handlers['customers.list'](CustomerQuery.parse({}))).total).toBeGreaterThan(100);
  });

  it('tells the renderer what changed after each write', async () => {
    const events: unknown[] = [];
    const handlers = createHandlers(t.store, {
      version: 'test',
      platform: 'test',
      emit: (event, payload) => events.push([event, payload]),
    });
    await handlers['customers.create'](CustomerInput.parse({ name: 'Eve', tags: [] }));
    await handlers['customers.list'](CustomerQuery.parse({}));
    expect(events).toEqual([['data.changed', { entities: ['customers'] }]]);
  });
});
