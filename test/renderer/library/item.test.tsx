// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { LibraryItem } from '../../../src-main/features/library/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { goalFixture, summaryFixture as goalSummaryFixture } from '../goals/fixtures';
import { techniqueFixture } from '../fixtures';
import { fixToday, renderApp, whenSettled } from '../renderApp';
import { highlightFixture, itemFixture, libraryBase, summaryFixture, takeawayFixture } from './fixtures';

fixToday(new Date(2026, 2, 16, 10, 0));
/** Keys with no pause at all between them: a fast typist, then Enter at once. */
const fast = userEvent.setup({ delay: null });

function openItem(item: LibraryItem, handlers: FakeHandlers = {}) {
  let current = item;
  const app = renderApp(
    {
      ...libraryBase,
      'library.get': () => current,
      'sales.list': () => ({ items: [], total: 0 }),
      ...handlers,
    },
    { route: `/library/${item.id}` },
  );
  return { ...app, update: (patch: Partial<LibraryItem>) => (current = { ...current, ...patch }) };
}

describe('an item’s page', () => {
  it('shows what it is: people with roles, a guessed title marked, details, summary and contents', async () => {
    openItem(
      itemFixture({
        title: 'untitled draft',
        titleGuessed: true,
        people: [
          { name: 'Marta Villa', role: 'author' },
          { name: 'Piero Sala', role: 'translator' },
        ],
        contents: [
          { title: 'Part one', level: 0, page: 1 },
          { title: 'Waiting', level: 1, page: 12 },
        ],
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'untitled draft' })).toBeTruthy();
    expect(screen.getByText('Guessed title')).toBeTruthy();
    const people = screen.getByRole('list', { name: 'Authors and speakers' });
    expect(
      within(people)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Marta Villaauthor', 'Piero Salatranslator']);
    const details = screen.getByRole('region', { name: 'Details' });
    expect(within(details).getByText('Northwind Press')).toBeTruthy();
    expect(within(details).getByText('9780306406157')).toBeTruthy();
    expect(within(details).getByText('240 pages')).toBeTruthy();
    expect(within(details).getByText('A copy on your shelf')).toBeTruthy();
    expect(within(details).getByText('1 Feb 2026')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('longer').tagName).toBe('STRONG'));
    const contents = screen.getByRole('region', { name: 'Contents' });
    expect(
      within(contents)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Part one1', 'Waiting12']);
    expect(screen.getByText('Page 120 of 240')).toBeTruthy();
  });

  it('opens a stored file in the system’s viewer', async () => {
    const { user, bridge } = openItem(itemFixture({ source: 'stored', fileName: 'closer.epub' }), {
      'library.open': () => ({ opened: true }),
    });
    await user.click(await screen.findByRole('button', { name: 'Open' }));
    expect(bridge.callsTo('library.open')).toEqual([{ id: 1 }]);
  });

  it('has no Open for a copy on the shelf', async () => {
    openItem(itemFixture());
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('button', { name: 'Open' })).toBeNull();
  });

  it('flags a missing linked file and looks again', async () => {
    const { user, bridge } = openItem(itemFixture({ source: 'linked', fileMissing: true, fileName: 'closer.pdf' }), {
      'library.checkLinks': () => ({ missing: 0, found: 3 }),
    });
    const notice = await screen.findByText(/The linked file closer.pdf was not found/);
    expect(within(screen.getByRole('region', { name: 'Details' })).getByText('File missing')).toBeTruthy();
    await user.click(within(notice.parentElement!).getByRole('button', { name: 'Look again' }));
    expect(bridge.callsTo('library.checkLinks')).toEqual([{}]);
    expect(await screen.findByText('Linked files looked for: 3 found, 0 missing')).toBeTruthy();
  });

  it('logs today’s pages and minutes on today’s date', async () => {
    const { bridge } = openItem(itemFixture(), {
      'library.progress': () => summaryFixture({ progressPage: 150 }),
    });
    const card = await screen.findByRole('region', { name: 'Progress' });
    const c = within(card);
    await fast.type(c.getByLabelText('Pages read'), '30');
    await fast.type(c.getByLabelText('Minutes spent'), '45{Enter}');
    await waitFor(() =>
      expect(bridge.callsTo('library.progress')).toEqual([{ id: 1, on: '2026-03-16', page: 150, minutes: 45 }]),
    );
    expect((c.getByLabelText('Pages read') as HTMLInputElement).value).toBe('');
    expect(await screen.findByText('Logged for “The Patient Closer”')).toBeTruthy();
  });

  it('counts today’s pages on from where a book was placed by a percent, or from its start', async () => {
    for (const [placed, page] of [
      [{ progressPage: null, progressPercent: 45, pages: 200 }, 100], // 45% of 200 is page 90
      [{ progressPage: null, progressPercent: null, pages: 200 }, 10],
    ] as const) {
      const { bridge, unmount } = openItem(itemFixture(placed), { 'library.progress': () => summaryFixture() });
      const c = within(await screen.findByRole('region', { name: 'Progress' }));
      await fast.type(c.getByLabelText('Pages read'), '10{Enter}');
      await waitFor(() => expect(bridge.callsTo('library.progress')).toEqual([{ id: 1, on: '2026-03-16', page }]));
      unmount();
    }
  });

  it('refuses an empty or unreadable log and sends nothing', async () => {
    const { user, bridge } = openItem(itemFixture(), { 'library.progress': () => summaryFixture() });
    const c = within(await screen.findByRole('region', { name: 'Progress' }));
    await user.click(c.getByRole('button', { name: 'Log it' }));
    expect(await c.findByText('This field is required')).toBeTruthy();
    await user.type(c.getByLabelText('Pages read'), 'ten');
    await user.click(c.getByRole('button', { name: 'Log it' }));
    expect(await c.findByText('Enter a whole number')).toBeTruthy();
    expect(bridge.callsTo('library.progress')).toEqual([]);
  });

  it('changes the status from the header, ticks an action item, and deletes after asking', async () => {
    const { user, bridge } = openItem(
      itemFixture({
        kind: 'seminar',
        body: '## Day one\n\n- [ ] Call three old customers',
        actions: [{ id: 31, itemId: 1, text: 'Call three old customers', dueOn: '2026-03-20', done: false }],
      }),
      {
        'library.bulkEdit': () => ({ updated: 1 }),
        'library.actionSet': ({ id, done }) => ({ id, itemId: 1, text: 'Call three old customers', dueOn: null, done }),
        'library.delete': ({ id }) => ({ id }),
        'library.list': () => ({ items: [], total: 0 }),
      },
    );
    await screen.findByRole('heading', { level: 1 });
    await user.selectOptions(screen.getByLabelText('Status'), 'Done');
    expect(bridge.callsTo('library.bulkEdit')).toEqual([{ ids: [1], status: 'done' }]);

    const notes = screen.getByRole('region', { name: 'Seminar notes' });
    expect(within(notes).getByRole('heading', { name: 'Day one' })).toBeTruthy();
    expect(within(notes).getByText('by 20 Mar 2026')).toBeTruthy();
    await user.click(within(notes).getByRole('checkbox', { name: 'Call three old customers' }));
    expect(bridge.callsTo('library.actionSet')).toEqual([{ id: 31, done: true }]);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Delete this item?' });
    expect(bridge.callsTo('library.delete')).toEqual([]);
    await user.click(within(ask).getByRole('button', { name: 'Delete' }));
    expect(await whenSettled(() => screen.getByRole('heading', { level: 1, name: 'Library' }))).toBeTruthy();
    expect(bridge.callsTo('library.delete')).toEqual([{ id: 1 }]);
  });

  it.each(['/library/77', '/library/x'])('says when there is no such item (%s)', async (route) => {
    renderApp({ ...libraryBase, 'library.get': fails('not_found', 'library.errors.noItem') }, { route });
    expect(await screen.findByRole('heading', { name: 'This item is not in the library' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the library' }).getAttribute('href')).toBe('/library');
  });
});

describe('highlights and notes', () => {
  it('adds a highlight with its page and Kindle-style location range', async () => {
    const { user, bridge } = openItem(itemFixture({ highlightList: [] }), {
      'library.highlightSave': (input) => highlightFixture({ ...input, id: 12 }),
    });
    await user.click(await screen.findByRole('button', { name: 'Add' }));
    const d = within(await screen.findByRole('dialog', { name: 'New highlight or note' }));
    await user.type(d.getByLabelText('Passage'), 'Ask, then stop talking.');
    await user.type(d.getByLabelText(/^Your note/), 'Try on Thursday');
    await user.type(d.getByLabelText(/^Page/), '57');
    await user.type(d.getByLabelText(/^Location/), '631-32');
    await user.click(d.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('library.highlightSave')).toEqual([
      {
        itemId: 1,
        kind: 'highlight',
        text: 'Ask, then stop talking.',
        note: 'Try on Thursday',
        page: 57,
        locStart: 631,
        locEnd: 632,
        positionS: null,
      },
    ]);
  });

  it('lists highlights with where they are, edits and deletes them', async () => {
    const { user, bridge } = openItem(
      itemFixture({
        highlightList: [
          highlightFixture({ locStart: 631, locEnd: 640, origin: 'kindle', highlightedAt: '2026-02-03T20:00:00Z' }),
          highlightFixture({ id: 13, kind: 'note', text: '', note: 'Good for renewals', page: 80 }),
        ],
      }),
      {
        'library.highlightSave': (input) => highlightFixture({ ...input, id: input.id ?? 99 }),
        'library.highlightDelete': ({ id }) => ({ id }),
      },
    );
    const first = await screen.findByRole('article', { name: /^Highlight: Silence after the price/ });
    expect(within(first).getByText('Page 42 · Location 631–640')).toBeTruthy();
    expect(within(first).getByText('From Kindle')).toBeTruthy();
    expect(within(first).getByText('3 Feb 2026')).toBeTruthy();
    const note = screen.getByRole('article', { name: 'Note: Good for renewals' });
    expect(within(note).getByText('Good for renewals')).toBeTruthy();

    await user.click(within(first).getByRole('button', { name: 'Edit' }));
    const d = within(await screen.findByRole('dialog', { name: 'Edit highlight or note' }));
    expect((d.getByLabelText(/^Location/) as HTMLInputElement).value).toBe('631-640');
    await user.clear(d.getByLabelText(/^Page/));
    await user.click(d.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('library.highlightSave')).toEqual([
      expect.objectContaining({ id: 11, page: null, locStart: 631, locEnd: 640 }),
    ]);

    await user.click(within(note).getByRole('button', { name: 'Delete highlight' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Delete this highlight?' });
    await user.click(within(ask).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(bridge.callsTo('library.highlightDelete')).toEqual([{ id: 13 }]));
  });

  it('asks before Escape throws away a half-written highlight', async () => {
    const { user } = openItem(itemFixture());
    await user.click(await screen.findByRole('button', { name: 'Add' }));
    const d = within(await screen.findByRole('dialog', { name: 'New highlight or note' }));
    await user.type(d.getByLabelText('Passage'), 'Half');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('takeaways', () => {
  it('turns a highlight into a new technique, with a goal and the day it was tried', async () => {
    const saved = takeawayFixture({ technique: { id: 9, name: 'Price then pause', description: null } });
    const { user, bridge } = openItem(itemFixture(), {
      'goals.list': () => ({
        asOf: '2026-03-16',
        items: [goalSummaryFixture({ goal: goalFixture({ id: 3, title: 'Close 10 deals this quarter' }) })],
      }),
      'library.takeawaySave': () => saved,
    });
    const highlight = await screen.findByRole('article', { name: /^Highlight: Silence/ });
    await user.click(within(highlight).getByRole('button', { name: 'Make a takeaway' }));
    const dialog = await screen.findByRole('dialog', { name: 'New takeaway' });
    const d = within(dialog);
    // The passage is quoted, and the takeaway starts from its words.
    expect(d.getByText('The Patient Closer · Page 42')).toBeTruthy();
    const text = d.getByLabelText(/^What you will do/) as HTMLTextAreaElement;
    expect(text.value).toBe('Silence after the price is a question the buyer answers.');
    await user.clear(text);
    await user.type(text, 'Say the price, then wait.');
    await user.click(d.getByRole('radio', { name: 'A new one' }));
    await user.type(d.getByLabelText('Name of the new technique'), 'Price then pause');
    await user.selectOptions(d.getByLabelText('Category'), 'Closing');
    await user.type(d.getByLabelText(/^Description/), 'State it once.');
    expect(d.getByText('Its source will be “The Patient Closer”.')).toBeTruthy();
    await user.selectOptions(d.getByLabelText(/^For the goal/), 'Close 10 deals this quarter');
    await user.type(d.getByLabelText(/^Tried on/), '14/03/2026');
    await user.click(d.getByRole('button', { name: 'Save takeaway' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('library.takeawaySave')).toEqual([
      {
        itemId: 1,
        highlightId: 11,
        text: 'Say the price, then wait.',
        technique: {
          create: {
            name: 'Price then pause',
            category: 'closing',
            description: 'State it once.',
            steps: [],
            source: null,
          },
        },
        goalId: 3,
        triedOn: '2026-03-14',
      },
    ]);
    expect(await screen.findByText('Takeaway saved, and “Price then pause” added to your techniques')).toBeTruthy();
  });

  it('links a technique from the catalogue, and names what a new one needs', async () => {
    const { user, bridge } = openItem(itemFixture(), {
      'techniques.list': () => [
        techniqueFixture(4, 'Feel-felt-found'),
        techniqueFixture(5, 'Old one', { retired: true }),
      ],
      'library.takeawaySave': () => takeawayFixture(),
    });
    await user.click(await screen.findByRole('button', { name: 'New takeaway' }));
    const d = within(await screen.findByRole('dialog', { name: 'New takeaway' }));
    await user.type(d.getByLabelText(/^What you will do/), 'Use it on the next objection');
    await user.click(d.getByRole('radio', { name: 'A new one' }));
    await user.click(d.getByRole('button', { name: 'Save takeaway' }));
    expect(await d.findByText('This field is required')).toBeTruthy();
    await user.click(d.getByRole('radio', { name: 'One I have' }));
    const pick = d.getByLabelText('Technique to link');
    expect(within(pick).queryByRole('option', { name: 'Old one' })).toBeNull();
    await user.selectOptions(pick, 'Feel-felt-found');
    await user.click(d.getByRole('button', { name: 'Save takeaway' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('library.takeawaySave')).toEqual([
      {
        itemId: 1,
        highlightId: null,
        text: 'Use it on the next objection',
        technique: { id: 4 },
        goalId: null,
        triedOn: null,
      },
    ]);
  });

  it('shows each takeaway’s technique and goal as links to their pages', async () => {
    openItem(itemFixture({ takeawayList: [takeawayFixture({ triedOn: '2026-03-10' })] }));
    const list = await screen.findByRole('region', { name: /^Takeaways/ });
    expect(within(list).getByText('Say the price, then wait.')).toBeTruthy();
    expect(within(list).getByRole('link', { name: 'Quiet close' }).getAttribute('href')).toBe(
      '/journal/techniques?focus=7',
    );
    expect(within(list).getByRole('link', { name: 'Close 10 deals this quarter' }).getAttribute('href')).toBe(
      '/goals/3',
    );
    expect(within(list).getByText('Tried on 10 Mar 2026')).toBeTruthy();
  });
});

describe('the player', () => {
  const audiobook = itemFixture({
    id: 4,
    kind: 'audiobook',
    title: 'Questions That Sell',
    pages: null,
    durationS: 3600,
    positionS: 600,
    progressPage: null,
    source: 'stored',
    fileName: 'questions.m4b',
    fileMime: 'audio/mp4',
    mediaUrl: 'rapport-media://item/4',
    contents: [
      { title: 'Opening', level: 0, startS: 0 },
      { title: 'Open questions', level: 0, startS: 1500 },
    ],
    highlightList: [],
  });

  /** Plays from the element's current time for `seconds`, one time update a second. */
  function listen(audio: HTMLMediaElement, seconds: number): void {
    for (let i = 0; i < seconds; i++) {
      audio.currentTime += 1;
      fireEvent.timeUpdate(audio);
    }
  }

  it('starts where the seller stopped, saves place and minutes on pause, seeks by chapter, and saves on leaving', async () => {
    const { user, bridge } = openItem(audiobook, { 'library.progress': () => summaryFixture({ id: 4 }) });
    await screen.findByRole('heading', { level: 1, name: 'Questions That Sell' });
    const audio = document.querySelector('audio')!;
    expect(audio.getAttribute('src')).toBe('rapport-media://item/4');
    expect(screen.getByText('Picks up where you stopped: 10:00')).toBeTruthy();
    fireEvent.loadedMetadata(audio);
    expect(audio.currentTime).toBe(600);

    fireEvent.play(audio);
    listen(audio, 90);
    // A seek is not listening.
    audio.currentTime = 1200;
    fireEvent.timeUpdate(audio);
    listen(audio, 30);
    fireEvent.pause(audio);
    expect(bridge.callsTo('library.progress')).toEqual([{ id: 4, on: '2026-03-16', positionS: 1230, minutes: 2 }]);

    await user.click(screen.getByRole('button', { name: 'Go to Open questions (25:00)' }));
    expect(audio.currentTime).toBe(1500);
    expect(bridge.callsTo('library.progress').at(-1)).toEqual({ id: 4, on: '2026-03-16', positionS: 1500 });

    fireEvent.play(audio);
    listen(audio, 12);
    await user.click(within(screen.getByRole('navigation', { name: 'Areas' })).getByRole('link', { name: 'Library' }));
    await screen.findByRole('heading', { level: 1, name: 'Library' });
    expect(bridge.callsTo('library.progress').at(-1)).toEqual({
      id: 4,
      on: '2026-03-16',
      positionS: 1512,
      minutes: 0.2,
    });
  });

  it('saves every ten seconds while playing, not while paused', async () => {
    // Only the intervals (and the clock, still on the fixed day) are faked: user-event keeps real timeouts.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date(2026, 2, 16, 10, 0));
    const { bridge } = openItem(audiobook, { 'library.progress': () => summaryFixture({ id: 4 }) });
    await screen.findByRole('heading', { level: 1, name: 'Questions That Sell' });
    const audio = document.querySelector('audio')!;
    fireEvent.loadedMetadata(audio);
    fireEvent.play(audio);
    listen(audio, 10);
    act(() => vi.advanceTimersByTime(10_000));
    expect(bridge.callsTo('library.progress')).toEqual([{ id: 4, on: '2026-03-16', positionS: 610, minutes: 0.17 }]);
    listen(audio, 10);
    act(() => vi.advanceTimersByTime(10_000));
    expect(bridge.callsTo('library.progress')).toHaveLength(2);
    fireEvent.pause(audio);
    expect(bridge.callsTo('library.progress')).toHaveLength(2);
    act(() => vi.advanceTimersByTime(30_000));
    expect(bridge.callsTo('library.progress')).toHaveLength(2);
  });

  it('plays video in a video element', async () => {
    openItem({ ...audiobook, kind: 'video', fileMime: 'video/mp4', title: 'Discovery workshop' });
    await screen.findByRole('heading', { level: 1, name: 'Discovery workshop' });
    expect(document.querySelector('video')?.getAttribute('src')).toBe('rapport-media://item/4');
    expect(screen.getByRole('heading', { name: 'Watch' })).toBeTruthy();
  });
});
