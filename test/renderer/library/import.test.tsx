// @vitest-environment jsdom
import { act, createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LibraryImportResult } from '../../../src-main/features/library/contract';
import { emitWhenHeard, fixToday, renderApp } from '../renderApp';
import { itemFixture, libraryBase, metadataFixture, resultFixture } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));

/** An import main has not answered yet: the test says when, after its progress events. */
function pending(): { promise: Promise<LibraryImportResult>; finish: (result: LibraryImportResult) => void } {
  let finish!: (result: LibraryImportResult) => void;
  const promise = new Promise<LibraryImportResult>((resolve) => (finish = resolve));
  return { promise, finish };
}

const summary = (results: LibraryImportResult['results'], cancelled = false): LibraryImportResult => ({
  results,
  created: results.filter((r) => r.status === 'created' || r.status === 'updated').length,
  duplicates: results.filter((r) => r.status === 'duplicate').length,
  failed: results.filter((r) => r.status === 'error').length,
  cancelled,
});

const DUPLICATE = resultFixture({
  file: '/home/seller/Books/closer-2nd.epub',
  status: 'duplicate',
  id: 1,
  match: 'isbn',
  reason: 'library.import.duplicateOf.isbn',
  reasonValues: { id: 1, title: 'The Patient Closer' },
});

const RESULTS = [
  resultFixture({
    file: '/home/seller/Books/questions.pdf',
    id: 6,
    metadata: metadataFixture({ title: 'Questions That Sell' }),
  }),
  DUPLICATE,
  resultFixture({
    file: '/home/seller/Books/broken.epub',
    status: 'error',
    id: null,
    metadata: null,
    reason: 'library.failures.timeout',
    reasonValues: { seconds: 30 },
  }),
];

