// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrainingNote } from '../../../src-main/features/training/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { customerFixture, PRODUCTS, saleFixture, TECHNIQUES } from '../fixtures';
import { fixToday, renderApp, type RenderedApp } from '../renderApp';
import { trainingNote } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));

const PRODUCT_NOTE = trainingNote(1, {
  subject: 'product',
  product: { id: 1, name: 'Consulting day' },
  benefits: 'A plan in one day',
  objections: [{ objection: 'Too expensive', answer: 'Compare with a week of trial and error' }],
});
const SEGMENT_NOTE = trainingNote(2, { subject: 'segment', name: 'SMB', whatWorks: 'Short demos on their data' });
const INDUSTRY_NOTE = trainingNote(3, { subject: 'industry', name: 'Retail', caresAbout: 'Seasons' });

/** The backend's rule, over the fixtures: the product's note, then the customer's segment's and industry's. */
function forSale({ productId, customerId }: { productId: number | null; customerId: number | null }): TrainingNote[] {
  return [...(productId === 1 ? [PRODUCT_NOTE] : []), ...(customerId === 1 ? [SEGMENT_NOTE, INDUSTRY_NOTE] : [])];
}

const handlers: FakeHandlers = {
  'sales.list': () => ({ items: [saleFixture({ productId: 1, productName: 'Consulting day' })], total: 1 }),
  'products.list': () => PRODUCTS,
  'techniques.list': () => TECHNIQUES,
  'customers.list': () => ({ items: [customerFixture()], total: 1 }),
  'journal.list': () => ({ items: [], total: 0 }),
  'training.forSale': forSale,
};

async function newSale(extra: FakeHandlers = {}): Promise<RenderedApp & { dialog: HTMLElement }> {
  const app = renderApp({ ...handlers, ...extra });
  await screen.findByRole('table');
  await app.user.keyboard('{Control>}n{/Control}');
  const dialog = await screen.findByRole('dialog', { name: 'New sale' });
  return { ...app, dialog };
}

async function pickCustomer(app: RenderedApp, dialog: HTMLElement): Promise<void> {
  await app.user.type(within(dialog).getByRole('combobox', { name: 'Customer' }), 'Giu');
  await app.user.click(await screen.findByRole('option', { name: /Giulia Bianchi/ }));
}

const toggle = (dialog: HTMLElement): HTMLElement => within(dialog).getByRole('button', { name: /What you know/ });

describe('what you know, beside the sale form', () => {
  it('shows nothing until a product or a customer is chosen, then the notes folded to one line', async () => {
    const app = await newSale();
    const { dialog, bridge, user } = app;
    expect(within(dialog).queryByRole('button', { name: /What you know/ })).toBeNull();
    expect(bridge.callsTo('training.forSale')).toEqual([]);

    await pickCustomer(app, dialog);
    await waitFor(() => expect(toggle(dialog).textContent).toBe('What you know2SMB · Retail'));
    expect(bridge.callsTo('training.forSale').at(-1)).toEqual({ productId: null, customerId: 1 });
    expect(toggle(dialog).getAttribute('aria-expanded')).toBe('false');
    expect(within(dialog).queryByText('Short demos on their data')).toBeNull();

    await user.selectOptions(within(dialog).getByLabelText(/^Product/), 'Consulting day');
    await waitFor(() => expect(toggle(dialog).textContent).toBe('What you know3Consulting day · SMB · Retail'));
    expect(bridge.callsTo('training.forSale').at(-1)).toEqual({ productId: 1, customerId: 1 });
  });

  it('opens from the keyboard, in order: the product’s note, the segment’s, the industry’s', async () => {
    const app = await newSale();
    const { dialog, user } = app;
    await pickCustomer(app, dialog);
    await user.selectOptions(within(dialog).getByLabelText(/^Product/), 'Consulting day');
    await waitFor(() => expect(toggle(dialog).textContent).toContain('Consulting day'));
    toggle(dialog).focus();
    await user.keyboard('{Enter}');
    expect(toggle(dialog).getAttribute('aria-expanded')).toBe('true');
    const panel = within(dialog).getByRole('group', { name: 'What you know' });
    const notes = within(panel).getAllByRole('group');
    expect(notes.map((n) => n.getAttribute('aria-label'))).toEqual(['Consulting day', 'SMB', 'Retail']);
    expect(within(notes[0]!).getByRole('heading', { level: 3 }).textContent).toBe('ProductConsulting day');
    expect(within(notes[0]!).getByText('Compare with a week of trial and error')).toBeTruthy();
    expect(within(notes[1]!).getByText('What works with them')).toBeTruthy();
    expect(within(notes[2]!).getByText('Seasons')).toBeTruthy();
    await user.keyboard(' ');
    expect(toggle(dialog).getAttribute('aria-expanded')).toBe('false');
    expect(within(dialog).queryByText('Seasons')).toBeNull();
  });

  it('stays open for the next sale once opened, and shows on a sale being edited', async () => {
    const app = await newSale();
    const { dialog, user } = app;
    await pickCustomer(app, dialog);
    await user.click(await within(dialog).findByRole('button', { name: /What you know/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('row', { name: /Showroom lighting/ }));
    const edit = await screen.findByRole('dialog', { name: 'Edit sale' });
    await waitFor(() => expect(toggle(edit).getAttribute('aria-expanded')).toBe('true'));
    expect(within(edit).getByText('A plan in one day')).toBeTruthy();
  });

  it('says nothing when there is no note, and a quiet line when they cannot be read', async () => {
    const none = await newSale({ 'training.forSale': () => [] });
    await pickCustomer(none, none.dialog);
    await waitFor(() => expect(none.bridge.callsTo('training.forSale')).toHaveLength(1));
    expect(within(none.dialog).queryByRole('button', { name: /What you know/ })).toBeNull();
    none.unmount();

    const broken = await newSale({ 'training.forSale': fails('internal', 'disk error') });
    await pickCustomer(broken, broken.dialog);
    expect((await within(broken.dialog).findByRole('status')).textContent).toBe("Couldn't load your training notes");
  });

  it('speaks Italian', async () => {
    const app = renderApp(handlers, { settings: { language: 'it' } });
    await screen.findByRole('table');
    await app.user.keyboard('{Control>}n{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Nuova vendita' });
    await app.user.selectOptions(within(dialog).getByLabelText(/^Prodotto/), 'Consulting day');
    const button = await within(dialog).findByRole('button', { name: /Cosa sai/ });
    await app.user.click(button);
    expect(within(dialog).getByText('Vantaggi')).toBeTruthy();
    expect(within(dialog).getByText('Prodotto', { selector: '.training-panel-subject' })).toBeTruthy();
  });
});
