// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HighlightImportResult } from '../../../src-main/features/library/contract';
import { fails } from '../fakeApi';
import { emitWhenHeard, fixToday, renderApp } from '../renderApp';
import { libraryBase } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));

const CLIPPINGS = '/media/seller/Kindle/documents/My Clippings.txt';
const GOODREADS = '/home/seller/Downloads/goodreads_library_export.csv';

/** An import main has not answered yet: the test says when. */
function pending(): { promise: Promise<HighlightImportResult>; finish: (result: HighlightImportResult) => void } {
  let finish!: (result: HighlightImportResult) => void;
  const promise = new Promise<HighlightImportResult>((resolve) => (finish = resolve));
  return { promise, finish };
}

const counts = (patch: Partial<HighlightImportResult> = {}): HighlightImportResult => ({
  itemsCreated: 0,
  itemsMatched: 0,
  highlights: 0,
  notes: 0,
  bookmarks: 0,
  duplicatesSkipped: 0,
  ...patch,
});

async function openDialog(user: ReturnType<typeof renderApp>['user']): Promise<HTMLElement> {
  await user.click(await screen.findByRole('button', { name: 'Add files' }));
  await user.click(screen.getByRole('menuitem', { name: 'Import highlights…' }));
  return screen.findByRole('dialog', { name: 'Import highlights' });
}

