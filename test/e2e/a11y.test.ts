import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { startApp, type E2EApp } from './harness';
import { seedLibrary } from './librarySeed';
import { seedCoach } from './coachSeed';

/**
 * axe-core (WCAG 2.1 A and AA) over every screen and dialog, with the sample book loaded, in the
 * light and the dark theme: the app's accessibility promise, checked in the real renderer.
 */
type Page = E2EApp['page'];
let app: E2EApp;
let page: Page;

const SHEET = [
  'Data;Cliente;Email;Importo;Stato',
  '03/04/2026;Bianchi S.r.l.;info@bianchi.it;1.250,00;vinta',
  '15/02/2026;Rossi & Figli;;980,50;persa',
  '07/01/2026;Neri Studio;;abc;vinta',
].join('\r\n');

beforeAll(async () => {
  app = await startApp('a11y');
  page = app.page;
  mkdirSync(app.files, { recursive: true });
  writeFileSync(join(app.files, 'vendite.csv'), SHEET, 'utf8');
}, 180_000);
afterAll(() => app?.close());

const dark = (on: boolean): Promise<void> => page.emulateMedia({ colorScheme: on ? 'dark' : 'light' });

/** Toasts come and go on their own timers: they are checked where they are made, not over every screen. */
async function clearToasts(): Promise<void> {
  const toasts = page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss' });
  for (let tries = 0; tries < 8 && (await toasts.count()) > 0; tries++)
    await toasts
      .first()
      .click({ timeout: 1000 })
      .catch(() => undefined);
}

async function check(where: string, found: string[]): Promise<void> {
  // Transitions (dialogs fading in, the theme changing colours) settle before the colours are measured.
  await page.waitForTimeout(250);
  found.push(...(await axeViolations(page, where)));
}

/**
 * The screen's data has come: no loading spinner and nothing marked busy. (Not the network
 * going idle: the preview's event stream stays open for the whole run.)
 */
async function loaded(): Promise<void> {
  await expect.poll(() => page.locator('main .spinner, main [aria-busy="true"]').count()).toBe(0);
}

async function go(link: string, heading: string | RegExp): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).first().click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/**
 * Opens a dialog with `open`, checks it, and closes it with Escape: a form with changes then asks
 * whether to discard them (checked too, and answered Discard); a form that still stays is left by
 * its Cancel.
 */
async function dialog(
  where: string,
  found: string[],
  open: () => Promise<void>,
  role: 'dialog' | 'alertdialog' = 'dialog',
  { changed = false }: { changed?: boolean } = {},
) {
  await open();
  const box = page.getByRole(role).last();
  await box.waitFor();
  await check(where, found);
  await page.keyboard.press('Escape');
  if (changed) {
    const ask = page.getByRole('alertdialog', { name: 'Discard your changes?' });
    await ask.waitFor();
    await check(`${where}, discard prompt`, found);
    await ask.getByRole('button', { name: 'Discard' }).click();
  }
  await box.waitFor({ state: 'hidden' }).catch(async () => {
    await box
      .getByRole('button', { name: /Cancel|Close/ })
      .first()
      .click();
    await box.waitFor({ state: 'hidden' });
  });
}

