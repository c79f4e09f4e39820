/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, startApp, type E2EApp } from './harness';

/**
 * A page of 200 sales from the sample book, in Chromium over the real backend: only the rows
 * near the window are in the page, yet every row is reached by scrolling and by the keyboard,
 * screen readers are told the whole, and the columns hold still while scrolling.
 */
let app: E2EApp;
let page: E2EApp['page'];

beforeAll(async () => {
  app = await startApp('long-lists');
  page = app.page;
  await openSampleData(app);
  await page.locator('.pagination select').selectOption('200');
  // Drawn whole until the virtualizer's code has come, then a window numbered row by row.
  await page.locator('main table[aria-rowcount="201"] tbody > tr[aria-rowindex]').first().waitFor();
}, 180_000);

afterAll(() => app?.close());

const table = (): ReturnType<E2EApp['page']['locator']> => page.locator('main table[aria-rowcount="201"]');

/** The aria-rowindex of every body row in the page, in order. */
const drawnRows = (): Promise<number[]> =>
  table()
    .locator('tbody > tr[aria-rowindex]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('aria-rowindex'))));

const scrollMain = (to: 'top' | 'bottom'): Promise<void> =>
  page.locator('main').evaluate((main, where) => main.scrollTo(0, where === 'top' ? 0 : main.scrollHeight), to);

/** The left edges of the column headers. */
const columnEdges = (): Promise<number[]> =>
  table()
    .locator('thead th')
    .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().left));

/** The focused row's aria-rowindex, and whether it is wholly inside the scrolling box. */
const focusedRow = (): Promise<{ index: number; inView: boolean }> =>
  page.evaluate(() => {
    const row = document.activeElement!.closest('tr')!;
    const box = document.querySelector('main')!.getBoundingClientRect();
    const rect = row.getBoundingClientRect();
    return {
      index: Number(row.getAttribute('aria-rowindex')),
      inView: rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1,
    };
  });

/** The row that has the focus: its aria-rowindex (null for none) and its sale's title. */
const focusedSale = (): Promise<{ index: string | null; title: string }> =>
  page.evaluate(() => {
    const row = document.activeElement?.closest('tr');
    return { index: row?.getAttribute('aria-rowindex') ?? null, title: row?.cells[1]?.innerText ?? '' };
  });

