import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type E2EApp } from './harness';

let app: E2EApp;
let page: E2EApp['page'];
let problems: string[];
let shot: E2EApp['shot'];

beforeAll(async () => {
  app = await startApp('journey');
  ({ page, problems, shot } = app);
}, 180_000);

afterAll(() => app?.close());

// A failing step leaves a picture of what the user would have seen.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await shot(`failed-${context.task.name.replace(/\W+/g, '-')}`);
});

const TITLE = 'Kick-off workshop';
const CUSTOMER = 'Zeta Consulting';

describe('a seller’s first session', () => {
  it('offers the first-run choice and loads the sample data', async () => {
    await page.goto(app.preview.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Rapport' }).isVisible()).toBe(true);
    await shot('welcome-en-light');
    await page.getByRole('button', { name: /Explore with sample data/ }).click();
    await page.getByRole('heading', { name: 'Home', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Sales', exact: true }).click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    await page.getByText(/1,500 deals logged/).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThan(10);
    await shot('sales-en-light');
  });

  it('adds a sale for a new customer and finds it in the log', async () => {
    await page.getByRole('button', { name: 'New sale' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill(TITLE);
    await dialog.getByLabel('Customer').fill(CUSTOMER);
    await dialog.getByRole('option', { name: `Create customer “${CUSTOMER}”` }).click();
    await dialog.getByLabel('Amount').fill('1234.50');
    // The status radios are drawn as a segmented control: click the visible label, as a user would.
    await dialog.getByText('Won', { exact: true }).click();
    expect(await dialog.getByRole('radio', { name: 'Won' }).isChecked()).toBe(true);
    await dialog.getByLabel('Opened on').fill('02/11/2026');
    await dialog.getByLabel('Closed on').fill('20/11/2026');
    await shot('sale-form-en-light');
    await dialog.getByRole('button', { name: 'Add sale' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/1,501 deals logged/).waitFor();
    await page.getByRole('searchbox', { name: 'Search sales' }).fill('Kick-off');
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/€1,234\.50/);
    await expect.poll(() => row.textContent()).toContain(CUSTOMER);
  });

  it('shows the sale in the customer’s detail', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('Zeta');
    await page.getByRole('link', { name: CUSTOMER }).click();
    await page.getByRole('heading', { name: CUSTOMER, level: 1 }).waitFor();
    await page.getByText(TITLE).first().waitFor();
    await expect.poll(() => page.getByText('€1,234.50').count()).toBeGreaterThan(0);
    await shot('customer-en-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('customer-en-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('switches to Italian, and the choice survives a reload', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('link', { name: 'Vendite' }).waitFor();
    await shot('settings-it-light');
    await page.reload();
    await page.getByRole('link', { name: 'Vendite' }).click();
    await page.getByText(/^1\.?501 trattative registrate/).waitFor();
    await shot('sales-it-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('sales-it-dark');
    await page.getByRole('button', { name: 'Nuova vendita' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Aggiungi vendita' }).click();
    await page.getByRole('dialog').getByText('Campo obbligatorio').first().waitFor();
    await shot('sale-form-it-dark');
    await page.keyboard.press('Escape');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
});