async function everyScreen(theme: string): Promise<string[]> {
  const found: string[] = [];
  const at = (name: string): string => `${name} (${theme})`;
  await clearToasts();

  await go('Home', 'Home');
  await page.locator('main .home-cards').waitFor();
  await check(at('Home'), found);
  // Every chart's table open: the cards' trends and the charts under them.
  const show = page.locator('main').getByRole('button', { name: 'Show the numbers' });
  while ((await show.count()) > 0) await show.first().click();
  await check(at('Home, numbers shown'), found);

  await go('Sales', 'Sales');
  await check(at('Sales'), found);
  await dialog(at('New sale'), found, () => page.getByRole('button', { name: 'New sale' }).first().click());
  await page.getByRole('row').nth(1).click();
  await page.getByRole('dialog').waitFor();
  await check(at('Edit sale'), found);
  const remove = page.getByRole('dialog').getByRole('button', { name: 'Delete' });
  if (await remove.count()) {
    await dialog(at('Delete sale confirmation'), found, () => remove.click(), 'alertdialog');
  }
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  await go('Customers', 'Customers');
  await check(at('Customers'), found);
  await dialog(at('New customer'), found, () => page.getByRole('button', { name: 'New customer' }).first().click());
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await loaded();
  await check(at('A customer'), found);
  await dialog(at('Log a call'), found, () =>
    page
      .getByRole('button', { name: /Log a call/ })
      .first()
      .click(),
  );
  await dialog(at('New complaint'), found, () =>
    page
      .getByRole('button', { name: /complaint/i })
      .first()
      .click(),
  );

  await page
    .getByRole('link', { name: /Follow-ups/ })
    .first()
    .click();
  await page.getByRole('heading', { name: 'Follow-ups', level: 1 }).waitFor();
  await check(at('Follow-ups'), found);
  await dialog(at('Check-in'), found, () =>
    page
      .getByRole('button', { name: /Complete/ })
      .first()
      .click(),
  );
  await page.getByRole('link', { name: 'At risk', exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await check(at('At risk'), found);
  await page.getByRole('link', { name: 'Complaints', exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await check(at('Complaints'), found);

  await go('Goals', 'Goals');
  await check(at('Goals, timeline and list'), found);
  await dialog(at('New goal'), found, () => page.getByRole('button', { name: 'New goal' }).first().click());
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await loaded();
  await check(at('A goal'), found);
  await go('Goals', 'Goals');
  await page.getByRole('link', { name: 'Scorecard' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await loaded();
  await check(at('Scorecard'), found);

  // What works and experiments (the Journal area's views), reached by their addresses.
  await page.evaluate(() => {
    window.location.hash = '#/journal/what-works';
  });
  await page.locator('main .ww-stats, main .state-panel').first().waitFor();
  await loaded();
  await check(at('What works'), found);
  await page.evaluate(() => {
    window.location.hash = '#/journal/experiments';
  });
  await page.locator('main .xp-card, main .state-panel').first().waitFor();
  await check(at('Experiments'), found);
  await dialog(at('New experiment'), found, () => page.getByRole('button', { name: 'New experiment' }).first().click());
  const conclude = page.getByRole('button', { name: 'Write the conclusion' });
  if (await conclude.count()) await dialog(at('Experiment conclusion'), found, () => conclude.first().click());
  await go('Journal', 'Journal');
  await page.locator('main .journal-item').first().waitFor();
  await loaded();
  await check(at('Journal'), found);
  await dialog(
    at('New journal entry'),
    found,
    async () => {
      await page.getByRole('button', { name: 'New entry' }).first().click();
      await page
        .getByRole('dialog')
        .getByLabel(/^Notes/)
        .fill('Some **bold** and [a link](https://example.com).');
    },
    'dialog',
    { changed: true },
  );
  await dialog(at('A journal entry'), found, () => page.locator('main .journal-title').first().click());
  await page.getByRole('link', { name: 'Techniques', exact: true }).click();
  await page.locator('main .technique-card').first().waitFor();
  await check(at('Techniques'), found);
  await dialog(at('Starter techniques'), found, async () => {
    await page.getByRole('button', { name: 'Add starter techniques' }).first().click();
    await page.getByRole('dialog').getByRole('checkbox').first().waitFor();
  });
  await dialog(at('New technique'), found, () => page.getByRole('button', { name: 'New technique' }).first().click());
  await dialog(at('Merge techniques'), found, async () => {
    await page.locator('main .technique-card').first().getByRole('button').click();
    await page.getByRole('menuitem', { name: 'Merge into…' }).click();
    await page.getByRole('dialog').getByRole('combobox').selectOption({ index: 1 });
  });
  await dialog(at('Search'), found, async () => {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await page.getByRole('combobox', { name: 'Search everything' }).pressSequentially('cli', { delay: 20 });
    await page.getByRole('listbox', { name: 'Results' }).getByRole('option').first().waitFor();
  });

  // Training notes, their editor with an objection row, and what they show beside the sale form.
  await go('Training', 'Training notes');
  await page.locator('main .training-card').first().waitFor();
  await loaded();
  await check(at('Training notes'), found);
  await dialog(
    at('New training note'),
    found,
    async () => {
      await page.getByRole('button', { name: 'New note' }).first().click();
      await page.getByRole('dialog').getByRole('button', { name: 'Add an objection' }).click();
      await page.keyboard.type('Too expensive');
    },
    'dialog',
    { changed: true },
  );
  await go('Sales', 'Sales');
  await dialog(
    at('New sale, what you know'),
    found,
    async () => {
      await page.getByRole('button', { name: 'New sale' }).first().click();
      const form = page.getByRole('dialog');
      await form.getByLabel(/^Product/).selectOption({ label: 'Premium support' });
      // Opened once, it stays open for the session (the second theme finds it so).
      const known = form.getByRole('button', { name: /What you know/ });
      if ((await known.getAttribute('aria-expanded')) === 'false') await known.click();
      await form.locator('.training-panel-body').waitFor();
    },
    'dialog',
    { changed: true },
  );

  // The coach workspace, empty and then with two sellers' reports dropped on it, a chart's table shown.
  await go('Coach', 'Coach workspace');
  await page.locator('main .coach').waitFor();
  if ((await page.locator('main .coach-table').count()) === 0) await check(at('Coach workspace, empty'), found);
  await seedCoach(page);
  await clearToasts();
  await check(at('Coach workspace'), found);
  await page.getByRole('button', { name: 'Show the numbers' }).first().click();
  await check(at('Coach workspace, chart table shown'), found);

  // The library, seeded through the app's own API when the sample book brings none.
  await seedLibrary(page);
  await go('Library', 'Library');
  await page.locator('main .library-grid, main .library-table').first().waitFor();
  await page.getByRole('radio', { name: 'Covers' }).check({ force: true });
  await loaded();
  await check(at('Library, covers'), found);
  await dialog(
    at('Add to the library by hand'),
    found,
    async () => {
      await page.getByRole('button', { name: 'Add by hand' }).first().click();
      await page.getByRole('dialog').getByLabel('Title', { exact: true }).fill('The Quiet Hour');
    },
    'dialog',
    { changed: true },
  );
  // Highlights from a Kindle, Goodreads or Readwise: the dialog, then a file it refuses (the
  // spreadsheet above is no Kindle clippings file), with the failure in words.
  await dialog(at('Import highlights, failed'), found, async () => {
    await page.getByRole('button', { name: 'Add files' }).click();
    await page.getByRole('menuitem', { name: 'Import highlights…' }).click();
    const box = page.getByRole('dialog', { name: 'Import highlights' });
    await box.getByRole('button', { name: 'Choose file…' }).click();
    await box.getByRole('button', { name: 'Import', exact: true }).click();
    await box.getByRole('alert').waitFor();
    // The pointer leaves the Import button: its colours are checked at rest, as every other button's.
    await page.mouse.move(0, 0);
  });
  await page.getByRole('checkbox', { name: 'Select this page' }).check();
  await check(at('Library, items selected'), found);
  await dialog(at('Bulk edit'), found, () => page.getByRole('button', { name: 'Edit tags and status…' }).click());
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByRole('radio', { name: 'List' }).check({ force: true });
  await page.locator('main .library-table').waitFor();
  await check(at('Library, list'), found);
  await page.getByRole('radio', { name: 'Covers' }).check({ force: true });
  await page.locator('main a[href*="#/library/"]').first().click();
  await page.locator('main .library-item-head h1').waitFor();
  await loaded();
  await check(at('A library item'), found);
  await dialog(at('New highlight'), found, () => page.getByRole('button', { name: 'Add', exact: true }).click());
  const makeTakeaway = page.getByRole('button', { name: 'Make a takeaway' });
  if (await makeTakeaway.count())
    await dialog(
      at('Make a takeaway'),
      found,
      async () => {
        await makeTakeaway.first().click();
        await page.getByRole('dialog').getByRole('radio', { name: 'A new one' }).check({ force: true });
      },
      'dialog',
      { changed: true },
    );
  await dialog(at('Edit library item'), found, () =>
    page.getByRole('button', { name: 'Edit', exact: true }).first().click(),
  );
  await dialog(
    at('Delete library item'),
    found,
    () => page.getByRole('button', { name: 'Delete', exact: true }).first().click(),
    'alertdialog',
  );

  // The coach report: its options, and the preview of the report's own page (a sandboxed frame).
  await go('Reports', 'Coach report');
  await page.frameLocator('main iframe.reports-sheet').locator('h1').waitFor({ timeout: 30_000 });
  await loaded();
  await check(at('Reports'), found);

  await go('Settings', 'Settings');
  await check(at('Settings'), found);
  // The import wizard has no place in the sidebar: Settings (and Sales) link to it.
  await page.locator('main a[href$="/import"]').first().click();
  await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
  await check(at('Import, start'), found);
  // The wizard keeps its file between visits: the second theme finds it read already.
  const choose = page.getByRole('button', { name: 'Choose a file…' });
  if (await choose.isVisible()) await choose.click();
  await page.getByText('vendite.csv').first().waitFor();
  await page.getByRole('table').first().waitFor();
  await check(at('Import, review'), found);

  return found;
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('the welcome screen has no violations in either theme', async () => {
    await page.goto(app.preview.url);
    await page.getByRole('button', { name: /Explore with sample data/ }).waitFor();
    const found: string[] = [];
    await dark(false);
    await check('Welcome (light)', found);
    await dark(true);
    await check('Welcome (dark)', found);
    await dark(false);
    await page.getByRole('button', { name: /Explore with sample data/ }).click();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor({ timeout: 30_000 });
    expect(found).toEqual([]);
  });

  it('every screen and dialog has no violations in the light theme', async () => {
    await dark(false);
    expect(await everyScreen('light')).toEqual([]);
  }, 120_000);

  it('every screen and dialog has no violations in the dark theme', async () => {
    await dark(true);
    expect(await everyScreen('dark')).toEqual([]);
  }, 120_000);

  it('the goals timeline’s Today badge covers no month label', async () => {
    await go('Goals', 'Goals');
    const badge = await page.locator('.timeline-today-label').boundingBox();
    expect(badge).not.toBeNull();
    const ticks = await page.locator('.timeline-tick').evaluateAll((elements) =>
      elements.map((element) => {
        // The label's text, not the tick line's full box.
        const range = element.ownerDocument.createRange();
        range.selectNodeContents(element);
        const { left, right, top, bottom } = range.getBoundingClientRect();
        return { left, right, top, bottom };
      }),
    );
    expect(ticks.length).toBeGreaterThan(0);
    const { x, y, width, height } = badge!;
    const covered = ticks.filter(
      (tick) => tick.left < x + width && x < tick.right && tick.top < y + height && y < tick.bottom,
    );
    expect(covered).toEqual([]);
  });
});
