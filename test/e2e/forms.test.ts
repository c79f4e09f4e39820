import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, startApp, type E2EApp } from './harness';

/**
 * Typed work is never lost to a stray key: a half-filled New sale asks before Escape throws it
 * away (also after a click on the dim background, which used to take focus out of the panel),
 * and leaving Settings with an unsaved change asks too. Pictured at 1280 and 900 px, en/it,
 * light/dark.
 */
let app: E2EApp;
let page: E2EApp['page'];

beforeAll(async () => {
  app = await startApp('forms');
  ({ page } = app);
}, 180_000);

afterAll(() => app?.close());

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await app.shot(`failed-forms-${context.task.name.replace(/\W+/g, '-')}`);
});

const WORDS = {
  en: { sale: 'New sale', ask: 'Discard your changes?', keep: 'Keep editing', discard: 'Discard', sales: 'Sales' },
  it: {
    sale: 'Nuova vendita',
    ask: 'Scartare le modifiche?',
    keep: 'Continua a modificare',
    discard: 'Scarta',
    sales: 'Vendite',
  },
} as const;

/** Each picture at both widths and in both themes. */
async function pictures(name: string): Promise<void> {
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      await app.shot(`${name}-${scheme}-${width}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function saleQuestion(language: 'en' | 'it'): Promise<void> {
  const words = WORDS[language];
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: words.sale });
  await dialog.getByLabel(language === 'en' ? 'Title' : 'Titolo').fill('Espresso machines');
  await dialog.getByLabel(language === 'en' ? 'Amount' : 'Importo').fill('1200');
  // A click on the dim background, left of the panel, then Escape: the panel still hears it.
  await page.mouse.click(100, 400);
  await page.keyboard.press('Escape');
  const ask = page.getByRole('alertdialog', { name: words.ask });
  await ask.waitFor();
  await pictures(`forms-discard-sale-${language}`);
  await ask.getByRole('button', { name: words.keep }).click();
  await expect
    .poll(() => dialog.getByLabel(language === 'en' ? 'Title' : 'Titolo').inputValue())
    .toBe('Espresso machines');
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog', { name: words.ask }).getByRole('button', { name: words.discard }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function settingsQuestion(language: 'en' | 'it'): Promise<void> {
  const words = WORDS[language];
  await page.getByRole('link', { name: language === 'en' ? 'Settings' : 'Impostazioni' }).click();
  await page.getByLabel(language === 'en' ? 'Default currency' : 'Valuta predefinita').selectOption('CHF');
  await page.getByRole('link', { name: words.sales }).click();
  const ask = page.getByRole('alertdialog', { name: words.ask });
  await ask.waitFor();
  await pictures(`forms-settings-guard-${language}`);
  await ask.getByRole('button', { name: words.keep }).click();
  await page.getByRole('link', { name: words.sales }).click();
  await page.getByRole('alertdialog', { name: words.ask }).getByRole('button', { name: words.discard }).click();
  await page.getByRole('heading', { name: words.sales, level: 1 }).waitFor();
}

describe('unsaved changes', () => {
  it('asks before Escape discards a half-filled New sale, and before Settings are left unsaved', async () => {
    await openSampleData(app);
    await saleQuestion('en');
    await settingsQuestion('en');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Impostazioni', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Vendite' }).click();
    await saleQuestion('it');
    await settingsQuestion('it');
    expect(app.problems).toEqual([]);
  }, 180_000);
});
