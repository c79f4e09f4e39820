import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type E2EApp } from './harness';

/**
 * The import wizard in a real browser over the real backend: a spreadsheet as an Italian
 * seller really has one (semicolons, decimal commas, dates that read two ways, one bad row),
 * then undo, saved mappings, a large file cancelled half way, and the Settings exports.
 */
let app: E2EApp;
/** While set, an import reports progress after its first chunk and waits there until it is cancelled. */
let holdImports = false;
const untilAborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
let page: E2EApp['page'];

const SHEET = [
  'Data;Cliente;Email;Importo;Stato;Prodotto;Tecnica;Note',
  '03/04/2026;Bianchi S.r.l.;info@bianchi.it;1.250,00;vinta;Consulenza;SPIN;Primo ordine',
  '05/02/2026;Rossi & Figli;;980,50;persa;Formazione;;"Prezzo alto; ci risentiamo"',
  '11/03/2026;Verdi SpA;ordini@verdi.it;2.400,00;vinta;Consulenza;SPIN|Referral;',
  '02/06/2026;Bianchi S.r.l.;info@bianchi.it;310,00;vinta;Formazione;;Riordino',
  '07/01/2026;Neri Studio;;abc;vinta;Consulenza;;',
  '09/10/2026;Gallo Srl;gallo@example.it;1.100,00;aperta;Consulenza;;',
].join('\r\n');

beforeAll(async () => {
  app = await startApp('import', {
    importPacing: () => (holdImports ? { progressIntervalMs: 0, afterProgress: untilAborted } : undefined),
  });
  page = app.page;
  await page.goto(app.preview.url);
  await page.getByRole('button', { name: /Start empty/ }).click();
  // An empty book opens on Home's first steps.
  await page.getByRole('heading', { name: 'Nothing to show yet', level: 2 }).waitFor({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Sales', exact: true }).click();
  await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
}, 180_000);

afterAll(() => app?.close());

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await app.shot(`failed-import-${context.task.name.replace(/\W+/g, '-')}`);
});

