// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fails, type FakeHandlers } from '../fakeApi';
import { saleFixture } from '../fixtures';
import { emitWhenHeard, renderApp } from '../renderApp';

afterEach(cleanup);

const handlers: FakeHandlers = {
  'app.info': () => ({ version: '0.1.0', databasePath: '/home/ada/.config/Rapport/rapport.sqlite', platform: 'linux' }),
  'sales.list': () => ({ items: [saleFixture({ amountMinor: 123450 })], total: 1 }),
  'products.list': () => [],
  'techniques.list': () => [],
  // Settings lists the reports exported (the export log): none yet.
  'report.log': () => [],
};

describe('settings', () => {
  it('switches language on Save, persists it, and reformats money and dates', async () => {
    const { user, bridge } = renderApp(handlers, { route: '/settings' });
    expect(await screen.findByText('/home/ada/.config/Rapport/rapport.sqlite')).toBeTruthy();
    expect(screen.getByText('0.1.0')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Language'), 'it');
    // Like every other part of Settings, nothing applies before Save.
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(bridge.callsTo('settings.update')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Impostazioni' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Aree' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('it');
    expect(bridge.callsTo('settings.update')).toEqual([{ language: 'it' }]);

    // Saved: leaving asks nothing.
    await user.click(screen.getByRole('link', { name: 'Vendite' }));
    const table = await screen.findByRole('table', { name: 'Vendite' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(within(table).getByText('1.234,50 €')).toBeTruthy();
    expect(within(table).getByText('20 gen 2026')).toBeTruthy();
  });

  it('changes the default currency and the theme, both on Save', async () => {
    const { user, bridge } = renderApp(handlers, { route: '/settings' });
    await user.selectOptions(await screen.findByLabelText('Default currency'), 'CHF');
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    await user.click(screen.getByRole('radio', { name: 'Light' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    expect(bridge.callsTo('settings.update')).toEqual([{ currency: 'CHF', theme: 'dark' }, { theme: 'light' }]);
    expect(screen.getAllByText('Settings saved').length).toBeGreaterThan(0);
  });

  it('keeps the choice and says so when saving fails', async () => {
    const { user } = renderApp(
      { ...handlers, 'settings.update': fails('internal', 'disk is read-only') },
      { route: '/settings' },
    );
    await user.selectOptions(await screen.findByLabelText('Language'), 'it');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch("Couldn't save your settings");
    expect(alert.textContent).toMatch('disk is read-only');
    expect((screen.getByLabelText('Language') as HTMLSelectElement).value).toBe('it');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
  });
});

describe('leaving Settings with unsaved changes', () => {
  const guarded: FakeHandlers = {
    ...handlers,
    'care.cadence.get': () => ({ defaultDays: [3, 30, 90], products: [], segments: [] }),
    'care.contactRules.get': () => [],
    'customers.facets': () => ({ segments: [], regions: [], industries: [] }),
    'goals.calendar.get': () => ({ weekdays: [1, 2, 3, 4, 5], breaks: [] }),
    'customers.list': () => ({ items: [], total: 0 }),
  };

  it('asks before another area replaces an unsaved General section; Keep editing stays', async () => {
    const { user } = renderApp(guarded, { route: '/settings' });
    await user.selectOptions(await screen.findByLabelText('Language'), 'it');
    await user.click(screen.getByRole('link', { name: 'Sales' }));

    const ask = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect((screen.getByLabelText('Language') as HTMLSelectElement).value).toBe('it');

    await user.click(screen.getByRole('link', { name: 'Sales' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard' }));
    expect(await screen.findByRole('table', { name: 'Sales' })).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Settings' }));
    expect(((await screen.findByLabelText('Language')) as HTMLSelectElement).value).toBe('en');
  });

  it('asks for an unsaved working calendar too, also when the menu navigates', async () => {
    const { user, bridge } = renderApp(guarded, { route: '/settings' });
    const form = await screen.findByRole('form', { name: 'Working days and breaks' });
    await user.click(within(form).getAllByRole('checkbox')[0]!);
    await emitWhenHeard(bridge, 'menu.command', { command: 'navigate', path: '/customers' });
    const ask = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Discard' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Customers' })).toBeTruthy();
  });

  it('leaves at once when nothing is unsaved', async () => {
    const { user } = renderApp(guarded, { route: '/settings' });
    await screen.findByRole('form', { name: 'Working days and breaks' });
    await user.click(screen.getByRole('link', { name: 'Sales' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await screen.findByRole('table', { name: 'Sales' })).toBeTruthy();
  });
});
