import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type E2EApp } from './harness';
import { watchForXss, XSS_CORPUS, type XssWatch } from './xss';

/**
 * The XSS campaign (issue 15): the corpus typed into every free-text field of the app, in
 * real Chromium over the real backend, then every screen that shows those texts is opened.
 * Nothing may run (window.__xss stays unset), no dialog may open, no request may leave for
 * another origin, and each text must come back as the very text typed.
 */
let app: E2EApp;
let page: E2EApp['page'];
let watch: XssWatch;

/** The i-th field's text: a tag to find it by, then a corpus entry. */
const text = (i: number): string => `X${i} ${XSS_CORPUS[i % XSS_CORPUS.length]}`;
const CUSTOMER = text(0);
const SALE_CUSTOMER = text(3);

beforeAll(async () => {
  app = await startApp('xss');
  page = app.page;
  watch = watchForXss(page, app.preview.origin);
  await page.goto(app.preview.url);
  await page.getByRole('button', { name: /Start empty/ }).click();
  await page.getByRole('heading', { name: 'Nothing to show yet', level: 2 }).waitFor({ timeout: 30_000 });
}, 180_000);
afterAll(() => app?.close());
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await app.shot(`failed-xss-${context.task.name.replace(/\W+/g, '-')}`);
  // A dialog left open by a failed step must not fail the next steps too.
  await page.reload();
});

/** Nothing has run, opened or left so far. */
async function nothingRan(): Promise<void> {
  expect(await watch.flag()).toBeUndefined();
  expect(watch.dialogs).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
  expect(await page.locator('main script, main iframe:not(.reports-sheet), main svg[onload], [onerror]').count()).toBe(
    0,
  );
}

const nav = (name: string) => page.getByRole('link', { name, exact: true }).first();