describe('a page of 200 sales', () => {
  it('has only a window of its rows in the page, numbered from the header down', async () => {
    await expect.poll(() => page.locator('.page-range').textContent()).toMatch(/^1–200 of/);
    const rows = await drawnRows();
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.length).toBeLessThan(50);
    expect(rows).toEqual(rows.map((_, i) => i + 2));
    expect(await table().locator('thead tr').getAttribute('aria-rowindex')).toBe('1');
    // The page's pictures at 1280 px, light and dark.
    await app.shot('long-list-sales-top-en-light');
  });

  it('shows the last row at the bottom, with the columns where they were', async () => {
    const edges = await columnEdges();
    await scrollMain('bottom');
    const last = table().locator('tbody > tr[aria-rowindex="201"]');
    await last.waitFor();
    expect(await last.evaluate((row) => row.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    // Nothing below the last row: the empty rows standing for the others end where it starts.
    expect(await table().locator('tbody > tr:last-child').getAttribute('aria-rowindex')).toBe('201');
    expect((await drawnRows()).length).toBeLessThan(50);
    expect(await columnEdges()).toEqual(edges);
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.shot('long-list-sales-bottom-en-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('tabs through rows past the first window, each scrolled into view', async () => {
    await scrollMain('top');
    await table().locator('tbody > tr[aria-rowindex="2"]').focus();
    for (let i = 0; i < 60; i++) await page.keyboard.press('Tab');
    expect(await focusedRow()).toEqual({ index: 62, inView: true });
    expect(Math.min(...(await drawnRows()))).toBeGreaterThan(2);
  });

  it('keeps the focused row while the page scrolls away, and tabs on from it', async () => {
    await scrollMain('top');
    await table().locator('tbody > tr[aria-rowindex="5"]').focus();
    await scrollMain('bottom');
    await table().locator('tbody > tr[aria-rowindex="201"]').waitFor();
    expect(await table().locator('tbody > tr[aria-rowindex="5"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await focusedRow()).toEqual({ index: 6, inView: true });
  });

  it('goes back with Shift+Tab to a row above the window', async () => {
    // A row that no longer has the focus is no longer kept.
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await scrollMain('bottom');
    await table().locator('tbody > tr[aria-rowindex="201"]').waitFor();
    const first = Math.min(...(await drawnRows()));
    expect(first).toBeGreaterThan(100);
    await table().locator(`tbody > tr[aria-rowindex="${first}"]`).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedRow()).toEqual({ index: first - 1, inView: true });
  });

  it('stays where it is scrolled when the rows come again in another order', async () => {
    await scrollMain('top');
    await page.locator('main').evaluate((main) => main.scrollTo(0, 2000));
    // Clicked where it is, without scrolling it into view as a pointer click would; a click
    // focuses the button (otherwise the row focused before would be kept, and scrolled to, in
    // its new place).
    const sort = page.getByRole('columnheader', { name: /Amount/ }).getByRole('button');
    await sort.evaluate((button) => (button as HTMLElement).focus({ preventScroll: true }));
    await sort.dispatchEvent('click');
    await expect
      .poll(() => page.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort'))
      .toBe('descending');
    await expect.poll(() => table().getAttribute('aria-busy')).toBe('false');
    expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(2000);
    const rows = await drawnRows();
    expect(Math.min(...rows)).toBeGreaterThan(20);
    expect(rows.length).toBeLessThan(50);
  });

  it('starts the next page at its top', async () => {
    await scrollMain('bottom');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.locator('.page-range').textContent()).toMatch(/^201–400 of/);
    expect(await page.locator('main').evaluate((main) => main.scrollTop)).toBe(0);
    expect((await drawnRows())[0]).toBe(2);
    expect(app.problems).toEqual([]);
  });

  it('keeps its header row at the top of the window while the rows scroll under it', async () => {
    /** Where a header cell is against the top of the scrolling box, what shows at its middle, and whether the box scrolls sideways. */
    const header = (): Promise<{ offset: number; onTop: boolean; sideways: boolean }> =>
      page.evaluate(() => {
        const main = document.querySelector('main')!;
        const head = main.querySelector('table[aria-rowcount] thead th:nth-child(2)')!.getBoundingClientRect();
        const atMiddle = document.elementFromPoint(head.left + head.width / 2, head.top + head.height / 2);
        const wrap = main.querySelector('.table-wrap')!;
        return {
          offset: Math.round(head.top - main.getBoundingClientRect().top),
          onTop: Boolean(atMiddle?.closest('thead')),
          sideways: wrap.scrollWidth > wrap.clientWidth && getComputedStyle(wrap).overflowX === 'auto',
        };
      });
    for (const [code, width] of [
      ['en', 1280],
      ['en', 900],
      ['it', 1280],
      ['it', 900],
    ] as const) {
      if (code === 'it' && width === 1280) await switchLanguage('it');
      await page.setViewportSize({ width, height: 800 });
      await scrollMain('top');
      await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight / 2));
      await expect.poll(header).toEqual({ offset: 0, onTop: true, sideways: false });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await app.shot(`long-list-sales-middle-${width}-${code}-${scheme}`);
      }
    }
    await switchLanguage('en');
    // Narrower than the table's least width (a browser window, the app's is wider), the box
    // scrolls sideways and the header goes up with the page.
    await page.setViewportSize({ width: 600, height: 800 });
    await page.locator('main').evaluate((main) => main.scrollTo(0, main.scrollHeight / 2));
    await expect.poll(async () => (await header()).sideways).toBe(true);
    expect((await header()).onTop).toBe(false);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(app.problems).toEqual([]);
  });
});

