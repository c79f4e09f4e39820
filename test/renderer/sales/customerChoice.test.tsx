// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerSummary } from '../../../src-main/features/customers/contract';
import type { FakeHandlers } from '../fakeApi';
import { customerFixture, PRODUCTS, saleFixture, TECHNIQUES } from '../fixtures';
import { renderApp, type RenderedApp } from '../renderApp';

afterEach(cleanup);

const BOOK: CustomerSummary[] = [
  customerFixture({ id: 11, name: 'Abele Pellicanò', company: null, email: 'abele@example.it', region: 'Calabria' }),
  customerFixture({ id: 12, name: 'Alice Dal Farra', company: 'Dal Farra Ottica', email: null }),
  customerFixture({ id: 13, name: 'Marco Rossi', company: null, email: 'marco@rossi.example', region: null }),
  customerFixture({ id: 14, name: 'Marco Rossi', company: null, email: null, region: 'Veneto' }),
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A search that takes its time, as a large book on a slow disk does. */
const slowSearch: FakeHandlers['customers.list'] = async ({ search }) => {
  await sleep(120);
  const items = BOOK.filter((c) => !search || c.name.toLowerCase().includes(search.toLowerCase()));
  return { items, total: items.length };
};

const handlers: FakeHandlers = {
  'sales.list': () => ({ items: [saleFixture()], total: 1 }),
  'products.list': () => PRODUCTS,
  'techniques.list': () => TECHNIQUES,
  'customers.list': slowSearch,
  'customers.duplicates': () => [],
  'sales.create': (input) => saleFixture({ ...input, id: 2, customerId: input.customerId ?? 99 }),
};

async function openNewSale(extra: FakeHandlers = {}): Promise<RenderedApp & { dialog: HTMLElement; box: HTMLElement }> {
  const app = renderApp({ ...handlers, ...extra });
  await screen.findByRole('table');
  await app.user.keyboard('{Control>}n{/Control}');
  const dialog = await screen.findByRole('dialog', { name: 'New sale' });
  return { ...app, dialog, box: within(dialog).getByRole('combobox', { name: 'Customer' }) };
}

async function fillAndSave({ dialog, user }: RenderedApp & { dialog: HTMLElement }): Promise<void> {
  await user.type(within(dialog).getByLabelText('Title'), 'Lenses');
  await user.type(within(dialog).getByLabelText('Amount'), '100');
  await user.click(within(dialog).getByRole('button', { name: 'Add sale' }));
}

describe('the customer picker in New sale', () => {
  it('picks what is typed when Enter comes before the search answers (pasted)', async () => {
    const app = await openNewSale();
    const { box, bridge } = app;
    await app.user.click(box);
    // The whole book is listed, Abele first: the list an Enter must not act on.
    await screen.findByRole('option', { name: /Abele Pellicanò/ });
    fireEvent.change(box, { target: { value: 'Alice Dal Farra' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect((box as HTMLInputElement).value).toBe('Alice Dal Farra');
    await fillAndSave(app);
    await waitFor(() => expect(bridge.callsTo('sales.create')).toHaveLength(1));
    expect(bridge.callsTo('sales.create')[0]).toMatchObject({ customerId: 12 });
  });

  it('picks what is typed when Enter follows the last key at once (typed with no delay)', async () => {
    const app = await openNewSale();
    const user = userEvent.setup({ delay: null });
    await user.click(app.box);
    await screen.findByRole('option', { name: /Abele Pellicanò/ });
    await user.type(app.box, 'Alice Dal Farra{Enter}');
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect((app.box as HTMLInputElement).value).toBe('Alice Dal Farra');
    await fillAndSave(app);
    await waitFor(() => expect(app.bridge.callsTo('sales.create')).toHaveLength(1));
    expect(app.bridge.callsTo('sales.create')[0]).toMatchObject({ customerId: 12 });
  });

  it('cancels the search under way when the list is closed before it answers', async () => {
    const app = await openNewSale();
    await app.user.click(app.box);
    await waitFor(() => expect(app.bridge.callsTo('customers.list')).toHaveLength(1));
    await app.user.keyboard('{Escape}');
    await waitFor(() => expect(app.bridge.cancelled()).toEqual([{ channel: 'customers.list', input: { limit: 8 } }]));
    await app.bridge.idle();
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'New sale' })).toBeTruthy();
  });

  it('tells customers with the same name apart by a second line', async () => {
    const { user, box } = await openNewSale();
    await user.type(box, 'Marco');
    const options = await screen.findAllByRole('option', { name: /Marco Rossi/ });
    expect(options.map((o) => o.textContent)).toEqual(['Marco Rossimarco@rossi.example', 'Marco RossiVeneto']);
    await user.clear(box);
    await user.type(box, 'A');
    expect((await screen.findByRole('option', { name: /Alice Dal Farra/ })).textContent).toBe(
      'Alice Dal FarraDal Farra Ottica',
    );
  });

  it('adds a new customer only with the sale: cancelling writes nothing', async () => {
    const app = await openNewSale({ 'customers.create': () => customerFixture({ id: 20, name: 'Nora Conti' }) });
    const { user, box, bridge } = app;
    await user.type(box, 'Nora Conti');
    await user.click(await screen.findByRole('option', { name: 'Create customer “Nora Conti”' }));
    expect((box as HTMLInputElement).value).toBe('Nora Conti');
    expect(within(app.dialog).getByText('New customer, added with the sale')).toBeTruthy();
    await user.type(within(app.dialog).getByLabelText(/Email/), 'nora@conti.example');
    await user.click(within(app.dialog).getByRole('button', { name: 'Cancel' }));
    const question = screen.getByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(question).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('customers.create')).toEqual([]);
    expect(bridge.callsTo('sales.create')).toEqual([]);
  });

  it('sends the new customer with the sale, once, however often Create is clicked', async () => {
    const app = await openNewSale({ 'customers.create': () => customerFixture({ id: 20, name: 'Nora Conti' }) });
    const { user, box, bridge, dialog } = app;
    await user.type(box, 'Nora Conti');
    const create = await screen.findByRole('option', { name: 'Create customer “Nora Conti”' });
    await user.dblClick(create);
    await user.type(within(dialog).getByLabelText(/Company/), 'Conti Ottica');
    await fillAndSave(app);
    await waitFor(() => expect(bridge.callsTo('sales.create')).toHaveLength(1));
    expect(bridge.callsTo('sales.create')[0]).toMatchObject({
      newCustomer: { name: 'Nora Conti', email: '', company: 'Conti Ottica' },
    });
    expect(bridge.callsTo('sales.create')[0]).not.toHaveProperty('customerId');
    expect(bridge.callsTo('customers.create')).toEqual([]);
  });

  it('warns when the new customer looks like one already in the book, and picks that one instead', async () => {
    const app = await openNewSale({
      'customers.duplicates': ({ name }) =>
        name === 'Dal Farra, Alice' ? [{ id: 12, name: 'Alice Dal Farra', email: null, reason: 'name' as const }] : [],
    });
    const { user, box, bridge, dialog } = app;
    // Written surname first, the name finds nobody in the list; the backend knows them all the same.
    await user.type(box, 'Dal Farra, Alice');
    await user.click(await screen.findByRole('option', { name: 'Create customer “Dal Farra, Alice”' }));
    const warning = await within(dialog).findByText(/already one of your customers/);
    expect(warning.closest('[role="status"]')?.textContent).toMatch('Alice Dal Farra');
    await user.click(within(dialog).getByRole('button', { name: 'Use Alice Dal Farra' }));
    expect((box as HTMLInputElement).value).toBe('Alice Dal Farra');
    expect(within(dialog).queryByText('New customer, added with the sale')).toBeNull();
    await fillAndSave(app);
    await waitFor(() => expect(bridge.callsTo('sales.create')).toHaveLength(1));
    expect(bridge.callsTo('sales.create')[0]).toMatchObject({ customerId: 12 });
  });
});
