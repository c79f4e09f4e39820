// @vitest-environment jsdom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeHandlers } from './fakeApi';
import { customerFixture, saleFixture } from './fixtures';
import { emitWhenHeard, renderApp } from './renderApp';

afterEach(cleanup);

const handlers: FakeHandlers = {
  'sales.list': () => ({ items: [saleFixture()], total: 1 }),
  'customers.list': () => ({ items: [customerFixture()], total: 1 }),
  'customers.facets': () => ({ segments: [], regions: [], industries: [] }),
  'products.list': () => [],
  'techniques.list': () => [],
};

describe('keyboard and menu', () => {
  it('Ctrl+N opens a new sale; Escape closes it and gives focus back', async () => {
    const { user } = renderApp(handlers);
    await screen.findByRole('table');
    const salesLink = screen.getByRole('link', { name: 'Sales' });
    salesLink.focus();

    await user.keyboard('{Control>}n{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'New sale' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Title'));

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(salesLink);
  });

  it('neither Ctrl+N nor the menu opens a form over an open dialog', async () => {
    const { user, bridge } = renderApp(
      {
        ...handlers,
        'import.history': () => [
          {
            id: 3,
            kind: 'sales',
            sourceName: 'deals.csv',
            sourceSha256: 'ab',
            options: {},
            inserted: 2,
            duplicates: 0,
            skipped: 0,
            customersCreated: 0,
            createdAt: '2026-11-20T10:00:00.000Z',
            undoneAt: null,
          },
        ],
      },
      { route: '/import' },
    );
    await user.click(await screen.findByRole('button', { name: 'Undo import' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Undo this import?' });

    await user.keyboard('{Control>}n{/Control}');
    await emitWhenHeard(bridge, 'menu.command', { command: 'new-sale' });
    await emitWhenHeard(bridge, 'menu.command', { command: 'new-customer' });
    expect(screen.queryByRole('dialog', { name: 'New sale' })).toBeNull();
    expect(screen.queryByRole('dialog', { name: 'New customer' })).toBeNull();
    expect(confirm.isConnected).toBe(true);

    // A sale form being typed in is not replaced by a fresh one either.
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Control>}n{/Control}');
    const sale = await screen.findByRole('dialog', { name: 'New sale' });
    await user.type(within(sale).getByLabelText('Title'), 'Half typed');
    await emitWhenHeard(bridge, 'menu.command', { command: 'new-sale' });
    await user.keyboard('{Control>}n{/Control}');
    expect(
      (within(screen.getByRole('dialog', { name: 'New sale' })).getByLabelText('Title') as HTMLInputElement).value,
    ).toBe('Half typed');
  });

  it('keeps Tab inside an open dialog', async () => {
    const { user } = renderApp(handlers);
    await screen.findByRole('table');
    await user.keyboard('{Control>}n{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'New sale' });
    const close = within(dialog).getByRole('button', { name: 'Close' });
    const submit = within(dialog).getByRole('button', { name: 'Add sale' });

    submit.focus();
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(submit);
  });

  it('"/" opens the app-wide search, but not while typing in a list\'s filter box', async () => {
    const { user } = renderApp(handlers, { route: '/customers' });
    const filter = await screen.findByRole('searchbox', { name: 'Search customers' });
    await user.type(filter, 'a/b');
    expect((filter as HTMLInputElement).value).toBe('a/b');
    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull();
    screen.getByRole('link', { name: 'Customers' }).focus();
    await user.keyboard('/');
    const dialog = await screen.findByRole('dialog', { name: 'Search' });
    expect(document.activeElement).toBe(within(dialog).getByRole('combobox', { name: 'Search everything' }));
  });

  it('the skip link moves focus to the content', async () => {
    const { user } = renderApp(handlers);
    await screen.findByRole('table');
    await user.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('main'));
  });

  it('follows menu commands: new sale, new customer, navigate', async () => {
    const { bridge } = renderApp(handlers);
    await screen.findByRole('table');

    await emitWhenHeard(bridge, 'menu.command', { command: 'new-customer' });
    expect(await screen.findByRole('dialog', { name: 'New customer' })).toBeTruthy();
    await act(async () => within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }).click());

    await emitWhenHeard(bridge, 'menu.command', { command: 'new-sale' });
    expect(await screen.findByRole('dialog', { name: 'New sale' })).toBeTruthy();
    await act(async () => within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }).click());

    await emitWhenHeard(bridge, 'menu.command', { command: 'navigate', path: '/settings' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
  });

  it('reloads a list when the backend says its data changed', async () => {
    const { bridge } = renderApp(handlers);
    await screen.findByRole('table');
    const before = bridge.callsTo('sales.list').length;
    await emitWhenHeard(bridge, 'data.changed', { entities: ['sales'] });
    await waitFor(() => expect(bridge.callsTo('sales.list').length).toBe(before + 1));
  });
});