describe('importing files', () => {
  it('picks files, shows the progress with counts, speed and time left, then one line per file', async () => {
    const run = pending();
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'library.pick': () => ({ paths: ['/home/seller/Books'] }),
        'library.import': () => run.promise,
      },
      { route: '/library' },
    );
    await user.click(await screen.findByRole('button', { name: 'Add files' }));
    await user.click(screen.getByRole('menuitem', { name: 'Choose a folder…' }));
    const panel = await screen.findByRole('region', { name: 'Adding files to the library' });
    expect(within(panel).getByText('Looking at the files…')).toBeTruthy();
    expect(bridge.callsTo('library.pick')).toEqual([{ folders: true }]);
    expect(bridge.callsTo('library.import')).toEqual([{ paths: ['/home/seller/Books'], link: false }]);

    act(() =>
      bridge.emit('library.progress', {
        done: 120,
        total: 500,
        bytes: 1e8,
        totalBytes: 4e8,
        rate: 31.56,
        etaS: 11.2,
        current: '/home/seller/Books/Sales/selling-slowly.pdf',
      }),
    );
    expect(within(panel).getByText('120 of 500 files')).toBeTruthy();
    expect(within(panel).getByText('31.6 files a second')).toBeTruthy();
    expect(within(panel).getByText('About 12 seconds left')).toBeTruthy();
    expect(within(panel).getByText('selling-slowly.pdf')).toBeTruthy();
    expect(within(panel).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('24');

    await act(async () => run.finish(summary(RESULTS)));
    const results = await screen.findByRole('region', { name: 'Import finished' });
    expect(within(results).getByRole('status').textContent).toBe(
      '1 added · 1 already in the library · 1 could not be read',
    );
    const lines = within(within(results).getByRole('list', { name: 'One line per file' })).getAllByRole('listitem');
    expect(lines).toHaveLength(3);
    expect(within(lines[0]!).getByRole('link', { name: 'Questions That Sell' }).getAttribute('href')).toBe(
      '/library/6',
    );
    expect(lines[0]!.textContent).toContain('questions.pdf');
    expect(lines[1]!.textContent).toContain('Already in the library as #1 “The Patient Closer” (same ISBN).');
    expect(lines[2]!.textContent).toContain('broken.epub');
    expect(lines[2]!.textContent).toContain('Reading the file took longer than 30 s, so it was skipped.');

    await user.click(within(results).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: 'Import finished' })).toBeNull();
  });

  it('cancels: asks main to stop, then shows what was done', async () => {
    const run = pending();
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'library.pick': () => ({ paths: ['/videos'] }),
        'library.import': () => run.promise,
        'library.cancelImport': () => ({ cancelled: true }),
      },
      { route: '/library' },
    );
    await user.click(await screen.findByRole('button', { name: 'Add files' }));
    await user.click(screen.getByRole('menuitem', { name: 'Link a folder where it is…' }));
    const panel = await screen.findByRole('region', { name: 'Adding files to the library' });
    expect(bridge.callsTo('library.import')).toEqual([{ paths: ['/videos'], link: true }]);
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('library.cancelImport')).toEqual([{}]);
    expect(await screen.findByRole('region', { name: 'Cancelling…' })).toBeTruthy();
    expect((within(panel).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);

    await act(async () => run.finish(summary([resultFixture({ file: '/videos/a.mp4' })], true)));
    const results = await screen.findByRole('region', { name: 'Import cancelled' });
    expect(within(results).getByText('The files listed were looked at; the rest were left alone.')).toBeTruthy();
    expect(within(results).getAllByRole('listitem')).toHaveLength(1);
  });

  it('imports what is dropped on the window, from any screen, and goes to the library', async () => {
    const run = pending();
    const { bridge } = renderApp(
      { ...libraryBase, 'sales.list': () => ({ items: [], total: 0 }), 'library.import': () => run.promise },
      { route: '/sales' },
    );
    await screen.findByRole('heading', { level: 1, name: 'Sales' });
    await emitWhenHeard(bridge, 'library.dropped', { paths: ['/home/seller/Desktop/notes.md', '/home/seller/Talks'] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Library' })).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'Adding files to the library' })).toBeTruthy();
    expect(bridge.callsTo('library.import')).toEqual([
      { paths: ['/home/seller/Desktop/notes.md', '/home/seller/Talks'], link: false },
    ]);
    await act(async () => run.finish(summary([resultFixture({ file: '/home/seller/Desktop/notes.md' })])));
    expect(await screen.findByRole('region', { name: 'Import finished' })).toBeTruthy();
  });

  it('shows where dragged files will go, and keeps the window from opening a dropped file', async () => {
    renderApp(libraryBase, { route: '/library' });
    await screen.findByRole('heading', { level: 1, name: 'Library' });
    const dataTransfer = { types: ['Files'], dropEffect: 'none' };
    // Retried: on a busy machine the window's listeners can be attached just after the heading shows.
    await waitFor(() => {
      fireEvent.dragEnter(window, { dataTransfer });
      expect(screen.getByText('Drop to add to the library')).toBeTruthy();
    });
    const over = createEvent.dragOver(window, { dataTransfer });
    fireEvent(window, over);
    // Without this Chromium fires no drop at all; the preload reads the paths from that drop.
    expect(over.defaultPrevented).toBe(true);
    expect(dataTransfer.dropEffect).toBe('copy');
    const drop = createEvent.drop(window, { dataTransfer });
    fireEvent(window, drop);
    expect(drop.defaultPrevented).toBe(true);
    await waitFor(() => expect(screen.queryByText('Drop to add to the library')).toBeNull());
    // Text dragged within the page is none of the library's business.
    const text = createEvent.dragOver(window, { dataTransfer: { types: ['text/plain'] } });
    fireEvent(window, text);
    expect(text.defaultPrevented).toBe(false);
  });

  it('says a failed import with a way to try again', async () => {
    let calls = 0;
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'library.pick': () => ({ paths: ['/books'] }),
        'library.import': () => {
          calls++;
          if (calls === 1) throw new Error('disk gone');
          return summary([resultFixture({ file: '/books/a.epub' })]);
        },
      },
      { route: '/library' },
    );
    await user.click(await screen.findByRole('button', { name: 'Add files' }));
    await user.click(screen.getByRole('menuitem', { name: 'Choose files…' }));
    expect(await screen.findByText("Couldn't import the files")).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Import finished' })).toBeTruthy();
    expect(bridge.callsTo('library.import')).toEqual([
      { paths: ['/books'], link: false },
      { paths: ['/books'], link: false },
    ]);
  });

  it('does nothing when the chooser is cancelled', async () => {
    const { user, bridge } = renderApp(
      { ...libraryBase, 'library.pick': () => ({ paths: [] }), 'library.import': () => summary([]) },
      { route: '/library' },
    );
    await user.click(await screen.findByRole('button', { name: 'Add files' }));
    await user.click(screen.getByRole('menuitem', { name: 'Choose files…' }));
    await waitFor(() => expect(bridge.callsTo('library.pick')).toHaveLength(1));
    expect(bridge.callsTo('library.import')).toEqual([]);
    expect(screen.queryByRole('region', { name: 'Adding files to the library' })).toBeNull();
  });
});

