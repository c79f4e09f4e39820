import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleData, ROOT, startApp, type E2EApp } from './harness';

/**
 * Highlights from a Kindle, imported from the library screen over the real preview backend, in
 * Chromium: the file chosen through the (stand-in) system dialog, the counts in words, the
 * highlights on the book's page, the same file again adding nothing, and a My Clippings.txt
 * dropped on the window (a real, trusted drop through the DevTools protocol) offered as a
 * Kindle import instead of being read as a book.
 */

type Page = E2EApp['page'];

const CLIPPINGS = join(ROOT, 'test/fixtures/library/clippings-en.txt');

describe('importing Kindle highlights in the app', () => {
  let app: E2EApp;
  let page: Page;
  let file: string;

  beforeAll(async () => {
    app = await startApp('library-highlights');
    page = app.page;
    // The stand-in open dialog picks the newest .csv/.txt in the preview's folder.
    mkdirSync(app.files, { recursive: true });
    file = join(app.files, 'My Clippings.txt');
    copyFileSync(CLIPPINGS, file);
    await openSampleData(app);
  }, 180_000);
  afterAll(() => app?.close());

  const openDialog = async () => {
    await page.getByRole('button', { name: 'Add files' }).click();
    await page.getByRole('menuitem', { name: 'Import highlights…' }).click();
    return page.getByRole('dialog', { name: 'Import highlights' });
  };

  const counts = async (dialog: ReturnType<Page['getByRole']>) =>
    dialog.getByRole('list', { name: 'What the import did' }).getByRole('listitem').allTextContents();

  it('imports a clippings file picked in the dialog and shows its highlights on the book', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    const dialog = await openDialog();
    expect(await dialog.getByRole('radio', { name: 'Kindle' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await dialog.getByText('My Clippings.txt', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('Imported from My Clippings.txt').waitFor({ timeout: 30_000 });
    await app.shot('library-highlights-imported');
    expect(await counts(dialog)).toEqual([
      '4 new items added to the library',
      '0 items were already in the library',
      '6 highlights added',
      '3 notes added',
      '2 bookmarks added',
      '0 already imported before, skipped',
    ]);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The book is in the list now, its highlights on its page: the edited one kept in its newest words.
    await page.getByRole('searchbox', { name: 'Search the library' }).fill('Quiet Close');
    await page.keyboard.press('Enter');
    const grid = page.getByRole('list', { name: 'Library items' });
    await expect.poll(() => grid.getByRole('listitem').count()).toBe(1);
    await grid.getByRole('link').first().click();
    await page.getByRole('heading', { name: /The Quiet Close/, level: 1 }).waitFor();
    const highlights = page.locator('.library-highlights');
    await highlights.getByText('Ask what changed since the last time they bought, then stop talking.').waitFor();
    await highlights.getByText(/thinking out loud, so let it run\./).waitFor();
    expect(await highlights.getByText(/thinking out loud\.$/).count()).toBe(0);
    await highlights.getByText('Try this on the Verdi renewal call.').waitFor();
    await app.shot('library-highlights-on-item');
  });

  it('says nothing new was added when the same file is imported again', async () => {
    await page.getByRole('link', { name: 'Library', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    const dialog = await openDialog();
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog
      .getByText('Nothing new was added: everything in My Clippings.txt is already in the library.')
      .waitFor({ timeout: 30_000 });
    const again = await counts(dialog);
    expect(again[0]).toBe('0 new items added to the library');
    expect(again[1]).toBe('4 items were already in the library');
    expect(again[2]).toBe('0 highlights added');
    // The 6 highlights, 3 notes and 2 bookmarks of the first import.
    expect(again[5]).toBe('11 already imported before, skipped');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('offers a dropped My Clippings.txt as a Kindle import, not as a book', async () => {
    // The preview reads a dropped file's name as one in its library/ folder (a browser gives no path).
    const shelf = join(app.files, 'library');
    mkdirSync(shelf, { recursive: true });
    copyFileSync(CLIPPINGS, join(shelf, 'My Clippings.txt'));
    // A real drag from outside the page: trusted, so the preload reads it (a script's would not be).
    const cdp = await page.context().newCDPSession(page);
    const data = { items: [], files: [join(shelf, 'My Clippings.txt')], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
      await cdp.send('Input.dispatchDragEvent', { type, x: 600, y: 400, data });
    const dialog = page.getByRole('dialog', { name: 'Import highlights' });
    await dialog
      .getByRole('note')
      .getByText(/looks like a Kindle clippings file/)
      .waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('radio', { name: 'Kindle' }).isChecked()).toBe(true);
    await dialog.getByText('My Clippings.txt', { exact: true }).waitFor();
    await app.shot('library-highlights-dropped');
    // Not read as a book: no file import ran.
    expect(await page.getByRole('region', { name: /^(Import finished|Adding files to the library)$/ }).count()).toBe(0);
    // The same highlights as the picked file's (another copy of it): nothing new.
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText(/^Nothing new was added/).waitFor({ timeout: 30_000 });
    // The 6 highlights, 3 notes and 2 bookmarks already there.
    expect((await counts(dialog))[5]).toBe('11 already imported before, skipped');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(app.problems).toEqual([]);
  });
});
