// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LibraryItemSummary } from '../../../src-main/features/library/contract';
import { fixToday, renderApp, whenSettled } from '../renderApp';
import { emptyFacets, itemFixture, libraryBase, summaryFixture } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));
/** Keys with no pause at all between them: a fast typist, then Enter at once. */
const fast = userEvent.setup({ delay: null });
beforeEach(() => window.localStorage.clear());

const page = (items: LibraryItemSummary[]) => ({ items, total: items.length });

const ITEMS = [
  summaryFixture(),
  summaryFixture({
    id: 2,
    kind: 'audiobook',
    title: 'Questions That Sell',
    people: [
      { name: 'Ivo Greco', role: 'author' },
      { name: 'Lia Moro', role: 'narrator' },
    ],
    coverUrl: 'rapport-media://cover/2',
    status: 'want',
    tags: ['discovery', 'closing'],
    pages: null,
    durationS: 5 * 3600 + 300,
    rating: null,
  }),
];

const facets = {
  tags: [
    { tag: 'closing', count: 2 },
    { tag: 'discovery', count: 1 },
  ],
  authors: [
    { name: 'Marta Villa', count: 1 },
    { name: 'Ivo Greco', count: 1 },
  ],
  kinds: { ...emptyFacets.kinds, book: 1, audiobook: 1 },
  statuses: { ...emptyFacets.statuses, want: 1, in_progress: 1 },
};

const withItems = { ...libraryBase, 'library.list': () => page(ITEMS), 'library.facets': () => facets };

