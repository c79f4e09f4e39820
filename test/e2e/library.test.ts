import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, startApp, type E2EApp } from './harness';

/**
 * The library over the real preview backend, in Chromium: a paper book added by hand with the
 * form sent by Enter straight after typing, a highlight turned into a new technique that shows
 * where it came from in the catalogue, the search asked at once on Enter, and a bulk edit.
 */

type Page = E2EApp['page'];

describe('the library', () => {
  let app: E2EApp;
  let page: Page;
  const TITLE = 'The Quiet Hour of Selling';

  beforeAll(async () => {
    app = await startApp('library');
    page = app.page;
    await openSampleData(app);
  }, 180_000);
  afterAll(() => app?.close());

  it('adds a paper book by hand, sent with Enter as soon as the title is typed', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add by hand' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add to the library by hand' });
    await dialog.getByLabel('Person 1').fill('Ada Neri');
    await dialog.getByLabel(/^Pages/).fill('212');
    // Typed key by key with no pause, then Enter at once: Chromium submits through the footer's button.
    await dialog.getByLabel('Title', { exact: true }).pressSequentially(TITLE, { delay: 0 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await page.locator('main .library-people-list').textContent()).toBe('Ada Neriauthor');
    expect(await page.locator('main .library-facts').textContent()).toContain('212 pages');
    expect(await page.locator('main .library-facts').textContent()).toContain('A copy on your shelf');
  });

  it('turns a highlight into a new technique, whose source is the book', async () => {
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const highlight = page.getByRole('dialog', { name: 'New highlight or note' });
    await highlight.getByLabel('Passage').fill('Name the price, then let the silence work.');
    await highlight.getByLabel(/^Page/).fill('57');
    await highlight.getByRole('button', { name: 'Add', exact: true }).click();
    await highlight.waitFor({ state: 'hidden' });
    const card = page.getByRole('article', { name: /^Highlight: Name the price/ });
    await card.getByText('Page 57').waitFor();

    await card.getByRole('button', { name: 'Make a takeaway' }).click();
    const form = page.getByRole('dialog', { name: 'New takeaway' });
    expect(await form.getByLabel(/^What you will do/).inputValue()).toBe('Name the price, then let the silence work.');
    await form.getByRole('radio', { name: 'A new one' }).check({ force: true });
    await form.getByLabel('Name of the new technique').fill('Price, then pause');
    await form.getByLabel('Category').selectOption('closing');
    await form.getByRole('button', { name: 'Save takeaway' }).click();
    await form.waitFor({ state: 'hidden' });
    const takeaways = page.getByRole('region', { name: /^Takeaways/ });
    await takeaways.getByRole('link', { name: 'Price, then pause' }).waitFor();
    await app.shot('library-item-takeaway');

    await takeaways.getByRole('link', { name: 'Price, then pause' }).click();
    const technique = page.locator('.technique-card', { hasText: 'Price, then pause' });
    await technique.waitFor();
    expect(await technique.textContent()).toContain(`Source: ${TITLE}`);
    expect(await technique.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('searches at once on Enter and edits the chosen items’ tags together', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    const search = page.getByRole('searchbox', { name: 'Search the library' });
    await search.pressSequentially('hour of sell', { delay: 0 });
    await page.keyboard.press('Enter');
    const grid = page.getByRole('list', { name: 'Library items' });
    await expect.poll(() => grid.getByRole('listitem').count()).toBe(1);
    await grid.getByRole('checkbox').check({ force: true });
    await page.getByRole('button', { name: 'Edit tags and status…' }).click();
    const bulk = page.getByRole('dialog', { name: 'Edit 1 item' });
    await bulk.getByLabel('Add tags').fill('pricing, silence');
    await bulk.getByLabel('Status').selectOption('in_progress');
    await bulk.getByRole('button', { name: 'Apply' }).click();
    await bulk.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('Tag').selectOption({ label: 'silence (1)' });
    await expect.poll(() => grid.getByRole('listitem').count()).toBe(1);
    expect(await grid.getByRole('listitem').first().textContent()).toContain('In progress');
    await app.shot('library-after-bulk-edit');
    expect(app.problems).toEqual([]);
  });
});
