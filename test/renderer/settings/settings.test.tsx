// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiError, type FakeHandlers } from '../fakeApi';
import { saleFixture } from '../fixtures';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const handlers: FakeHandlers = {
  'app.info': () => ({ version: '0.1.0', databasePath: '/home/ada/.config/Rapport/rapport.sqlite', platform: 'linux' }),
  'sales.list': () => ({ items: [saleFixture({ amountMinor: 123450 })], total: 1 }),
  'products.list': () => [],
  'techniques.list': () => [],
};

describe('settings', () => {
  it('switches language instantly, persists it, and reformats money and dates', async () => {
    const { user, bridge } = renderApp(handlers, { route: '/settings' });
    expect(await screen.findByText('/home/ada/.config/Rapport/rapport.sqlite')).toBeTruthy();
    expect(screen.getByText('0.1.0')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Language'), 'it');
    expect(screen.getByRole('heading', { level: 1, name: 'Impostazioni' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Aree' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('it');
    expect(bridge.callsTo('settings.update')).toEqual([{ language: 'it' }]);

    await user.click(screen.getByRole('link', { name: 'Vendite' }));
    const table = await screen.findByRole('table', { name: 'Vendite' });
    expect(within(table).getByText('1.234,50 €')).toBeTruthy();
    expect(within(table).getByText('20 gen 2026')).toBeTruthy();
  });

  it('changes the default currency and the theme', async () => {
    const { user, bridge } = renderApp(handlers, { route: '/settings' });
    await user.selectOptions(await screen.findByLabelText('Default currency'), 'CHF');
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(bridge.callsTo('settings.update')).toEqual([{ currency: 'CHF' }, { theme: 'dark' }, { theme: 'light' }]);
  });

  it('puts the old choice back and says so when saving fails', async () => {
    const { user } = renderApp(
      {
        ...handlers,
        'settings.update': () => {
          throw new FakeApiError('internal', 'disk is read-only');
        },
      },
      { route: '/settings' },
    );
    await user.selectOptions(await screen.findByLabelText('Language'), 'it');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch("Couldn't save your settings");
    expect(alert.textContent).toMatch('disk is read-only');
    await waitFor(() => expect((screen.getByLabelText('Language') as HTMLSelectElement).value).toBe('en'));
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
