import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, startApp, type E2EApp } from './harness';

let app: E2EApp;
let page: E2EApp['page'];

beforeAll(async () => {
  app = await startApp('picker');
  page = app.page;
  await openSampleData(app);
}, 180_000);

afterAll(() => app?.close());

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await app.shot(`failed-picker-${context.task.name.replace(/\W+/g, '-')}`);
});

/** Read straight from the SQLite file, beside the app's own connection (WAL allows it). */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(app.dir, 'rapport.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const customerCount = (): number => query<{ n: number }>('SELECT count(*) AS n FROM customers')[0]!.n;
const latestSale = () =>
  query<{ title: string; customer: string }>(
    'SELECT s.title, c.name AS customer FROM sales s JOIN customers c ON c.id = s.customer_id ORDER BY s.id DESC LIMIT 1',
  )[0];

const WORDS = {
  en: { customer: 'Customer', cancel: 'Cancel', dialog: 'New sale', use: 'Use', discard: 'Discard' },
  it: { customer: 'Cliente', cancel: 'Annulla', dialog: 'Nuova vendita', use: 'Usa', discard: 'Scarta' },
} as const;
type Language = keyof typeof WORDS;

async function newSale(language: Language = 'en') {
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: WORDS[language].dialog });
  await dialog.waitFor();
  return { dialog, box: dialog.getByRole('combobox', { name: WORDS[language].customer }) };
}

async function save(dialog: ReturnType<typeof page.getByRole>, title: string): Promise<void> {
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByLabel('Amount').fill('250');
  await dialog.getByRole('button', { name: 'Add sale' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('the customer picker in New sale, on the sample book', () => {
  it('takes the customer typed at a real typing speed when Enter follows at once', async () => {
    // The last customer by name: never in the list the empty box shows first.
    const target = query<{ name: string }>('SELECT name FROM customers ORDER BY name_key DESC LIMIT 1')[0]!.name;
    const { dialog, box } = await newSale();
    await box.click();
    await dialog.getByRole('option').first().waitFor();
    await box.pressSequentially(target, { delay: 25 });
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('listbox').count()).toBe(0);
    expect(await box.inputValue()).toBe(target);
    await save(dialog, 'Typed fast');
    expect(latestSale()).toEqual({ title: 'Typed fast', customer: target });
  });

  it('writes a customer made in the sale form only with the sale, and only once', async () => {
    const before = customerCount();
    const name = 'Bottega Rossi S.r.l.';
    let { dialog, box } = await newSale();
    await box.pressSequentially(name, { delay: 10 });
    // Clicked at once, before the search for the name has answered.
    await dialog.getByRole('option', { name: `Create customer “${name}”` }).click();
    await dialog.getByRole('group', { name: 'New customer, added with the sale' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // A form with a new customer typed in asks before it drops it.
    await page
      .getByRole('alertdialog', { name: 'Discard your changes?' })
      .getByRole('button', { name: 'Discard' })
      .click();
    await dialog.waitFor({ state: 'hidden' });
    expect(customerCount()).toBe(before);

    ({ dialog, box } = await newSale());
    await box.fill(name);
    await dialog.getByRole('option', { name: `Create customer “${name}”` }).dblclick();
    await save(dialog, 'First order');
    expect(customerCount()).toBe(before + 1);
    expect(latestSale()).toEqual({ title: 'First order', customer: name });

    // Again, surname-style spelling and all: the book has them, the form says so, nothing is added.
    ({ dialog, box } = await newSale());
    await box.pressSequentially('bottega rossi srl', { delay: 10 });
    await dialog.getByRole('option', { name: 'Create customer “bottega rossi srl”' }).click();
    await dialog.getByText(/is already one of your customers \(same name\)/).waitFor();
    await save(dialog, 'Second order');
    expect(customerCount()).toBe(before + 1);
    expect(latestSale()).toEqual({ title: 'Second order', customer: name });
    expect(app.problems).toEqual([]);
  });

  it('tells two customers of one name apart, and offers the one the book has (screenshots)', async () => {
    const [first] = query<{ name: string; email: string | null }>(
      'SELECT name, email FROM customers WHERE company IS NOT NULL ORDER BY id LIMIT 1',
    );
    const twin = { name: first!.name, email: 'namesake@example.it', region: 'Sardegna' };
    const reply = await page.evaluate(
      (input) =>
        (
          globalThis as unknown as { rapport: { invoke(c: string, i: unknown): Promise<{ ok: boolean }> } }
        ).rapport.invoke('customers.create', input),
      twin,
    );
    expect(reply.ok).toBe(true);
    const surnameFirst = first!.name.split(' ').reverse().join(', ');

    for (const width of [1280, 900]) {
      for (const language of ['en', 'it'] as const) {
        for (const theme of ['light', 'dark'] as const) {
          await page.evaluate(
            (settings) =>
              (
                globalThis as unknown as { rapport: { invoke(c: string, i: unknown): Promise<unknown> } }
              ).rapport.invoke('settings.update', settings),
            { language, theme },
          );
          await page.setViewportSize({ width, height: 800 });
          await page.reload();
          await page.getByRole('heading', { level: 1 }).waitFor();
          const { dialog, box } = await newSale(language);
          await box.pressSequentially(first!.name, { delay: 10 });
          await expect
            .poll(() => dialog.getByRole('option', { name: new RegExp(`^${first!.name}`) }).count())
            .toBeGreaterThanOrEqual(2);
          const lines = await dialog.getByRole('option', { name: new RegExp(`^${first!.name}`) }).allTextContents();
          expect(new Set(lines).size).toBe(2);
          await app.shot(`picker-namesakes-${width}-${language}-${theme}`);

          // Surname first, the name finds nobody: Enter takes the only offer, to create them.
          await box.fill(surnameFirst);
          await page.keyboard.press('Enter');
          await dialog.getByRole('button', { name: `${WORDS[language].use} ${first!.name}` }).waitFor();
          await app.shot(`picker-existing-${width}-${language}-${theme}`);
          await dialog.getByRole('button', { name: WORDS[language].cancel }).click();
          await page.getByRole('alertdialog').getByRole('button', { name: WORDS[language].discard }).click();
          await dialog.waitFor({ state: 'hidden' });
        }
      }
    }
    expect(app.problems).toEqual([]);
  });
});
