// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedInput } from '../../../src-main/shared/api';
import { PRODUCTS, saleFixture, TECHNIQUES } from '../fixtures';
import { renderApp } from '../renderApp';

afterEach(cleanup);

const TOTAL = 100_000;

/** A sales log of 100,000 deals that exists only one page at a time, as a database would serve it. */
function salesPage({ offset, limit }: ParsedInput<'sales.list'>): {
  items: ReturnType<typeof saleFixture>[];
  total: number;
} {
  const count = Math.max(0, Math.min(limit, TOTAL - offset));
  const items = Array.from({ length: count }, (_, i) =>
    saleFixture({ id: offset + i + 1, title: `Deal ${offset + i + 1}`, amountMinor: 1000 * (offset + i + 1) }),
  );
  return { items, total: TOTAL };
}

function renderSales(): ReturnType<typeof renderApp> {
  return renderApp({
    'sales.list': salesPage,
    'products.list': () => PRODUCTS,
    'techniques.list': () => TECHNIQUES,
  });
}

const lastQuery = (app: ReturnType<typeof renderApp>): unknown => app.bridge.callsTo('sales.list').at(-1);

describe('sales list', () => {
  it('shows one page of rows with the total, formatted for the locale', async () => {
    renderSales();
    const table = await screen.findByRole('table', { name: 'Sales' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('1–50 of 100,000')).toBeTruthy();
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByText('Deal 1')).toBeTruthy();
    expect(within(first).getByText('€10.00')).toBeTruthy();
    expect(within(first).getByText('20 Jan 2026')).toBeTruthy();
    expect(within(first).getByText('Won')).toBeTruthy();
  });

  it('puts the whole of every text that may be cut short in its cell tooltip', async () => {
    const long = 'Showroom lighting for the three new stores in Milano, Torino and Bologna';
    renderApp({
      'sales.list': () => ({
        items: [
          saleFixture({ title: long, customerName: 'Bianchi Arredamenti S.r.l.', productName: 'Consulting day' }),
        ],
        total: 1,
      }),
      'products.list': () => PRODUCTS,
      'techniques.list': () => TECHNIQUES,
    });
    const table = await screen.findByRole('table', { name: 'Sales' });
    const title = within(table).getByText(long);
    expect(title.getAttribute('title')).toBe(long);
    expect(title.classList.contains('truncate')).toBe(true);
    expect(within(table).getByText('Bianchi Arredamenti S.r.l.').getAttribute('title')).toBe(
      'Bianchi Arredamenti S.r.l.',
    );
    expect(within(table).getByText('Consulting day').getAttribute('title')).toBe('Consulting day');
    // Numbers, dates and the status keep their width and are never cut.
    expect(within(table).getByText('€1,250.00').classList.contains('col-fit')).toBe(true);
    expect(within(table).getByText('20 Jan 2026').classList.contains('col-fit')).toBe(true);
  });

  it('asks the backend for the next page and for another page size', async () => {
    const app = renderSales();
    await screen.findByText('1–50 of 100,000');
    await app.user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('51–100 of 100,000')).toBeTruthy();
    expect(lastQuery(app)).toMatchObject({ offset: 50, limit: 50, sort: 'date', dir: 'desc' });

    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '100');
    expect(await screen.findByText('1–100 of 100,000')).toBeTruthy();
    expect(lastQuery(app)).toMatchObject({ offset: 0, limit: 100 });
  });

  it('draws every row of a 100-row page, and of a 200-row page only a window, numbered for screen readers', async () => {
    const app = renderSales();
    await screen.findByText('1–50 of 100,000');
    const pageSize = screen.getByRole('combobox', { name: 'Rows per page' });
    await app.user.selectOptions(pageSize, '100');
    await screen.findByText('1–100 of 100,000');
    const table = screen.getByRole('table', { name: 'Sales' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(101));
    expect(table.hasAttribute('aria-rowcount')).toBe(false);

    await app.user.selectOptions(pageSize, '200');
    await screen.findByText('1–200 of 100,000');
    await waitFor(() => expect(table.getAttribute('aria-rowcount')).toBe('201'));
    // Drawn whole until the virtualizer's code has come (the first long table loads it: on a busy
    // machine, seconds), then a window.
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeLessThan(60), { timeout: 10_000 });
    const rows = within(table).getAllByRole('row');
    // The header, and the body rows from the first down to the window's end plus ten.
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows.map((row) => row.getAttribute('aria-rowindex'))).toEqual(rows.map((_, i) => String(i + 1)));
    expect(within(rows[1]!).getByText('Deal 1')).toBeTruthy();
    expect(within(rows.at(-1)!).getByText(`Deal ${rows.length - 1}`)).toBeTruthy();
    expect(within(table).queryByText('Deal 200')).toBeNull();
  });

  it('tabs on from the last drawn row of a long page to the next, which Enter opens', async () => {
    const app = renderSales();
    await screen.findByText('1–50 of 100,000');
    await app.user.selectOptions(screen.getByRole('combobox', { name: 'Rows per page' }), '200');
    const table = screen.getByRole('table', { name: 'Sales' });
    await waitFor(() => expect(table.getAttribute('aria-rowcount')).toBe('201'));
    const last = within(table).getAllByRole('row').at(-1)!;
    const index = Number(last.getAttribute('aria-rowindex'));
    last.focus();
    await app.user.tab();
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-rowindex')).toBe(String(index + 1)));
    expect(within(document.activeElement as HTMLElement).getByText(`Deal ${index}`)).toBeTruthy();
    await app.user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Edit sale' });
    expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe(`Deal ${index}`);
  });

  it('sorts by the clicked column, toggling direction, and marks it with aria-sort', async () => {
    const app = renderSales();
    await screen.findByText('1–50 of 100,000');
    const amount = (): HTMLElement => screen.getByRole('columnheader', { name: /Amount/ });
    expect(screen.getByRole('columnheader', { name: /Date/ }).getAttribute('aria-sort')).toBe('descending');

    await app.user.click(within(amount()).getByRole('button'));
    await waitFor(() => expect(lastQuery(app)).toMatchObject({ sort: 'amount', dir: 'desc', offset: 0 }));
    expect(amount().getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('columnheader', { name: /Date/ }).getAttribute('aria-sort')).toBeNull();

    await app.user.click(within(amount()).getByRole('button'));
    await waitFor(() => expect(lastQuery(app)).toMatchObject({ sort: 'amount', dir: 'asc' }));
    expect(amount().getAttribute('aria-sort')).toBe('ascending');

    await app.user.click(within(screen.getByRole('columnheader', { name: /Customer/ })).getByRole('button'));
    await waitFor(() => expect(lastQuery(app)).toMatchObject({ sort: 'customer', dir: 'asc' }));
  });

  it('filters by status, product, technique, dates and debounced search, back on page one', async () => {
    const app = renderSales();
    await screen.findByText('1–50 of 100,000');
    await app.user.click(screen.getByRole('button', { name: 'Next page' }));
    await app.user.click(within(screen.getByRole('group', { name: 'Status' })).getByRole('checkbox', { name: 'Won' }));
    await app.user.click(within(screen.getByRole('group', { name: 'Status' })).getByRole('checkbox', { name: 'Lost' }));
    await waitFor(() => expect(lastQuery(app)).toMatchObject({ statuses: ['won', 'lost'], offset: 0 }));

    await app.user.selectOptions(screen.getByLabelText('Product'), 'Consulting day');
    await app.user.selectOptions(screen.getByLabelText('Technique'), 'Trial close');
    await waitFor(() => expect(lastQuery(app)).toMatchObject({ productId: 1, techniqueId: 2 }));

    await app.user.type(screen.getByLabelText('From'), '2026-01-01');
    await waitFor(() => expect(lastQuery(app)).toMatchObject({ from: '2026-01-01' }));

    const callsBefore = app.bridge.callsTo('sales.list').length;
    await app.user.type(screen.getByRole('searchbox', { name: 'Search sales' }), 'lighting');
    await waitFor(() => expect(lastQuery(app)).toMatchObject({ search: 'lighting' }));
    // Debounced: one request for the whole word, not one per keystroke.
    expect(app.bridge.callsTo('sales.list').length - callsBefore).toBe(1);

    await app.user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(lastQuery(app)).toEqual({ sort: 'date', dir: 'desc', limit: 50, offset: 0 }));
  });

  it('opens the sale for editing from a row, with the keyboard', async () => {
    const app = renderSales();
    const table = await screen.findByRole('table', { name: 'Sales' });
    within(table).getAllByRole('row')[2]!.focus();
    await app.user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Edit sale' });
    expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe('Deal 2');
    expect((within(dialog).getByLabelText('Amount') as HTMLInputElement).value).toBe('20.00');
  });

  it('says when nothing matches and offers to clear the filters', async () => {
    const app = renderApp({
      'sales.list': (query) => (query.search ? { items: [], total: 0 } : salesPage(query)),
      'products.list': () => [],
      'techniques.list': () => [],
    });
    await screen.findByText('1–50 of 100,000');
    await app.user.type(screen.getByRole('searchbox', { name: 'Search sales' }), 'zzz');
    expect(await screen.findByRole('heading', { name: 'No sales match these filters' })).toBeTruthy();
    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await app.user.click(clear[clear.length - 1]!);
    expect(await screen.findByText('1–50 of 100,000')).toBeTruthy();
  });

  it('invites the first sale when the log is empty', async () => {
    const app = renderApp({
      'sales.list': () => ({ items: [], total: 0 }),
      'products.list': () => [],
      'techniques.list': () => [],
    });
    expect(await screen.findByRole('heading', { name: 'No sales yet' })).toBeTruthy();
    const buttons = screen.getAllByRole('button', { name: /New sale/ });
    await app.user.click(buttons[buttons.length - 1]!);
    expect(await screen.findByRole('dialog', { name: 'New sale' })).toBeTruthy();
  });
});