describe('a sale edited from the keyboard on a page of 200', () => {
  it('keeps the focus when its new amount moves it down the page', async () => {
    await scrollMain('top');
    // Largest first, whatever order an earlier test left: a click turns it, a second back.
    const amount = page.getByRole('columnheader', { name: /Amount/ });
    for (const order of ['ascending', 'descending']) {
      await amount.getByRole('button').click();
      await expect.poll(() => amount.getAttribute('aria-sort')).toBe(order);
    }
    await expect.poll(() => table().getAttribute('aria-busy')).toBe('false');
    const cellText = (index: number, cell: number): Promise<string> =>
      table().locator(`tbody > tr[aria-rowindex="${index}"] > td`).nth(cell).innerText();
    const title = await cellText(4, 1);
    // Just under the tenth sale's amount (amounts here are whole euros): it goes down past every
    // other sale of that amount or more, which are all drawn.
    const amountOf = (text: string): number => Number(text.replace(/[^\d.]/g, ''));
    const tenth = amountOf(await cellText(11, 4));
    const amounts = await table()
      .locator('tbody > tr[aria-rowindex] > td:nth-child(5)')
      .evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).innerText));
    const above = amounts.map(amountOf).filter((amount, i) => i !== 2 && amount >= tenth).length;
    await table().locator('tbody > tr[aria-rowindex="4"]').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Amount').fill((tenth - 0.01).toFixed(2));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    // The header is row 1.
    await expect.poll(focusedSale).toEqual({ index: String(above + 2), title });
    expect(above + 2).toBeGreaterThan(4);
    expect(app.problems).toEqual([]);
  });
});

describe('a sale being edited while the list changes under it', () => {
  it('gets the focus back, in its new place, when the dialog closes', async () => {
    await scrollMain('top');
    const amount = page.getByRole('columnheader', { name: /Amount/ });
    await expect.poll(() => amount.getAttribute('aria-sort')).toBe('descending');
    const rowTitle = (index: number): Promise<string> =>
      table().locator(`tbody > tr[aria-rowindex="${index}"] > td`).nth(1).innerText();
    const title = await rowTitle(4);
    await table().locator('tbody > tr[aria-rowindex="4"]').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Meanwhile a sale larger than any comes in (another window, the command line): every row
    // moves down one and is drawn again, the one the dialog was opened from too.
    await page.evaluate(async () => {
      const { rapport } = window as unknown as {
        rapport: { invoke: (channel: string, input: unknown) => Promise<{ ok: boolean; value?: unknown }> };
      };
      const customers = (await rapport.invoke('customers.list', { limit: 1 })).value as { items: { id: number }[] };
      const made = await rapport.invoke('sales.create', {
        title: 'Framework agreement',
        customerId: customers.items[0]!.id,
        amountMinor: 99_999_999_00,
        currency: 'EUR',
        status: 'won',
        openedOn: '2026-11-02',
        closedOn: '2026-11-30',
      });
      if (!made.ok) throw new Error(JSON.stringify(made));
    });
    await expect.poll(() => rowTitle(2)).toContain('Framework agreement');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(focusedSale).toEqual({ index: '5', title });
    expect(app.problems).toEqual([]);
  });
});

/** The app's language, saved in Settings, then back on the page of 200 sales. */
async function switchLanguage(code: 'en' | 'it'): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await page.locator('#setting-language').selectOption(code);
  await page.getByRole('button', { name: /^(Save changes|Salva le modifiche)$/ }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
  await page.evaluate(() => (window.location.hash = '#/sales'));
  await page.locator('.pagination select').selectOption('200');
  await page.locator('main table[aria-rowcount="201"] tbody > tr[aria-rowindex]').first().waitFor();
}
