// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../../src-main/shared/dates';
import type { Language } from '../../../src-main/shared/domain';
import { dayInputText } from '../../../src-main/shared/format';
import { fails, type FakeHandlers } from '../fakeApi';
import { customerFixture, PRODUCTS, saleFixture, TECHNIQUES } from '../fixtures';
import { renderApp, type RenderedApp } from '../renderApp';

afterEach(cleanup);

const handlers: FakeHandlers = {
  'sales.list': () => ({ items: [saleFixture()], total: 1 }),
  'products.list': () => PRODUCTS,
  'techniques.list': () => TECHNIQUES,
  'customers.list': ({ search }) => ({
    items: [customerFixture()].filter((c) => !search || c.name.toLowerCase().includes(search.toLowerCase())),
    total: 1,
  }),
  'sales.create': (input) => saleFixture({ ...input, id: 2, customerName: 'Giulia Bianchi' }),
  // An edited sale lists its journal entries.
  'journal.list': () => ({ items: [], total: 0 }),
};

/** The message an input points at through aria-describedby. */
function errorOf(input: HTMLElement): string | null {
  expect(input.getAttribute('aria-invalid')).toBe('true');
  const id = input.getAttribute('aria-describedby')?.split(' ')[0];
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

async function openNewSale(
  language: Language,
  extra: FakeHandlers = {},
): Promise<RenderedApp & { dialog: HTMLElement }> {
  const app = renderApp({ ...handlers, ...extra }, { settings: { language } });
  await screen.findByRole('table');
  await app.user.keyboard('{Control>}n{/Control}');
  const dialog = await screen.findByRole('dialog', { name: language === 'en' ? 'New sale' : 'Nuova vendita' });
  return { ...app, dialog };
}

async function pickCustomer(app: RenderedApp, dialog: HTMLElement, label: string): Promise<void> {
  await app.user.type(within(dialog).getByRole('combobox', { name: label }), 'Giu');
  await app.user.click(await screen.findByRole('option', { name: /Giulia Bianchi/ }));
}

describe('sale form', () => {
  it('shows inline errors in English from the shared schema and sends nothing', async () => {
    const { dialog, user, bridge } = await openNewSale('en');
    await user.click(within(dialog).getByRole('button', { name: 'Add sale' }));

    expect(errorOf(within(dialog).getByLabelText('Title'))).toBe('This field is required');
    expect(errorOf(within(dialog).getByLabelText('Customer'))).toBe('Choose a customer');
    expect(errorOf(within(dialog).getByLabelText('Amount'))).toBe('This field is required');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Title'));
    expect(bridge.callsTo('sales.create')).toEqual([]);

    await user.type(within(dialog).getByLabelText('Amount'), '12,34,5');
    expect(errorOf(within(dialog).getByLabelText('Amount'))).toBe('Enter an amount such as 1,234.50');
  });

  it('shows the same errors in Italian', async () => {
    const { dialog, user } = await openNewSale('it');
    await user.type(within(dialog).getByLabelText('Importo'), 'dieci');
    await user.click(within(dialog).getByRole('button', { name: 'Aggiungi vendita' }));

    expect(errorOf(within(dialog).getByLabelText('Titolo'))).toBe('Campo obbligatorio');
    expect(errorOf(within(dialog).getByLabelText('Cliente'))).toBe('Scegli un cliente');
    expect(errorOf(within(dialog).getByLabelText('Importo'))).toBe('Inserisci un importo come 1.234,50');
  });

  it('applies the cross-field rules: a won sale needs its closing day', async () => {
    const { dialog, user } = await openNewSale('it');
    await user.click(within(dialog).getByRole('radio', { name: 'Vinta' }));
    const closedOn = within(dialog).getByLabelText('Chiusa il');
    expect((closedOn as HTMLInputElement).value).toBe(dayInputText(localIsoDate(new Date())));
    await user.clear(closedOn);
    await user.click(within(dialog).getByRole('button', { name: 'Aggiungi vendita' }));
    expect(errorOf(within(dialog).getByLabelText('Chiusa il'))).toBe('Inserisci il giorno di chiusura della vendita');
  });

  it('turns Italian "1.234,50" into 123450 minor units and creates the sale', async () => {
    const app = await openNewSale('it');
    const { dialog, user, bridge } = app;
    await user.type(within(dialog).getByLabelText('Titolo'), 'Lampade per lo showroom');
    await pickCustomer(app, dialog, 'Cliente');
    await user.type(within(dialog).getByLabelText('Importo'), '1.234,50');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Trial close' }));
    await user.selectOptions(within(dialog).getByLabelText(/Soddisfazione/), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Aggiungi vendita' }));

    await waitFor(() => expect(bridge.callsTo('sales.create')).toHaveLength(1));
    expect(bridge.callsTo('sales.create')[0]).toEqual({
      title: 'Lampade per lo showroom',
      customerId: 1,
      productId: null,
      amountMinor: 123450,
      currency: 'EUR',
      status: 'open',
      stage: 'lead',
      openedOn: localIsoDate(new Date()),
      closedOn: null,
      techniqueIds: [2],
      satisfaction: 5,
      nps: null,
      lostReason: null,
      notes: '',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('status').textContent).toMatch('Vendita aggiunta');
  });

  it('pre-fills the amount from the product’s list price', async () => {
    const { dialog, user } = await openNewSale('it');
    await user.selectOptions(within(dialog).getByLabelText(/Prodotto/), 'Consulting day');
    expect((within(dialog).getByLabelText('Importo') as HTMLInputElement).value).toBe('800,00');
  });

  it('shows the backend’s field issues inline when saving fails', async () => {
    const app = await openNewSale('en', {
      'sales.create': fails('invalid_input', 'Invalid sale', [{ path: 'title', message: 'errors.tooLong' }]),
    });
    const { dialog, user } = app;
    await user.type(within(dialog).getByLabelText('Title'), 'A title');
    await pickCustomer(app, dialog, 'Customer');
    await user.type(within(dialog).getByLabelText('Amount'), '10');
    await user.click(within(dialog).getByRole('button', { name: 'Add sale' }));

    await waitFor(() => expect(errorOf(within(dialog).getByLabelText('Title'))).toBe('This is too long'));
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toMatch("Couldn't save the sale");
    expect(alert.textContent).toMatch("Some details aren't valid.");
    expect(alert.textContent).toMatch('Invalid sale');
  });

  it('puts the backend’s refusal of an edit on the field it names, and what fits no field above the form', async () => {
    const app = renderApp({
      ...handlers,
      'sales.update': fails('invalid_input', 'Invalid sale', [
        { path: 'sale.closedOn', message: 'errors.closeBeforeOpen' },
        { path: 'sale.techniqueIds.0', message: 'errors.unknownTechnique' },
      ]),
    });
    await app.user.click(await screen.findByText('Showroom lighting'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit sale' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await waitFor(() =>
      expect(errorOf(within(dialog).getByLabelText('Closed on'))).toBe(
        "The closing date can't be before the opening date",
      ),
    );
    expect(within(dialog).getByRole('alert').textContent).toMatch('This technique no longer exists');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Closed on'));
  });

  it('takes a new customer from the picker and sends it with the sale, writing nothing before', async () => {
    const app = await openNewSale('it');
    const { dialog, user, bridge } = app;
    await user.type(within(dialog).getByLabelText('Titolo'), 'Occhiali');
    await user.type(within(dialog).getByRole('combobox', { name: 'Cliente' }), 'Nora Conti');
    await user.click(await screen.findByRole('option', { name: 'Crea il cliente «Nora Conti»' }));
    expect(within(dialog).getByRole('group', { name: 'Nuovo cliente, aggiunto con la vendita' })).toBeTruthy();
    await user.type(within(dialog).getByLabelText(/Email/), 'nora@');
    await user.type(within(dialog).getByLabelText('Importo'), '90');
    await user.click(within(dialog).getByRole('button', { name: 'Aggiungi vendita' }));
    expect(errorOf(within(dialog).getByLabelText(/Email/))).toBe('Inserisci un indirizzo email valido');
    await user.type(within(dialog).getByLabelText(/Email/), 'conti.example');
    await user.click(within(dialog).getByRole('button', { name: 'Aggiungi vendita' }));

    await waitFor(() => expect(bridge.callsTo('sales.create')).toHaveLength(1));
    expect(bridge.callsTo('sales.create')[0]).toMatchObject({
      newCustomer: { name: 'Nora Conti', email: 'nora@conti.example', company: '' },
    });
    expect(bridge.callsTo('customers.create')).toEqual([]);
  });

  it('logs a call with the sale’s customer from the sale itself, over the open sale', async () => {
    const app = renderApp({ ...handlers, 'care.interactions.list': () => ({ items: [], total: 0 }) });
    const { user } = app;
    await user.click(await screen.findByText('Showroom lighting'));
    const sale = await screen.findByRole('dialog', { name: 'Edit sale' });
    await user.click(within(sale).getByRole('button', { name: 'Log a call' }));
    const call = await screen.findByRole('dialog', { name: /Log an interaction with/ });
    expect(call.textContent).toContain(saleFixture().customerName);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Log an interaction with/ })).toBeNull());
    expect(screen.getByRole('dialog', { name: 'Edit sale' })).toBeTruthy();
  });

  it('deletes a sale only after confirmation', async () => {
    const app = renderApp({ ...handlers, 'sales.delete': ({ id }) => ({ id }) });
    const { user, bridge } = app;
    await user.click(await screen.findByText('Showroom lighting'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit sale' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete this sale?' });
    expect(bridge.callsTo('sales.delete')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(bridge.callsTo('sales.delete')).toEqual([{ id: 1 }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