describe('the library screen', () => {
  it('is in the sidebar and, empty, says the four ways in', async () => {
    const { user } = renderApp(libraryBase, { route: '/sales' });
    await user.click(await screen.findByRole('link', { name: 'Library' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Library' })).toBeTruthy();
    const empty = await screen.findByRole('heading', { level: 2, name: 'Your library is empty' });
    const panel = empty.parentElement!;
    expect(within(panel).getByText(/Drop e-books, PDFs, audio or video files/)).toBeTruthy();
    expect(within(panel).getByText('Pick files or a folder from your computer.')).toBeTruthy();
    expect(within(panel).getByText(/Add a paper book on your shelf/)).toBeTruthy();
    expect(within(panel).getByText(/Import the highlights and notes you made on a Kindle/)).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Add by hand' }));
    expect(await screen.findByRole('dialog', { name: 'Add to the library by hand' })).toBeTruthy();
  });

  it('shows covers from the API’s own address, a placeholder without one or when it fails, and counts', async () => {
    renderApp(withItems, { route: '/library' });
    const grid = await screen.findByRole('list', { name: 'Library items' });
    const [first, second] = within(grid).getAllByRole('listitem');
    // No cover: the kind's icon over the title.
    expect(first!.querySelector('img')).toBeNull();
    expect(first!.querySelector('.cover-placeholder [data-icon="book"]')).toBeTruthy();
    expect(
      within(first!)
        .getByRole('link', { name: /The Patient Closer/ })
        .getAttribute('href'),
    ).toBe('/library/1');
    expect(within(first!).getByText('In progress')).toBeTruthy();
    expect(within(first!).getByText('Rated 4 of 5')).toBeTruthy();
    expect(within(first!).getByRole('progressbar', { name: 'Progress of “The Patient Closer”' })).toBeTruthy();
    // A cover as the API gave it, untouched; a broken one falls back to the placeholder.
    const img = second!.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('rapport-media://cover/2');
    expect(within(second!).getByText('Ivo Greco, Lia Moro (narrator)')).toBeTruthy();
    fireEvent.error(img);
    expect(second!.querySelector('img')).toBeNull();
    expect(second!.querySelector('.cover-placeholder [data-icon="headphones"]')).toBeTruthy();
    expect(screen.getByText('2 items')).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Audiobook (1)' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'closing (2)' })).toBeTruthy();
  });

  it('remembers covers or list across visits', async () => {
    const { user } = renderApp(withItems, { route: '/library' });
    await screen.findByRole('list', { name: 'Library items' });
    await user.click(screen.getByRole('radio', { name: 'List' }));
    const table = await screen.findByRole('table', { name: 'Library items' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('5 h 5 min')).toBeTruthy();
    cleanup();

    renderApp(withItems, { route: '/library' });
    expect(await screen.findByRole('table', { name: 'Library items' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'List' }) as HTMLInputElement).checked).toBe(true);
  });

  it('filters by kind, status, tag and author, sorts, each from the first page, and clears', async () => {
    const { user, bridge } = renderApp(withItems, { route: '/library' });
    await screen.findByRole('list', { name: 'Library items' });
    await user.selectOptions(screen.getByLabelText('Kind'), 'Audiobook (1)');
    await user.selectOptions(screen.getByLabelText('Status'), 'Want to read (1)');
    await user.selectOptions(screen.getByLabelText('Tag'), 'discovery (1)');
    await user.selectOptions(screen.getByLabelText('Author'), 'Ivo Greco (1)');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Title');
    await waitFor(() =>
      expect(bridge.callsTo('library.list').at(-1)).toEqual({
        kind: 'audiobook',
        status: 'want',
        tag: 'discovery',
        author: 'Ivo Greco',
        sort: 'title',
        limit: 50,
        offset: 0,
      }),
    );
    expect(screen.getByText('2 shown of 2 items')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(bridge.callsTo('library.list').at(-1)).toEqual({ sort: 'title', limit: 50, offset: 0 }));
  });

  it('searches once typing pauses, and at once on Enter', async () => {
    const { user, bridge } = renderApp(withItems, { route: '/library' });
    await screen.findByRole('list', { name: 'Library items' });
    const box = screen.getByRole('searchbox', { name: 'Search the library' });
    await fast.type(box, 'silenzio{Enter}');
    // Asked with the whole text straight away, never with half a word.
    await waitFor(() => expect(bridge.callsTo('library.list').at(-1)?.text).toBe('silenzio'));
    expect(bridge.callsTo('library.list').filter((call) => call.text && call.text !== 'silenzio')).toEqual([]);
    await user.clear(box);
    await user.type(box, 'domande');
    await waitFor(() => expect(bridge.callsTo('library.list').at(-1)?.text).toBe('domande'));
  });

  it('edits the tags and status of the chosen items at once', async () => {
    const { user, bridge } = renderApp(
      { ...withItems, 'library.bulkEdit': ({ ids }) => ({ updated: ids.length }) },
      { route: '/library' },
    );
    const grid = await screen.findByRole('list', { name: 'Library items' });
    await user.click(within(grid).getByRole('checkbox', { name: 'Select “The Patient Closer”' }));
    await user.click(within(grid).getByRole('checkbox', { name: 'Select “Questions That Sell”' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit tags and status…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit 2 items' });
    const d = within(dialog);

    // Nothing chosen: said, and nothing sent.
    await user.click(d.getByRole('button', { name: 'Apply' }));
    expect(await d.findByText('Choose tags to add or remove, or a status.')).toBeTruthy();
    expect(bridge.callsTo('library.bulkEdit')).toEqual([]);

    await user.type(d.getByLabelText('Add tags'), 'objections, Objections , mindset');
    await user.click(d.getByRole('checkbox', { name: 'closing' }));
    await user.selectOptions(d.getByLabelText('Status'), 'Done');
    await user.click(d.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('library.bulkEdit')).toEqual([
      { ids: [1, 2], addTags: ['objections', 'mindset'], removeTags: ['closing'], status: 'done' },
    ]);
    expect(await screen.findByText('2 items changed')).toBeTruthy();
    expect(screen.queryByText('2 selected')).toBeNull();
  });

  it('selects a whole page with one box', async () => {
    const { user } = renderApp(withItems, { route: '/library' });
    await screen.findByRole('list', { name: 'Library items' });
    await user.click(screen.getByRole('checkbox', { name: 'Select this page' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.queryByText('2 selected')).toBeNull();
  });
});

describe('adding by hand', () => {
  it('saves a paper book with its people, typed fast and sent with Enter, then opens it', async () => {
    const { user, bridge } = renderApp(
      {
        ...libraryBase,
        'library.create': (input) =>
          itemFixture({ id: 9, title: input.title, people: input.people, highlightList: [] }),
        'library.get': () => itemFixture({ id: 9, title: 'Selling Slowly', highlightList: [] }),
      },
      { route: '/library' },
    );
    await user.click(await screen.findByRole('button', { name: 'Add by hand' }));
    const d = within(await screen.findByRole('dialog', { name: 'Add to the library by hand' }));
    expect(document.activeElement).toBe(d.getByLabelText('Title'));
    await fast.type(d.getByLabelText('Person 1'), 'Ada Neri');
    await fast.type(d.getByLabelText(/^Pages/), '1,234');
    await fast.type(d.getByLabelText(/^Year/), '2019');
    await fast.type(d.getByLabelText(/^ISBN/), '978-0-306-40615-7');
    await fast.type(d.getByLabelText('Title'), 'Selling Slowly');
    // Enter at once: user-event's Enter finds no submit button inside the form (the dialog's is in
    // its footer, tied by form=, which Chromium follows: the E2E presses the real key), so the
    // form is submitted as Enter would, in the same tick as the last keystroke.
    fireEvent.submit(d.getByLabelText('Title').closest('form')!);
    await whenSettled(() => screen.getByRole('heading', { level: 1, name: 'Selling Slowly' }));
    expect(bridge.callsTo('library.create')).toEqual([
      expect.objectContaining({
        kind: 'book',
        title: 'Selling Slowly',
        people: [{ name: 'Ada Neri', role: 'author' }],
        pages: 1234,
        year: 2019,
        isbn: '9780306406157',
        url: null,
        status: 'want',
      }),
    ]);
  });

  it('says what is wrong and sends nothing', async () => {
    const { user, bridge } = renderApp(
      { ...libraryBase, 'library.create': () => itemFixture() },
      { route: '/library' },
    );
    await user.click(await screen.findByRole('button', { name: 'Add by hand' }));
    const d = within(await screen.findByRole('dialog'));
    await user.type(d.getByLabelText(/^Year/), 'last year');
    await user.type(d.getByLabelText(/^Web address/), 'ftp://example.com/a');
    await user.click(d.getByRole('button', { name: 'Add to the library' }));
    expect(await d.findByText('This field is required')).toBeTruthy();
    expect(d.getByText('Enter a whole number')).toBeTruthy();
    expect(d.getByText('A web address starting with http:// or https://.')).toBeTruthy();
    expect(document.activeElement).toBe(d.getByLabelText('Title'));
    expect(bridge.callsTo('library.create')).toEqual([]);
  });

  it('asks before Escape throws away a half-filled form; a clean one just closes', async () => {
    const { user } = renderApp(libraryBase, { route: '/library' });
    await user.click(await screen.findByRole('button', { name: 'Add by hand' }));
    const d = within(await screen.findByRole('dialog'));
    await user.type(d.getByLabelText('Title'), 'Half a ti');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect((d.getByLabelText('Title') as HTMLInputElement).value).toBe('Half a ti');
    await user.keyboard('{Escape}');
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getAllByRole('button', { name: 'Add by hand' })[0]!);
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
