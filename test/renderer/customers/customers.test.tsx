// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerDetail } from '../../../src-main/features/customers/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { customerFixture, saleFixture } from '../fixtures';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const giulia = customerFixture();
const base: FakeHandlers = {
  'customers.list': () => ({ items: [giulia], total: 1 }),
  'customers.facets': () => ({ segments: ['SMB', 'Enterprise'], regions: ['Lombardia'], industries: ['Retail'] }),
  'customers.duplicates': ({ name, email }) =>
    email === giulia.email
      ? [{ id: giulia.id, name: giulia.name, email: giulia.email, reason: 'email' }]
      : name.toLowerCase() === 'giulia bianchi'
        ? [{ id: giulia.id, name: giulia.name, email: giulia.email, reason: 'name' }]
        : [],
  'customers.create': (input) => customerFixture({ ...input, id: 5, tags: input.tags }),
};

function detailOf(archived: boolean): CustomerDetail {
  return {
    customer: { ...giulia, archived, tags: ['vip', 'showroom'] },
    lifetimeValueMinor: 420000,
    currency: 'EUR',
    purchases: 3,
    firstPurchase: '2025-03-02',
    lastPurchase: '2026-02-14',
    avgSatisfaction: 4.333,
    sales: [
      saleFixture({ id: 1, title: 'Showroom lighting' }),
      saleFixture({ id: 2, title: 'Spring refit', status: 'open', stage: 'proposal', closedOn: null }),
    ],
  };
}

/** The customers screen on `handlers`, with the New customer dialog open. */
async function openNewCustomer(handlers: FakeHandlers = base, language: 'en' | 'it' = 'en') {
  const app = renderApp(handlers, { route: '/customers', settings: { language } });
  const title = language === 'en' ? 'New customer' : 'Nuovo cliente';
  await app.user.click(await screen.findByRole('button', { name: title }));
  return { ...app, dialog: await screen.findByRole('dialog', { name: title }) };
}

