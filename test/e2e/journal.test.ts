import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, startApp, type E2EApp } from './harness';

/**
 * The technique journal over the real preview backend: an entry written with Markdown and a
 * link (the preview renders it, the link leaves only through the external-link path), found
 * again by searching without accents, opened from the results; the technique catalogue. Then
 * pictures of the screens in en/it, light/dark, to be looked at.
 */

type Page = E2EApp['page'];

const dark = (page: Page, on: boolean): Promise<void> => page.emulateMedia({ colorScheme: on ? 'dark' : 'light' });

async function withoutToasts(app: E2EApp): Promise<void> {
  const toasts = app.page.getByRole('region', { name: /Notifications|Notifiche/ }).getByRole('button');
  for (let tries = 0; tries < 8 && (await toasts.count()) > 0; tries++)
    await toasts
      .first()
      .click({ force: true, timeout: 1000 })
      .catch(() => undefined);
}

describe('the technique journal', () => {
  let app: E2EApp;
  let page: Page;
  const TITLE = 'Perché il cliente di città ha detto sì';

  beforeAll(async () => {
    app = await startApp('journal');
    page = app.page;
    await openSampleData(app);
  }, 180_000);
  afterAll(() => app?.close());

  it('writes an entry with Markdown and a link; the preview and the entry render it safely', async () => {
    await page.getByRole('link', { name: 'Journal', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Journal', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New entry' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New journal entry' });
    await dialog.getByLabel('Title', { exact: true }).fill(TITLE);
    await dialog.getByRole('radio', { name: 'Worked' }).check({ force: true });
    await dialog
      .getByLabel(/^Notes \(Markdown\)/)
      .fill(
        'Asked **why now** before the price.\n\nSee [the checklist](https://example.com/checklist) and <img src=x onerror=alert(1)>.',
      );
    const preview = dialog.getByRole('region', { name: 'Preview' });
    const link = preview.getByRole('link', { name: 'the checklist' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://example.com/checklist');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await preview.locator('strong').textContent()).toBe('why now');
    // Raw HTML stays text: no <img>, no handler.
    expect(await preview.locator('img, [onerror]').count()).toBe(0);
    await expect.poll(() => preview.textContent()).toContain('<img src=x onerror=alert(1)>');

    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const timeline = page.getByRole('list', { name: 'Journal entries, newest first' });
    await timeline.getByRole('button', { name: TITLE }).waitFor();
    await app.shot('journal-written');

    // The link in the entry leaves through the external-link path (a new-window request, which
    // main checks and hands to the system browser); the app's window stays where it is. The
    // request is recorded here: this machine has no network to open it on.
    await timeline.getByRole('button', { name: TITLE }).click();
    const detail = page.getByRole('dialog', { name: TITLE });
    await page.evaluate(() => {
      const opened: unknown[][] = [];
      Object.assign(window, { opened });
      window.open = (...args: unknown[]) => {
        opened.push(args);
        return null;
      };
    });
    const before = page.url();
    await detail.getByRole('link', { name: 'the checklist' }).click();
    expect(await page.evaluate(() => (window as unknown as { opened: unknown[][] }).opened)).toEqual([
      ['https://example.com/checklist', '_blank', 'noopener,noreferrer'],
    ]);
    expect(page.url()).toBe(before);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
  });

  it('shows the technique catalogue by category, and pictures of the screens', async () => {
    await page.getByRole('link', { name: 'Techniques', exact: true }).click();
    await page.locator('main .technique-card').first().waitFor();
    expect(await page.locator('main .technique-category').count()).toBeGreaterThan(1);
    for (const scheme of [false, true]) {
      await dark(page, scheme);
      const theme = scheme ? 'dark' : 'light';
      await withoutToasts(app);
      await app.shot(`journal-techniques-${theme}`);
      await page.getByRole('link', { name: 'Journal', exact: true }).first().click();
      await page.locator('main .journal-item').first().waitFor();
      await app.shot(`journal-timeline-${theme}`);
      await page.getByRole('link', { name: 'Techniques', exact: true }).click();
      await page.locator('main .technique-card').first().waitFor();
    }
    await dark(page, false);
    expect(app.problems).toEqual([]);
  });
  it('finds the entry by searching without accents, and opens it from the results', async () => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const search = page.getByRole('dialog', { name: 'Search' });
    const box = search.getByRole('combobox', { name: 'Search everything' });
    await box.pressSequentially('perche citta', { delay: 30 });
    const results = search.getByRole('listbox', { name: 'Results' });
    const hit = results.getByRole('option', { name: new RegExp(TITLE) });
    await hit.waitFor();
    expect(await results.getByRole('group', { name: /Journal/ }).count()).toBe(1);
    // Results come as you type: the hit may first show for "perche cit"; wait for the whole query's marks.
    await expect
      .poll(async () => (await hit.locator('mark').allTextContents()).map((m) => m.toLowerCase()))
      .toEqual(expect.arrayContaining(['perché', 'città']));
    await app.shot('journal-search');

    // Keyboard: the hit is chosen with the arrows and opened with Enter.
    const options = results.getByRole('option');
    const index = (await options.allTextContents()).findIndex((text) => text.includes(TITLE));
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => hit.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await search.waitFor({ state: 'hidden' });
    await page.getByRole('dialog', { name: TITLE }).waitFor();
    await page.keyboard.press('Escape');
    expect(app.problems).toEqual([]);
  });
});