/** Counted straight from the SQLite file, beside the app's own connection (WAL allows it). */
const count = (table: 'sales' | 'customers'): number => {
  const db = new Database(join(app.dir, 'rapport.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const salesCount = (): number => count('sales');

describe('importing a spreadsheet', () => {
  it('reads the file, shows ambiguous dates and the bad row, and imports nothing until they are dealt with', async () => {
    mkdirSync(app.files, { recursive: true });
    writeFileSync(join(app.files, 'vendite-2026.csv'), SHEET, 'utf8');
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await page.getByText('vendite-2026.csv').first().waitFor();

    // Detected from the file: semicolons and decimal commas; every date reads two ways.
    await page.getByRole('heading', { name: 'Which way are the dates written?' }).waitFor();
    expect(await page.getByLabel('Separator').inputValue()).toBe('');
    await expect
      .poll(() => page.getByLabel('Separator').locator('option').first().textContent())
      .toContain('Semicolon');
    await expect.poll(() => page.getByLabel('Numbers').locator('option').first().textContent()).toContain('1.234,56');
    const status = page.locator('.import-action [role="status"]');
    await expect.poll(() => status.textContent()).toContain('Choose how the dates are written');
    const importButton = page.getByRole('button', { name: /^Import \d+ sales?$/ });
    expect(await importButton.isDisabled()).toBe(true);
    await app.shot('import-dates-en-light');

    // Italian headers were mapped to the canonical fields.
    expect(await page.getByLabel('Amount *').inputValue()).toBe('Importo');
    expect(await page.getByLabel('Customer email').inputValue()).toBe('Email');

    await page.getByText('Day first (dd/MM/yyyy)', { exact: true }).first().click();
    await expect.poll(() => status.textContent()).toContain('Nothing is imported while any row has a problem');
    const badCell = page.locator('td.cell-invalid');
    await expect.poll(() => badCell.count()).toBe(1);
    expect(await badCell.textContent()).toBe('abc');
    expect(await badCell.getAttribute('title')).toMatch(/not a number/);
    await page.getByRole('region', { name: 'Problems' }).getByText('Line 6, Amount').waitFor();
    await page.getByRole('heading', { name: 'Preview' }).scrollIntoViewIfNeeded();
    await app.shot('import-review-en-light');
    expect(salesCount()).toBe(0);
  });

  it('imports the valid rows, saves the rejected one next to the file, then the same file adds nothing', async () => {
    await page.getByText(/Import the valid rows and leave out the 1 row/).click();
    const importButton = page.getByRole('button', { name: 'Import 5 sales' });
    await importButton.click();
    await page.getByRole('heading', { name: '5 sales imported' }).waitFor({ timeout: 20_000 });
    await page.getByText('1 row with problems was left out.').waitFor();
    await app.shot('import-done-en-light');
    expect(salesCount()).toBe(5);
    const rejected = join(app.files, 'vendite-2026.rejected.csv');
    expect(existsSync(rejected)).toBe(true);
    expect(readFileSync(rejected, 'utf8')).toMatch(/Neri Studio.*abc/);

    await page.getByRole('button', { name: 'Back to the file' }).click();
    await page.getByText(/This file was imported on/).waitFor();
    await expect
      .poll(() => page.locator('.import-action [role="status"]').textContent())
      .toContain('nothing new to import');
  });

  it('lists the import in the history and undoes exactly that batch', async () => {
    const history = page.getByRole('region', { name: 'Import history' });
    const row = history.getByRole('row', { name: /vendite-2026\.csv/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Undo import' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(/removes the 5 sales imported from vendite-2026\.csv/).waitFor();
    await confirm.getByRole('button', { name: 'Undo import' }).click();
    await row.getByText(/^Undone/).waitFor();
    await expect.poll(salesCount).toBe(0);
    expect(count('customers')).toBe(0);
    // The review below follows: the file is no longer "already imported".
    await expect.poll(() => page.getByText(/This file was imported on/).count()).toBe(0);
  });

  it('saves a column mapping under a name and applies it again', async () => {
    await page.getByLabel('Notes').selectOption('');
    await page.getByLabel('Save this mapping as').fill('Gestionale');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByRole('status').filter({ hasText: 'Mapping saved' }).waitFor();
    await page.getByLabel('Notes').selectOption('Note');
    await page.getByLabel('Saved mappings').selectOption({ label: 'Gestionale' });
    await expect.poll(() => page.getByLabel('Notes').inputValue()).toBe('');
    expect(await page.getByLabel('Amount *').inputValue()).toBe('Importo');
  });

  it('speaks Italian and follows the dark theme', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Language').selectOption('it');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('link', { name: 'Vendite', exact: true }).click();
    await page.getByRole('link', { name: 'Importa', exact: true }).click();
    // The stand-in dialog opens the newest CSV, which is now the rejected rows: make it the sheet.
    const sheet = join(app.files, 'vendite-2026.csv');
    utimesSync(sheet, new Date(), new Date());
    await page.getByRole('button', { name: 'Scegli un file…' }).click();
    await page.getByRole('heading', { name: 'Come sono scritte le date?' }).waitFor();
    await page.getByText('Prima il giorno (dd/MM/yyyy)', { exact: true }).first().click();
    await page.getByText(/Non si importa nulla finché una riga ha problemi/).waitFor();
    const dismiss = page.getByRole('button', { name: 'Ignora' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await app.shot('import-dates-it-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('heading', { name: 'Anteprima' }).scrollIntoViewIfNeeded();
    await app.shot('import-review-it-dark');
    await page.getByRole('heading', { name: 'Storico importazioni' }).scrollIntoViewIfNeeded();
    await app.shot('import-history-it-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('link', { name: 'Impostazioni', exact: true }).click();
    await page.getByLabel('Lingua').selectOption('en');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await page.getByRole('link', { name: 'Sales', exact: true }).waitFor();
  });

  it('shows progress on a large file and a cancel leaves the database as it was', async () => {
    // Large enough to be read in several chunks. The import is held after its first chunk
    // until it is cancelled (importPacing), so neither a fast nor a busy machine decides
    // whether the cancel lands before the end: nothing here races the clock.
    const lines = ['Date,Customer,Amount,Status,Title'];
    for (let i = 0; i < 20_000; i++) {
      lines.push(`2026-0${1 + (i % 9)}-1${i % 10},Customer ${i % 3000},${(i % 900) + 10}.50,won,Deal ${i}`);
    }
    writeFileSync(join(app.files, 'big.csv'), lines.join('\n'));
    holdImports = true;
    try {
      await page.getByRole('link', { name: 'Sales', exact: true }).click();
      await page.getByRole('link', { name: 'Import', exact: true }).click();
      await page.getByRole('button', { name: 'Choose a file…' }).click();
      await page.getByText('big.csv').first().waitFor();
      await page.getByRole('button', { name: 'Import 20,000 sales' }).click();
      await page.getByRole('progressbar', { name: 'Importing…' }).waitFor();
      // The first progress report: some rows read (and written in steps the cancel takes back).
      await page.getByText(/rows\/s/).waitFor();
      const facts = await page.locator('.import-progress-facts').textContent();
      const read = Number(/([\d,]+) rows? read/.exec(facts ?? '')?.[1]?.replace(/,/g, ''));
      expect(read).toBeGreaterThan(0);
      expect(read).toBeLessThan(20_000);
      await app.shot('import-progress-en-light');
      await page.getByRole('button', { name: 'Cancel import' }).click();
      await page.getByRole('heading', { name: 'Import cancelled' }).waitFor();
      await page.getByText('Nothing was saved: your data is exactly as it was before.').waitFor();
      expect(salesCount()).toBe(0);
    } finally {
      holdImports = false;
    }
  });

  it('exports and backs up from Settings into the chosen file', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Your data' }).scrollIntoViewIfNeeded();
    const data = page.getByRole('region', { name: 'Your data' });
    await data.getByRole('button', { name: 'Export…' }).first().click();
    await page
      .getByRole('status')
      .filter({ hasText: /0 sales exported to rapport-sales-\d{4}-\d\d-\d\d\.csv/ })
      .waitFor();
    await data.getByRole('button', { name: 'Back up…' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Backed up to rapport-backup-/ })
      .waitFor();
    await app.shot('settings-data-en-light');
    const backup = readdirSync(app.files).find((name) => /^rapport-backup-.*\.sqlite$/.test(name));
    expect(readFileSync(join(app.files, backup!)).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(app.problems).toEqual([]);
  });
});
