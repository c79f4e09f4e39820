/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { openSampleData, startApp, type E2EApp } from './harness';

/**
 * A page of 200 journal entries and a page of 200 library covers (the largest page either offers),
 * in Chromium over the real backend: only the entries, or the rows of covers, near the window are
 * in the page, yet every one is reached by scrolling and by the keyboard, screen readers are told
 * each one's place among all of them, and the list is as tall as with every item drawn. Then
 * pictures of both, scrolled to the middle, at 1280 and 900 px, en and it, light and dark.
 */
let app: E2EApp;
let page: E2EApp['page'];

const SIZE = 200;

type List = ReturnType<E2EApp['page']['locator']>;

/** Calls the app's own API from the page, as the screens do. */
const call = (channel: string, inputs: unknown[]): Promise<void> =>
  page.evaluate(
    async ({ channel, inputs }) => {
      const bridge = (
        window as unknown as {
          rapport: { invoke: (c: string, i: unknown) => Promise<{ ok: boolean; error?: unknown }> };
        }
      ).rapport;
      for (const input of inputs) {
        const reply = await bridge.invoke(channel, input);
        if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
      }
    },
    { channel, inputs },
  );

/** Entries and items of varying height: one line of text or three, tags or none, people or none. */
const LOREM = 'Asked about the timing before the price, then let the buyer talk about the season and the shop. ';
const entries = Array.from({ length: SIZE + 20 }, (_, i) => ({
  date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
  title: `Visit ${i + 1}${i % 5 === 0 ? ': a longer title about a follow-up call that ran over time' : ''}`,
  body: LOREM.repeat(1 + (i % 4)),
  outcome: i % 3 === 0 ? 'worked' : null,
  tags: i % 2 === 0 ? ['visit', `week-${i % 9}`] : [],
}));
const items = Array.from({ length: SIZE + 20 }, (_, i) => ({
  kind: i % 3 === 0 ? 'book' : 'article',
  title: `Reading ${i + 1}${i % 4 === 0 ? ' on the long art of asking questions' : ''}`,
  people: i % 2 === 0 ? [{ name: `Author ${i + 1}`, role: 'author' }] : [],
  status: i % 5 === 0 ? 'done' : 'want',
  rating: i % 5 === 0 ? 4 : null,
}));

const main = (): List => page.locator('main');
const scrollMain = (to: number | 'bottom'): Promise<void> =>
  main().evaluate((box, where) => {
    box.scrollTo(0, where === 'bottom' ? box.scrollHeight : where);
    // The virtualizer draws on the scroll event: wait for its frame.
    return new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  }, to);

/** The drawn items' places (aria-posinset) and set sizes, in the order they are in the page. */
const drawn = (list: List): Promise<{ places: number[]; sizes: number[] }> =>
  list.evaluate((element) => {
    const placed = [...element.querySelectorAll('[aria-posinset]')];
    return {
      places: placed.map((item) => Number(item.getAttribute('aria-posinset'))),
      sizes: [...new Set(placed.map((item) => Number(item.getAttribute('aria-setsize'))))],
    };
  });

/**
 * Scrolls the page from its top to its bottom, a window at a time: every item's place met on the
 * way, and the height of each drawn entry, or row of covers, by its index.
 */
async function scrollThrough(list: List): Promise<{ seen: Set<number>; heights: number[] }> {
  const seen = new Set<number>();
  const heights: number[] = [];
  const height = await main().evaluate((box) => box.scrollHeight);
  for (let top = 0; top <= height + 500; top += 500) {
    await scrollMain(top);
    for (const place of (await drawn(list)).places) seen.add(place);
    const measured = await list.evaluate((element) =>
      [...element.querySelectorAll<HTMLElement>(':scope > [data-index]')].map((item) => [
        Number(item.dataset.index),
        item.getBoundingClientRect().height,
      ]),
    );
    for (const [index, size] of measured) heights[index!] = size!;
  }
  return { seen, heights };
}

/**
 * How far each drawn entry, or row, is from where it would be with every one drawn (the heights
 * of those before it and the list's gap after each), in whole pixels; and the same for the list's
 * end. All zero when the spaces standing for the items not drawn are exactly theirs.
 */