describe('the XSS corpus typed into every free-text field', () => {
  it('customers: name, company and notes', async () => {
    await nav('Customers').click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New customer' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill(CUSTOMER);
    await dialog.getByLabel(/^Company(?! size)/).fill(text(1));
    await dialog.getByLabel(/^Industry/).fill(text(2));
    await dialog.getByLabel(/^Tags/).fill('<svg/onload=alert(1)>, <b onmouseover=alert(2)>b</b>');
    await dialog.getByLabel(/^Notes/).fill(text(5));
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(CUSTOMER, { exact: true }).first().waitFor();
    await nothingRan();
  });

  it('sales: title, a new customer and notes', async () => {
    await nav('Sales').click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New sale' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New sale' });
    await dialog.getByLabel('Title').fill(text(4));
    await dialog.getByLabel('Customer').fill(SALE_CUSTOMER);
    await dialog.getByRole('option', { name: `Create customer “${SALE_CUSTOMER}”` }).click();
    await dialog.getByLabel('Amount').fill('120');
    await dialog.getByText('Won', { exact: true }).click();
    await dialog.getByLabel(/^Notes/).fill(text(6));
    await dialog.getByRole('button', { name: 'Add sale' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(text(4), { exact: true }).first().waitFor();
    await nothingRan();
  });

  it('care: a logged call and a complaint on the customer', async () => {
    await nav('Customers').click();
    await page.getByText(CUSTOMER, { exact: true }).first().click();
    await page.getByRole('heading', { name: CUSTOMER, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log a call' }).first().click();
    const log = page.getByRole('dialog', { name: `Log an interaction with ${CUSTOMER}` });
    await log.getByLabel('What was said').fill(text(7));
    await log.getByRole('button', { name: 'Log it' }).click();
    await log.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'New complaint' }).first().click();
    const complaint = page.getByRole('dialog', { name: `New complaint from ${CUSTOMER}` });
    await complaint.getByLabel('What is the complaint?').fill(text(8));
    await complaint.getByRole('button', { name: 'Record complaint' }).click();
    await complaint.waitFor({ state: 'hidden' });
    await page.getByText(text(7), { exact: true }).first().waitFor();
    await page.getByText(text(8), { exact: true }).first().waitFor();
    await nothingRan();
  });

  it('goals: a goal’s name and a checklist step', async () => {
    await nav('Goals').click();
    await page.getByRole('button', { name: 'New goal' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New goal' });
    await dialog.getByLabel('Name', { exact: true }).fill(text(9));
    await dialog.getByLabel('Target', { exact: true }).fill('1000');
    await dialog.getByRole('button', { name: 'This month' }).click();
    await dialog.getByRole('button', { name: 'Checklist step' }).click();
    const step = dialog.getByRole('group', { name: 'Checklist step' });
    await step.getByLabel('Step', { exact: true }).fill(text(10));
    await step.getByLabel('By', { exact: true }).fill(new Date().toISOString().slice(0, 10));
    await dialog.getByRole('button', { name: 'Create goal' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: text(9), level: 1 }).waitFor();
    await page.getByText(text(10), { exact: true }).first().waitFor();
    await nothingRan();
  });

  it('journal: an entry’s title and its Markdown notes, in the preview and the entry', async () => {
    await nav('Journal').click();
    await page.getByRole('heading', { name: 'Journal', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New entry' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New journal entry' });
    await dialog.getByLabel('Title', { exact: true }).fill(text(11));
    await dialog.getByRole('radio', { name: 'Worked' }).check({ force: true });
    await dialog.getByLabel(/^Notes \(Markdown\)/).fill(XSS_CORPUS.join('\n\n'));
    await dialog
      .getByRole('region', { name: 'Preview' })
      .getByText(/X?iframe srcdoc/)
      .first()
      .waitFor();
    await nothingRan();
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('button', { name: text(11) })
      .first()
      .click();
    const entry = page.getByRole('dialog', { name: text(11) });
    await entry
      .getByText(/iframe srcdoc/)
      .first()
      .waitFor();
    expect(await entry.locator('a[href^="javascript:"], img, iframe, svg[onload], script').count()).toBe(0);
    await nothingRan();
    await page.keyboard.press('Escape');
    await entry.waitFor({ state: 'hidden' });
  });

  it('library: a title by hand and a highlight’s passage', async () => {
    await nav('Library').click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add by hand' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add to the library by hand' });
    await dialog.getByLabel('Person 1').fill(text(12));
    await dialog.getByLabel('Title', { exact: true }).fill(text(13));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: text(13), level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const highlight = page.getByRole('dialog', { name: 'New highlight or note' });
    await highlight.getByLabel('Passage').fill(text(14));
    await highlight.getByRole('button', { name: 'Add', exact: true }).click();
    await highlight.waitFor({ state: 'hidden' });
    await page.getByText(text(14), { exact: true }).first().waitFor();
    await nothingRan();
  });

  it('reports: the seller’s name and comment, in the preview and the saved report', async () => {
    await nav('Reports').click();
    await page.getByRole('heading', { name: 'Coach report', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Your name on the report' }).fill(text(15));
    await page.getByRole('textbox', { name: /^Comment for your coach/ }).fill(text(16));
    const sheet = page.frameLocator('iframe.reports-sheet');
    await expect.poll(() => sheet.locator('body').innerText(), { timeout: 30_000 }).toContain(text(16));
    // Its own charts are SVG; nothing typed became an element or a handler.
    expect(await sheet.locator('script, iframe, [onerror], [onload], a[href^="javascript:"]').count()).toBe(0);
    // The journal entry written above goes into the report too.
    await page.getByRole('checkbox', { name: new RegExp(`^X11 `) }).check({ force: true });
    await page.getByRole('radio', { name: 'JSON' }).check({ force: true });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Up to date' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Save report…' }).click();
    const path = page.locator('.reports-saved .reports-path');
    await expect.poll(async () => (await path.innerText()).trim()).toMatch(/\.json$/);
    const saved = JSON.parse(readFileSync((await path.innerText()).trim(), 'utf8')) as { seller: { name: string } };
    expect(saved.seller.name).toBe(text(15));
    await nothingRan();
  });

  it('coach: the report opened in the workspace, and a note on its seller', async () => {
    await nav('Coach').click();
    await page.getByRole('heading', { name: 'Coach workspace', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Open a report…' }).click();
    await page
      .getByText(/^Opened the report of/)
      .first()
      .waitFor();
    const note = page.getByRole('textbox', { name: /^Your notes on / }).first();
    await note.fill(text(17));
    await page.locator('.coach-note', { has: note }).getByRole('button', { name: 'Save note' }).click();
    await page.getByText(/^Note on .* saved\.$/).waitFor();
    await nothingRan();
  });

  it('every screen that shows the texts shows them as text, and nothing ran', async () => {
    for (const [link, heading] of [
      ['Home', 'Home'],
      ['Sales', 'Sales'],
      ['Customers', 'Customers'],
      ['Follow-ups', 'Follow-ups'],
      ['Goals', 'Goals'],
      ['Journal', 'Journal'],
      ['Library', 'Library'],
      ['Coach', 'Coach workspace'],
    ] as const) {
      await page
        .getByRole('link', { name: new RegExp(`^${link}`) })
        .first()
        .click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await nothingRan();
    }
    await nav('Customers').click();
    await page.getByText(SALE_CUSTOMER, { exact: true }).first().click();
    await page.getByRole('heading', { name: SALE_CUSTOMER, level: 1 }).waitFor();
    await page.getByText(text(4), { exact: true }).first().waitFor();
    await nothingRan();
    // The search looks across customers, sales, journal and library at once.
    await page
      .getByRole('button', { name: /^Search/ })
      .first()
      .click();
    await page.keyboard.type('X1');
    await page.getByRole('option').first().waitFor();
    await app.shot('xss-search');
    await nothingRan();
    await page.keyboard.press('Escape');
    expect(app.problems).toEqual([]);
  });
});
