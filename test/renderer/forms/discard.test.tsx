// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeHandlers } from '../fakeApi';
import { customerFixture, PRODUCTS, saleFixture, TECHNIQUES } from '../fixtures';
import { emitWhenHeard, renderApp, type RenderedApp } from '../renderApp';

afterEach(cleanup);

const handlers: FakeHandlers = {
  'sales.list': () => ({ items: [saleFixture()], total: 1 }),
  'products.list': () => PRODUCTS,
  'techniques.list': () => TECHNIQUES,
  'customers.list': () => ({ items: [customerFixture()], total: 1 }),
  'customers.facets': () => ({ segments: [], regions: [], industries: [] }),
};

async function openNewSale(): Promise<RenderedApp & { dialog: HTMLElement }> {
  const app = renderApp(handlers);
  await screen.findByRole('table');
  await app.user.keyboard('{Control>}n{/Control}');
  const dialog = await screen.findByRole('dialog', { name: 'New sale' });
  return { ...app, dialog };
}

/** The question asked before typed work is thrown away. */
const question = (): HTMLElement => screen.getByRole('alertdialog', { name: 'Discard your changes?' });

describe('closing a form with changes', () => {
  it('Escape on a half-filled New sale asks; Keep editing keeps the values', async () => {
    const { dialog, user } = await openNewSale();
    await user.type(within(dialog).getByLabelText('Title'), 'Espresso machines');
    await user.type(within(dialog).getByLabelText('Amount'), '1200');

    await user.keyboard('{Escape}');
    const ask = question();
    expect(within(ask).getByRole('button', { name: 'Keep editing' })).toBe(document.activeElement);
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));

    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'New sale' })).toBe(dialog);
    expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe('Espresso machines');
    expect((within(dialog).getByLabelText('Amount') as HTMLInputElement).value).toBe('1200');
    // Escape on the question is Keep editing too: the form is the one thing not to lose.
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'New sale' })).toBe(dialog);
  });

  it('Discard closes the form, and reopening it starts empty', async () => {
    const { dialog, user } = await openNewSale();
    await user.type(within(dialog).getByLabelText('Title'), 'Espresso machines');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(question()).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.keyboard('{Control>}n{/Control}');
    const again = await screen.findByRole('dialog', { name: 'New sale' });
    expect((within(again).getByLabelText('Title') as HTMLInputElement).value).toBe('');
  });

  it('a form without changes closes at once, by Escape, Cancel or the close button', async () => {
    const { user } = await openNewSale();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('{Control>}n{/Control}');
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('{Control>}n{/Control}');
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('a typed-in then restored form is clean again', async () => {
    const { dialog, user } = await openNewSale();
    const title = within(dialog).getByLabelText('Title');
    await user.type(title, 'x');
    await user.clear(title);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the customer form asks on its close button, and the question speaks Italian', async () => {
    const { user, bridge } = renderApp(handlers, { settings: { language: 'it' } });
    await screen.findByRole('table');
    await emitWhenHeard(bridge, 'menu.command', { command: 'new-customer' });
    const dialog = await screen.findByRole('dialog', { name: 'Nuovo cliente' });
    await user.type(within(dialog).getByLabelText('Nome'), 'Bottega Rossi');
    await user.click(within(dialog).getByRole('button', { name: 'Chiudi' }));
    const ask = screen.getByRole('alertdialog', { name: 'Scartare le modifiche?' });
    await user.click(within(ask).getByRole('button', { name: 'Scarta' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.callsTo('customers.create')).toEqual([]);
  });
});

describe('Escape after a click on the dim background', () => {
  it('still closes a clean side panel', async () => {
    const { user } = await openNewSale();
    await user.click(document.querySelector<HTMLElement>('.overlay')!);
    expect(screen.getByRole('dialog', { name: 'New sale' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('still asks before closing a side panel with changes, and only the top dialog answers', async () => {
    const { dialog, user } = await openNewSale();
    await user.type(within(dialog).getByLabelText('Title'), 'Espresso machines');
    await user.click(document.querySelector<HTMLElement>('.overlay')!);
    await user.keyboard('{Escape}');
    const ask = question();
    await user.click(document.querySelectorAll<HTMLElement>('.overlay')[1]!);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'New sale' })).toBe(dialog);
    expect(ask.isConnected).toBe(false);
  });
});