describe('importing highlights', () => {
  it('chooses the source, picks the file, runs with a busy state, then says the counts in words', async () => {
    const run = pending();
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'dialog.openFile': () => ({ path: GOODREADS }),
        'library.importHighlights': () => run.promise,
      },
      { route: '/library' },
    );
    const dialog = await openDialog(user);
    // Kindle first, with where the file is.
    expect((within(dialog).getByRole('radio', { name: 'Kindle' }) as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByText(/open its documents folder: the file is My Clippings.txt/)).toBeTruthy();
    const importButton = within(dialog).getByRole('button', { name: 'Import' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    expect(within(dialog).getByText('No file chosen yet')).toBeTruthy();

    await user.click(within(dialog).getByRole('radio', { name: 'Goodreads' }));
    expect(within(dialog).getByText('Goodreads library export (CSV)')).toBeTruthy();
    expect(within(dialog).getByText(/My Books → Import and export → Export Library/)).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Choose file…' }));
    expect(bridge.callsTo('dialog.openFile')).toEqual([{ purpose: 'highlights' }]);
    expect(within(dialog).getByText('goodreads_library_export.csv')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Choose another…' })).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(bridge.callsTo('library.importHighlights')).toEqual([{ source: 'goodreads', path: GOODREADS }]);
    const busy = within(dialog).getByRole('button', { name: 'Importing…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect((within(dialog).getByRole('button', { name: 'Choose another…' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(dialog).getByRole('radio', { name: 'Readwise' }) as HTMLInputElement).disabled).toBe(true);

    await act(async () =>
      run.finish(
        counts({ itemsCreated: 3, itemsMatched: 1, highlights: 12, notes: 1, bookmarks: 0, duplicatesSkipped: 2 }),
      ),
    );
    expect(await within(dialog).findByText('Imported from goodreads_library_export.csv')).toBeTruthy();
    const lines = within(within(dialog).getByRole('list', { name: 'What the import did' })).getAllByRole('listitem');
    expect(lines.map((line) => line.textContent)).toEqual([
      '3 new items added to the library',
      '1 item was already in the library',
      '12 highlights added',
      '1 note added',
      '0 bookmarks added',
      '2 already imported before, skipped',
    ]);
    const done = within(dialog).getByRole('button', { name: 'Done' });
    expect(document.activeElement).toBe(done);
    await user.click(done);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when importing the same file again adds nothing', async () => {
    const { user } = renderApp(
      {
        ...libraryBase,
        'dialog.openFile': () => ({ path: CLIPPINGS }),
        'library.importHighlights': () => counts({ itemsMatched: 4, duplicatesSkipped: 7 }),
      },
      { route: '/library' },
    );
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Choose file…' }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(
      await within(dialog).findByText(
        'Nothing new was added: everything in My Clippings.txt is already in the library.',
      ),
    ).toBeTruthy();
    expect(within(dialog).getByText('7 already imported before, skipped')).toBeTruthy();
    // Another file starts over, with nothing chosen.
    await user.click(within(dialog).getByRole('button', { name: 'Import another file' }));
    expect(within(dialog).getByText('No file chosen yet')).toBeTruthy();
  });

  it('shows a file that cannot be read in words, each bad record by line, and nothing else', async () => {
    const { user } = renderApp(
      {
        ...libraryBase,
        'dialog.openFile': () => ({ path: CLIPPINGS }),
        'library.importHighlights': fails(
          'invalid_input',
          'library.highlights.errors.unreadable',
          [
            {
              path: 'My Clippings.txt:12',
              message: 'library.highlights.issues.kindleMeta',
              values: { line: 12, column: 'meta', got: '- Votre surlignement' },
            },
            {
              path: 'My Clippings.txt:30',
              message: 'library.highlights.issues.noTitle',
              values: { line: 30, column: 'title' },
            },
          ],
          { name: 'My Clippings.txt', count: 2 },
        ),
      },
      { route: '/library' },
    );
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Choose file…' }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Couldn’t import the highlights')).toBeTruthy();
    expect(within(alert).getByText('2 records of My Clippings.txt cannot be read: nothing was imported.')).toBeTruthy();
    const problems = within(within(dialog).getByRole('list', { name: 'Records that could not be read' })).getAllByRole(
      'listitem',
    );
    expect(problems.map((line) => line.textContent)).toEqual([
      'Line 12 the line under the title is not a Kindle highlight, note or bookmark line in a language Rapport reads (got “- Votre surlignement”)',
      'Line 30 the title line is empty',
    ]);
    // Another source clears the failure; the import can be tried again.
    await user.click(within(dialog).getByRole('radio', { name: 'Readwise' }));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect((within(dialog).getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a wrong kind of file in the words main sent, in Italian', async () => {
    const { user } = renderApp(
      {
        ...libraryBase,
        'dialog.openFile': () => ({ path: CLIPPINGS }),
        'library.importHighlights': fails('invalid_input', 'library.highlights.errors.notReadwise', undefined, {
          name: 'My Clippings.txt',
          missing: 'Highlight',
        }),
      },
      { route: '/library', settings: { language: 'it' } },
    );
    await user.click(await screen.findByRole('button', { name: 'Aggiungi file' }));
    await user.click(screen.getByRole('menuitem', { name: 'Importa evidenziazioni…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Importa evidenziazioni' });
    await user.click(within(dialog).getByRole('radio', { name: 'Readwise' }));
    await user.click(within(dialog).getByRole('button', { name: 'Scegli il file…' }));
    await user.click(within(dialog).getByRole('button', { name: 'Importa' }));
    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Impossibile importare le evidenziazioni')).toBeTruthy();
    expect(
      within(alert).getByText("My Clippings.txt non è un'esportazione CSV di Readwise: manca la colonna Highlight."),
    ).toBeTruthy();
  });

  it('closes on Escape, and on Cancel, without importing anything', async () => {
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'dialog.openFile': () => ({ path: CLIPPINGS }),
        'library.importHighlights': () => counts({ highlights: 1 }),
      },
      { route: '/library' },
    );
    let dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Choose file…' }));
    expect(within(dialog).getByText('My Clippings.txt')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    dialog = await openDialog(user);
    // Opened again, it starts with nothing chosen.
    expect(within(dialog).getByText('No file chosen yet')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Choose file…' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.callsTo('library.importHighlights')).toEqual([]);
    expect(bridge.callsTo('library.cancelImport')).toEqual([]);
  });

  it('closing while the import runs asks main to stop it', async () => {
    const run = pending();
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'dialog.openFile': () => ({ path: CLIPPINGS }),
        'library.importHighlights': () => run.promise,
        'library.cancelImport': () => ({ cancelled: true }),
      },
      { route: '/library' },
    );
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Choose file…' }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.callsTo('library.cancelImport')).toEqual([{}]);
    await act(async () => run.finish(counts()));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers a dropped My Clippings.txt as a Kindle import instead of adding it as a book', async () => {
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'library.import': () => ({ results: [], created: 0, duplicates: 0, failed: 0, cancelled: false }),
        'library.importHighlights': () => counts({ itemsCreated: 2, highlights: 5, notes: 1, bookmarks: 1 }),
      },
      { route: '/library' },
    );
    await screen.findByRole('heading', { level: 1, name: 'Library' });
    const dropped = '/media/seller/Kindle/documents/MY CLIPPINGS.TXT';
    await emitWhenHeard(bridge, 'library.dropped', { paths: [dropped, '/home/seller/Books/closer.epub'] });
    const dialog = await screen.findByRole('dialog', { name: 'Import highlights' });
    expect(within(dialog).getByRole('note').textContent).toContain('This looks like a Kindle clippings file');
    expect((within(dialog).getByRole('radio', { name: 'Kindle' }) as HTMLInputElement).checked).toBe(true);
    expect(within(dialog).getByText('MY CLIPPINGS.TXT')).toBeTruthy();
    // The other file is imported as the library imports files; the clippings file is not.
    expect(bridge.callsTo('library.import')).toEqual([{ paths: ['/home/seller/Books/closer.epub'], link: false }]);
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(bridge.callsTo('library.importHighlights')).toEqual([{ source: 'kindle', path: dropped }]);
    expect(await within(dialog).findByText('5 highlights added')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is one of the ways in when the library is empty, and is reached by keyboard from the add menu', async () => {
    const { user } = renderApp({ ...libraryBase }, { route: '/library' });
    await user.click(await screen.findByRole('button', { name: 'Import highlights' }));
    expect(await screen.findByRole('dialog', { name: 'Import highlights' })).toBeTruthy();
    await user.keyboard('{Escape}');
    const add = screen.getByRole('button', { name: 'Add files' });
    add.focus();
    await user.keyboard('{Enter}');
    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toBe('Import highlights…');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Import highlights' })).toBeTruthy();
  });
});