const offPlace = (list: List, heights: number[]): Promise<number[]> =>
  list.evaluate((element, sizes) => {
    const gap = Number.parseFloat(getComputedStyle(element).rowGap) || 0;
    const top = element.getBoundingClientRect().top;
    const before = (index: number): number => sizes.slice(0, index).reduce((sum, size) => sum + size + gap, 0);
    const items = [...element.querySelectorAll<HTMLElement>(':scope > [data-index]')];
    return [
      ...items.map((item) => item.getBoundingClientRect().top - top - before(Number(item.dataset.index))),
      element.getBoundingClientRect().height - before(sizes.length) + gap,
    ].map(Math.round);
  }, heights);

/** Where the first covers, or entries, are in the list (left, top, width, height), rounded. */
const firstPlaces = (list: List, selector: string): Promise<number[][]> =>
  list.evaluate((element, selector) => {
    const origin = element.getBoundingClientRect();
    return [...element.querySelectorAll(selector)]
      .slice(0, 12)
      .map((item) => item.getBoundingClientRect())
      .map((rect) => [rect.left - origin.left, rect.top - origin.top, rect.width, rect.height].map(Math.round));
  }, selector);

/**
 * The focused item's place, and whether what has the focus (a title, a cover, a box) is wholly
 * inside the scrolling box; null outside the items.
 */
const focused = (): Promise<{ place: number; inView: boolean } | null> =>
  page.evaluate(() => {
    const item = document.activeElement?.closest('[aria-posinset]');
    if (!item) return null;
    const box = document.querySelector('main')!.getBoundingClientRect();
    const rect = document.activeElement!.getBoundingClientRect();
    return {
      place: Number(item.getAttribute('aria-posinset')),
      inView: rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1,
    };
  });

/** Presses Tab from the focused item until the focus leaves the items: where it was at each press. */
async function tabAll(): Promise<{ place: number; inView: boolean }[]> {
  const steps = [(await focused())!];
  for (;;) {
    await page.keyboard.press('Tab');
    const step = await focused();
    if (!step) return steps;
    steps.push(step);
  }
}

beforeAll(async () => {
  app = await startApp('long-pages');
  page = app.page;
  await openSampleData(app);
  await call('journal.create', entries);
  await call('library.create', items);
}, 180_000);

afterAll(() => app?.close());

describe('a page of 200 journal entries', () => {
  const timeline = (): List => page.getByRole('list', { name: 'Journal entries, newest first' });

  it('draws its first entries where a page of 100, drawn whole, has them', async () => {
    await page.getByRole('link', { name: 'Journal', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Journal', level: 1 }).waitFor();
    await page.locator('.pagination select').selectOption('100');
    await expect.poll(() => timeline().locator(':scope > li').count()).toBe(100);
    const whole = await firstPlaces(timeline(), ':scope > li');
    await page.locator('.pagination select').selectOption(String(SIZE));
    await timeline().locator(`li[aria-setsize="${SIZE}"]`).first().waitFor();
    expect(await firstPlaces(timeline(), ':scope > li[aria-posinset]')).toEqual(whole);
  });

  it('has only a window of its entries in the page, each told its place among 200', async () => {
    await expect.poll(() => page.locator('.page-range').textContent()).toMatch(/^1–200 of/);
    const { places, sizes } = await drawn(timeline());
    expect(places.length).toBeGreaterThan(5);
    expect(places.length).toBeLessThan(40);
    expect(places).toEqual(places.map((_, i) => i + 1));
    expect(sizes).toEqual([SIZE]);
    expect(await timeline().evaluate((list) => list.tagName)).toBe('OL');
  });

  it('reaches every entry by scrolling, each where it would be with all of them drawn', async () => {
    const { seen, heights } = await scrollThrough(timeline());
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: SIZE }, (_, i) => i + 1));
    expect(heights.filter(Boolean)).toHaveLength(SIZE);
    // Heights differ (one line of text or three, tags or none): each was measured as drawn.
    expect(new Set(heights).size).toBeGreaterThan(2);
    for (const top of [0, 6000, 'bottom'] as const) {
      await scrollMain(top);
      expect(new Set(await offPlace(timeline(), heights))).toEqual(new Set([0]));
    }
    expect((await drawn(timeline())).places).toContain(SIZE);
    expect((await drawn(timeline())).places.length).toBeLessThan(40);
    await scrollMain(6000);
    expect(await axeViolations(page, 'journal, 200 entries, scrolled')).toEqual([]);
  });

  it('tabs through every entry, from the first to the last, each scrolled into view', async () => {
    await scrollMain(0);
    await timeline().getByRole('button').first().focus();
    const steps = await tabAll();
    expect([...new Set(steps.map((step) => step.place))]).toEqual(Array.from({ length: SIZE }, (_, i) => i + 1));
    expect(steps.filter((step) => !step.inView)).toEqual([]);
    expect((await drawn(timeline())).places.length).toBeLessThan(40);
  }, 120_000);

  it('goes back with Shift+Tab to an entry above the window', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await scrollMain('bottom');
    const first = Math.min(...(await drawn(timeline())).places);
    expect(first).toBeGreaterThan(100);
    await timeline().locator(`li[aria-posinset="${first}"]`).getByRole('button').first().focus();
    await page.keyboard.press('Shift+Tab');
    expect(
      await page.evaluate(() => document.activeElement?.closest('[aria-posinset]')?.getAttribute('aria-posinset')),
    ).toBe(String(first - 1));
    expect(app.problems).toEqual([]);
  });
});