describe('a duplicate’s merge preview', () => {
  const existing = itemFixture({ id: 1, coverUrl: null, pages: 240, publisher: 'Northwind Press', year: 2021 });

  async function openPreview() {
    const app = renderApp(
      {
        ...libraryBase,
        'library.get': () => existing,
        'library.pick': () => ({ paths: ['/home/seller/Books/closer-2nd.epub'] }),
        'library.import': ({ onDuplicate }) => {
          if (onDuplicate === 'report') return summary([DUPLICATE]);
          if (onDuplicate === 'keep_existing') return summary([DUPLICATE]);
          if (onDuplicate === 'use_new')
            return summary([{ ...DUPLICATE, status: 'updated', reason: null, reasonValues: null }]);
          return summary([{ ...DUPLICATE, status: 'created', id: 12, match: null, reason: null, reasonValues: null }]);
        },
      },
      { route: '/library' },
    );
    await app.user.click(await screen.findByRole('button', { name: 'Add files' }));
    await app.user.click(screen.getByRole('menuitem', { name: 'Choose files…' }));
    const results = await screen.findByRole('region', { name: 'Import finished' });
    const line = within(results).getAllByRole('listitem')[0]!;
    await app.user.click(within(line).getByRole('button', { name: 'Compare' }));
    return { ...app, line };
  }

  it('shows the item in the library and the new file side by side, the differences marked', async () => {
    const { line } = await openPreview();
    const table = await within(line).findByRole('table', {
      name: 'The item in the library and the new file, side by side',
    });
    const row = (label: string): string[] =>
      within(
        within(table)
          .getByRole('rowheader', { name: new RegExp(`^${label}`) })
          .closest('tr')!,
      )
        .getAllByRole('cell')
        .map((cell) => cell.textContent ?? '');
    expect(row('Title')).toEqual(['The Patient Closer', 'The Patient Closer']);
    expect(row('Kind')).toEqual(['Book', 'E-book']);
    expect(row('Publisher')).toEqual(['Northwind Press', 'Northwind Digital']);
    expect(row('Pages')).toEqual(['240', '256']);
    expect(row('Cover')).toEqual(['No', 'Yes']);
    expect(within(table).getByRole('rowheader', { name: /^Kind\s*\(differs\)$/ })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: 'Title' })).toBeTruthy();
  });

  it.each([
    ['Keep existing', 'keep_existing', 'Kept the one already in the library'],
    ['Use the new file', 'use_new', 'Replaced with the new file; your notes, highlights and progress stay'],
    ['Keep both', 'keep_both', 'Added as a separate item'],
  ] as const)('“%s” imports that one file again with onDuplicate %s', async (button, choice, words) => {
    const { user, bridge, line } = await openPreview();
    await user.click(await within(line).findByRole('button', { name: button }));
    await waitFor(() => expect(line.textContent).toContain(words));
    expect(bridge.callsTo('library.import')).toEqual([
      { paths: ['/home/seller/Books/closer-2nd.epub'], link: false },
      { paths: ['/home/seller/Books/closer-2nd.epub'], onDuplicate: choice },
    ]);
    expect(within(line).queryByRole('button', { name: 'Compare' })).toBeNull();
    expect(within(line).queryByRole('table')).toBeNull();
    if (choice === 'keep_both') expect(within(line).getByRole('link').getAttribute('href')).toBe('/library/12');
  });
});