describe('customers', () => {
  it('warns about a possible duplicate while typing, without blocking, and links to it', async () => {
    const { user, bridge, dialog } = await openNewCustomer();

    await user.type(within(dialog).getByLabelText('Name'), 'Giulia Rossi');
    await user.type(within(dialog).getByLabelText(/Email/), 'giulia@bianchi.example');
    const warning = await within(dialog).findByText(/Possible duplicate of/);
    expect(warning.textContent).toBe('Possible duplicate of Giulia Bianchi (same email)');
    expect(within(dialog).getByRole('link', { name: 'Giulia Bianchi' }).getAttribute('href')).toBe('/customers/1');
    // Debounced: far fewer lookups than keystrokes.
    expect(bridge.callsTo('customers.duplicates').length).toBeLessThan(5);
    expect(bridge.callsTo('customers.duplicates').at(-1)).toEqual({
      name: 'Giulia Rossi',
      email: 'giulia@bianchi.example',
    });

    await user.type(within(dialog).getByLabelText(/Tags/), 'vip, Milano ,, vip');
    await user.click(within(dialog).getByRole('button', { name: 'Add customer' }));
    await waitFor(() => expect(bridge.callsTo('customers.create')).toHaveLength(1));
    expect(bridge.callsTo('customers.create')[0]).toMatchObject({
      name: 'Giulia Rossi',
      email: 'giulia@bianchi.example',
      tags: ['vip', 'Milano'],
    });
  });

  it('validates the customer form with translated messages', async () => {
    const { user, dialog } = await openNewCustomer(base, 'it');
    await user.type(within(dialog).getByLabelText(/Email/), 'not-an-email');
    await user.click(within(dialog).getByRole('button', { name: 'Aggiungi cliente' }));
    const name = within(dialog).getByLabelText('Nome');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('Campo obbligatorio');
    const email = within(dialog).getByLabelText(/Email/);
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Inserisci un indirizzo email valido',
    );
  });

  it('puts the backend’s refusal of a tag on Tags, and what fits no field above the form', async () => {
    const { user, dialog } = await openNewCustomer({
      ...base,
      'customers.create': fails('invalid_input', 'Invalid customer', [
        { path: 'tags.1', message: 'errors.tooLong' },
        { path: 'archived', message: 'errors.invalid' },
      ]),
    });
    await user.type(within(dialog).getByLabelText('Name'), 'Nora Conti');
    await user.type(within(dialog).getByLabelText(/Tags/), 'vip, showroom');
    await user.click(within(dialog).getByRole('button', { name: 'Add customer' }));

    const tags = within(dialog).getByLabelText(/Tags/);
    await waitFor(() => expect(tags.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(tags.getAttribute('aria-describedby')!)?.textContent).toBe('This is too long');
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toMatch("Couldn't save the customer");
    expect(alert.textContent).toMatch("This value isn't valid");
  });

  it('lists with search, facet filters, archived filter and sorting', async () => {
    const { user, bridge } = renderApp(base, { route: '/customers' });
    await screen.findByRole('link', { name: 'Giulia Bianchi' });
    const last = (): unknown => bridge.callsTo('customers.list').at(-1);

    await user.selectOptions(screen.getByLabelText('Segment'), 'Enterprise');
    await user.selectOptions(screen.getByLabelText('Show'), 'archived');
    await waitFor(() => expect(last()).toMatchObject({ segment: 'Enterprise', archived: 'archived', offset: 0 }));

    await user.click(within(screen.getByRole('columnheader', { name: /Lifetime value/ })).getByRole('button'));
    await waitFor(() => expect(last()).toMatchObject({ sort: 'lifetimeValue', dir: 'desc' }));

    await user.type(screen.getByRole('searchbox', { name: 'Search customers' }), 'bian');
    await waitFor(() => expect(last()).toMatchObject({ search: 'bian' }));
  });

  it('invites the first customer when there are none', async () => {
    const { user } = renderApp({ ...base, 'customers.list': () => ({ items: [], total: 0 }) }, { route: '/customers' });
    expect(await screen.findByRole('heading', { name: 'No customers yet' })).toBeTruthy();
    const buttons = screen.getAllByRole('button', { name: 'New customer' });
    await user.click(buttons[buttons.length - 1]!);
    expect(await screen.findByRole('dialog', { name: 'New customer' })).toBeTruthy();
  });

  it('offers to clear filters when none match', async () => {
    const { user } = renderApp(
      { ...base, 'customers.list': ({ search }) => (search ? { items: [], total: 0 } : { items: [giulia], total: 1 }) },
      { route: '/customers' },
    );
    await screen.findByRole('link', { name: 'Giulia Bianchi' });
    await user.type(screen.getByRole('searchbox', { name: 'Search customers' }), 'nobody');
    expect(await screen.findByRole('heading', { name: 'No customers match these filters' })).toBeTruthy();
    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await user.click(clear[clear.length - 1]!);
    expect(await screen.findByRole('link', { name: 'Giulia Bianchi' })).toBeTruthy();
  });

  it('shows a customer’s figures and history, and archives them', async () => {
    let archived = false;
    const { user, bridge } = renderApp(
      {
        ...base,
        'customers.get': () => detailOf(archived),
        'customers.setArchived': (input) => {
          archived = input.archived;
          return { ...giulia, archived };
        },
        'products.list': () => [],
        'techniques.list': () => [],
      },
      { route: '/customers/1', settings: { language: 'it' } },
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Giulia Bianchi' })).toBeTruthy();
    const kpis = screen.getByRole('region', { name: 'Dati principali' });
    expect(within(kpis).getByText('4.200,00 €')).toBeTruthy();
    expect(within(kpis).getByText('2 mar 2025')).toBeTruthy();
    expect(within(kpis).getByText('4,3 / 5')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Storico acquisti' })).getByText('Showroom lighting')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Trattative aperte e perse' })).getByText('Proposta')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Etichette' })).getAllByRole('listitem')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Archivia' }));
    await waitFor(() => expect(bridge.callsTo('customers.setArchived')).toEqual([{ id: 1, archived: true }]));
    expect(await screen.findByRole('button', { name: 'Ripristina' })).toBeTruthy();
  });
});