describe('a page of 200 library covers', () => {
  const grid = (): List => page.getByRole('list', { name: 'Library items' });
  /** The columns the grid's style lays out, and the places of each drawn row's covers. */
  const rows = (): Promise<{ columns: number; rows: number[][] }> =>
    grid().evaluate((list) => ({
      columns: getComputedStyle(list).gridTemplateColumns.split(' ').length,
      rows: [...list.querySelectorAll('.library-grid-row')].map((row) =>
        [...row.querySelectorAll('[aria-posinset]')].map((card) => Number(card.getAttribute('aria-posinset'))),
      ),
    }));

  it('draws its first covers where a page of 100, drawn whole, has them', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await page.locator('.pagination select').selectOption('100');
    await expect.poll(() => grid().locator(':scope > li').count()).toBe(100);
    const whole = await firstPlaces(grid(), '.library-card');
    await page.locator('.pagination select').selectOption(String(SIZE));
    await grid().locator(`[aria-setsize="${SIZE}"]`).first().waitFor();
    expect(await firstPlaces(grid(), '.library-card[aria-posinset]')).toEqual(whole);
  });

  it('has only a window of its rows of covers in the page, each cover told its place among 200', async () => {
    await expect.poll(() => page.locator('.page-range').textContent()).toMatch(/^1–200 of/);
    const { places, sizes } = await drawn(grid());
    expect(places).toEqual(places.map((_, i) => i + 1));
    expect(places.length).toBeLessThan(60);
    expect(sizes).toEqual([SIZE]);
    // As many covers a row as the grid has columns, side by side.
    const { columns, rows: drawnRows } = await rows();
    expect(columns).toBeGreaterThan(3);
    expect(drawnRows.every((row) => row.length === columns)).toBe(true);
    const tops = await grid()
      .locator('.library-grid-row')
      .first()
      .evaluate((row) => [...row.children].map((card) => card.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
  });

  it('reaches every cover by scrolling, each row where it would be with all of them drawn', async () => {
    const { seen, heights } = await scrollThrough(grid());
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: SIZE }, (_, i) => i + 1));
    expect(new Set(heights).size).toBeGreaterThan(1);
    for (const top of [0, 4000, 'bottom'] as const) {
      await scrollMain(top);
      expect(new Set(await offPlace(grid(), heights))).toEqual(new Set([0]));
    }
    expect((await drawn(grid())).places).toContain(SIZE);
    // Its rows are no list items: the list's items are the covers, each with its place.
    await scrollMain(4000);
    expect(await grid().getByRole('listitem').count()).toBe((await drawn(grid())).places.length);
    expect(await axeViolations(page, 'library, 200 covers, scrolled')).toEqual([]);
  });

  it('tabs through every cover and its box, each scrolled into view', async () => {
    await scrollMain(0);
    await grid().getByRole('link').first().focus();
    const steps = await tabAll();
    // Each cover twice: its link, then its box.
    expect(steps.map((step) => step.place)).toEqual(Array.from({ length: 2 * SIZE }, (_, i) => 1 + Math.floor(i / 2)));
    expect(steps.filter((step) => !step.inView)).toEqual([]);
    expect((await drawn(grid())).places.length).toBeLessThan(60);
  }, 120_000);

  it('keeps a cover chosen far down the page while it scrolls away and back', async () => {
    await scrollMain('bottom');
    const box = grid()
      .locator(`[aria-posinset="${SIZE}"]`)
      .getByRole('checkbox', { name: /^Select “Reading/ });
    await box.check();
    await expect.poll(() => page.locator('.library-selection-count').textContent()).toBe('1 selected');
    // While something is chosen, every cover shows its box, as on a short page.
    await expect
      .poll(() =>
        grid()
          .locator(`[aria-posinset="${SIZE - 1}"] .library-check`)
          .evaluate((other) => getComputedStyle(other).opacity),
      )
      .toBe('1');
    // A cover that has the focus stays drawn: let it go, so it is drawn again when scrolled back to.
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await scrollMain(0);
    expect(await box.count()).toBe(0);
    await scrollMain('bottom');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await expect.poll(() => page.locator('.library-selection-count').textContent()).toBe('');
  });

  it('lays a narrower window out in fewer columns, every cover still reached', async () => {
    const wide = (await rows()).columns;
    await page.setViewportSize({ width: 900, height: 800 });
    await expect.poll(async () => (await rows()).columns).toBeLessThan(wide);
    const { columns, rows: drawnRows } = await rows();
    expect(drawnRows.slice(0, -1).every((row) => row.length === columns)).toBe(true);
    const { seen, heights } = await scrollThrough(grid());
    expect(seen.size).toBe(SIZE);
    await scrollMain(3000);
    expect(new Set(await offPlace(grid(), heights))).toEqual(new Set([0]));
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(app.problems).toEqual([]);
  });

  it('keeps the focus on a cover’s box while the window is narrowed and widened again', async () => {
    await scrollMain(3000);
    const { places } = await drawn(grid());
    const chosen = places[Math.floor(places.length / 2)]!;
    await grid().locator(`[aria-posinset="${chosen}"] .library-check`).focus();
    const focused = (): Promise<{ place: string | null; box: boolean }> =>
      page.evaluate(() => ({
        place: document.activeElement?.closest('[aria-posinset]')?.getAttribute('aria-posinset') ?? null,
        box: document.activeElement?.classList.contains('library-check') ?? false,
      }));
    expect(await focused()).toEqual({ place: String(chosen), box: true });
    // Each width lays the covers out in rows of another length: the rows are all new.
    for (const width of [900, 1280]) {
      const before = (await rows()).columns;
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(async () => (await rows()).columns).not.toBe(before);
      await expect.poll(focused).toEqual({ place: String(chosen), box: true });
    }
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    expect(app.problems).toEqual([]);
  });
});

describe('pictures, scrolled to the middle', () => {
  it('shows both pages at 1280 and 900 px, in en and it, light and dark', async () => {
    for (const width of [1280, 900])
      for (const language of ['en', 'it'] as const)
        for (const theme of ['light', 'dark'] as const) {
          await call('settings.update', [{ language, theme }]);
          await page.setViewportSize({ width, height: 800 });
          for (const [route, list] of [
            ['journal', 'ol.journal-timeline'],
            ['library', '.library-grid'],
          ] as const) {
            await page.evaluate((hash) => (window.location.hash = hash), `#/${route}`);
            await page.reload();
            await page.locator('.pagination select').selectOption(String(SIZE));
            await page.locator(`main ${list} [aria-setsize="${SIZE}"]`).first().waitFor();
            await main().evaluate((box) => box.scrollTo(0, (box.scrollHeight - box.clientHeight) / 2));
            await page.waitForTimeout(300);
            await app.shot(`long-${route}-middle-${width}-${language}-${theme}`);
          }
        }
    await call('settings.update', [{ language: 'en', theme: 'system' }]);
    expect(app.problems).toEqual([]);
  }, 180_000);
});
