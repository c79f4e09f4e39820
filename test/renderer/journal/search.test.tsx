// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../src-main/features/search/contract';
import type { FakeHandlers } from '../fakeApi';
import { customerFixture, saleFixture, TECHNIQUES } from '../fixtures';
import { fixToday, renderApp } from '../renderApp';
import { entryFixture, hitFixture } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));

const RESULT: SearchResult = {
  items: [
    hitFixture({ kind: 'sale', id: 7, title: 'Showroom lighting', date: '2026-01-20' }),
    hitFixture(),
    hitFixture({ kind: 'customer', id: 3, title: 'Anna Moretti', date: null, customerId: 3 }),
    hitFixture({ kind: 'journal', id: 2, title: 'Second visit', date: '2026-02-02' }),
    hitFixture({ kind: 'technique', id: 1, title: 'SPIN questions', date: null, customerId: null }),
  ],
  total: 5,
  counts: { journal: 2, technique: 1, sale: 1, customer: 1, complaint: 0, training: 0, library: 0, highlight: 0 },
};

const base: FakeHandlers = {
  'sales.list': () => ({ items: [saleFixture()], total: 1 }),
  'customers.list': () => ({ items: [customerFixture()], total: 1 }),
  'customers.facets': () => ({ segments: [], regions: [], industries: [] }),
  'products.list': () => [],
  'techniques.list': () => TECHNIQUES,
  'care.followups.count': () => ({ asOf: '2026-03-16', overdue: 0, today: 0, due: 0 }),
  'search.query': ({ text }) => (text === 'zzz' ? { items: [], total: 0, counts: RESULT.counts } : RESULT),
};

async function openSearch(handlers: FakeHandlers = {}) {
  const app = renderApp({ ...base, ...handlers });
  await screen.findByRole('table');
  screen.getByRole('link', { name: 'Sales' }).focus();
  await app.user.keyboard('/');
  const dialog = await screen.findByRole('dialog', { name: 'Search' });
  return { ...app, dialog, box: within(dialog).getByRole('combobox', { name: 'Search everything' }) };
}

describe('the app-wide search', () => {
  it('"/" opens it with the box focused, but not while typing in a field or over a dialog', async () => {
    const { user, box } = await openSearch();
    expect(document.activeElement).toBe(box);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull();

    // Typing "/" in a field is typing.
    const filter = screen.getByRole('searchbox', { name: 'Search sales' });
    await user.type(filter, 'a/b');
    expect((filter as HTMLInputElement).value).toBe('a/b');
    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull();

    // Over an open dialog it stays a character too.
    await user.keyboard('{Control>}n{/Control}');
    const sale = await screen.findByRole('dialog', { name: 'New sale' });
    within(sale).getByRole('button', { name: 'Add sale' }).focus();
    await user.keyboard('/');
    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull();
  });

  it('cancels a search typed past before it was answered, and shows only the current one', async () => {
    let answerPrice: () => void = () => undefined;
    const { user, box, dialog, bridge } = await openSearch({
      'search.query': ({ text }) =>
        text === 'price'
          ? new Promise<SearchResult>((resolve) => (answerPrice = () => resolve(RESULT)))
          : { items: [], total: 0, counts: RESULT.counts },
    });
    await user.type(box, 'price');
    await waitFor(() => expect(bridge.callsTo('search.query').map((call) => call.text)).toEqual(['price']));
    await user.type(box, 'zz');
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('No results for “pricezz”'));
    expect(bridge.cancelled()).toEqual([
      { channel: 'search.query', input: { text: 'price', order: 'best', limit: 40 } },
    ]);
    // The abandoned search's answer, should it still come, is not shown over the current one.
    answerPrice();
    await bridge.idle();
    expect(within(dialog).getByRole('status').textContent).toBe('No results for “pricezz”');
    expect(within(dialog).queryByRole('listbox')).toBeNull();
  });

  it('searches as the user types, groups hits by kind and marks the words found', async () => {
    const { user, box, dialog, bridge } = await openSearch();
    await user.type(box, 'citta');
    const results = await within(dialog).findByRole('listbox', { name: 'Results' });
    expect(bridge.callsTo('search.query').at(-1)).toEqual({ text: 'citta', order: 'best', limit: 40 });
    // Asked once the typing paused, not on every key.
    expect(bridge.callsTo('search.query').map((call) => call.text)).not.toContain('cit');

    const groups = within(results).getAllByRole('group');
    expect(groups.map((group) => group.getAttribute('aria-labelledby') && group.firstChild?.textContent)).toEqual([
      'Journal2',
      'Techniques1',
      'Sales1',
      'Customers1',
    ]);
    expect(
      within(groups[0]!)
        .getAllByRole('option')
        .map((o) => o.querySelector('.search-hit-title')?.firstChild?.textContent),
    ).toEqual(['Price objection at Bianchi', 'Second visit']);
    const marks = results.querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toContain('città');
    expect(within(dialog).getByRole('status').textContent).toBe('5 results');
  });

  it('moves through the hits with the arrows and opens a journal entry with Enter', async () => {
    const { user, box } = await openSearch({ 'journal.get': ({ id }) => entryFixture({ id, title: 'Second visit' }) });
    await user.type(box, 'citta');
    const options = within(await screen.findByRole('listbox', { name: 'Results' })).getAllByRole('option');
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    await user.keyboard('{ArrowDown}');
    expect(options[1]!.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(options.at(-1)!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull();
    expect(await screen.findByRole('dialog', { name: 'Second visit' })).toBeTruthy();
  });

  it('opens a sale in its editor and a technique on the techniques page', async () => {
    const { user, box, bridge } = await openSearch({ 'sales.get': ({ id }) => saleFixture({ id }) });
    await user.type(box, 'citta');
    await user.click(
      within(await screen.findByRole('listbox', { name: 'Results' })).getByRole('option', {
        name: /Showroom lighting/,
      }),
    );
    expect(await screen.findByRole('dialog', { name: 'Edit sale' })).toBeTruthy();
    expect(bridge.callsTo('sales.get')).toEqual([{ id: 7 }]);
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: /Search/ }));
    await user.type(await screen.findByRole('combobox', { name: 'Search everything' }), 'spin');
    await user.click(
      within(await screen.findByRole('listbox', { name: 'Results' })).getByRole('option', { name: /SPIN questions/ }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Journal' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Techniques' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('article', { name: 'SPIN questions' })));
  });

  it('says when nothing matches, and orders by newest on request', async () => {
    const { user, box, dialog, bridge } = await openSearch();
    await user.type(box, 'zzz');
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('No results for “zzz”'));
    expect(within(dialog).queryByRole('listbox')).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'Newest' }));
    await waitFor(() =>
      expect(bridge.callsTo('search.query').at(-1)).toEqual({ text: 'zzz', order: 'newest', limit: 40 }),
    );
  });
});
