// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REPORT_SECTIONS, type ReportLogEntry } from '../../../src-main/features/reports/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { entryFixture } from '../journal/fixtures';
import { fixToday, renderApp } from '../renderApp';

// Wednesday 17 June 2026.
fixToday(new Date(2026, 5, 17, 10, 0));

const HTML =
  '<!doctype html><html><head><style>h1{color:red}</style></head><body><h1>Progress report</h1></body></html>';
const ROWS = { summary: 14, goals: 2, at_risk: 3 };

function logEntry(patch: Partial<ReportLogEntry> = {}): ReportLogEntry {
  return {
    id: 1,
    createdAt: '2026-06-10T08:30:00.000Z',
    from: '2026-05-01',
    to: '2026-05-31',
    format: 'pdf',
    seller: 'Sara Venditti',
    options: {
      sections: [...REPORT_SECTIONS],
      compare: 'previous',
      anonymize: false,
      journal_text: true,
      journal_ids: [],
      comment: false,
      paper: 'a4',
    },
    file: '/home/sara/Documents/rapport-report-2026-05-01_2026-05-31.pdf',
    bytes: 48_000,
    rows: { summary: 14, goals: 2 },
    ...patch,
  };
}

function reportsApp(handlers: FakeHandlers = {}, route = '/reports') {
  return renderApp(
    {
      'report.preview': () => ({ html: HTML, rows: ROWS }),
      'report.log': () => [logEntry()],
      'journal.list': () => ({
        items: [
          entryFixture({ id: 11, date: '2026-06-12', title: 'Won back Rossi' }),
          entryFixture({ id: 12, date: '2026-06-03', title: 'Price objection at Bianchi' }),
        ],
        total: 2,
      }),
      'care.followups.count': () => ({ asOf: '2026-06-17', overdue: 0, today: 0, due: 0 }),
      ...handlers,
    },
    { route },
  );
}

const DEFAULT_OPTIONS = {
  from: '2026-06-01',
  to: '2026-06-17',
  compare: 'previous',
  sections: [...REPORT_SECTIONS],
  anonymize: false,
  journalText: true,
  journalIds: [],
  comment: '',
};

const heading = () => screen.findByRole('heading', { level: 1, name: 'Coach report' }, { timeout: 5000 });

describe('the Reports screen', () => {
  it('is in the sidebar after Training, before the coach workspace and Settings', async () => {
    reportsApp();
    await heading();
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    const names = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent?.replace(/\d+$/, '').trim());
    expect(names.slice(names.indexOf('Training'), names.indexOf('Training') + 4)).toEqual([
      'Training',
      'Reports',
      'Coach',
      'Settings',
    ]);
    expect(within(nav).getByRole('link', { name: 'Reports' }).getAttribute('aria-current')).toBe('page');
  });

  it("previews this month so far by default in the sandboxed frame, with the report's rows per section", async () => {
    const { bridge } = reportsApp();
    const frame = (await screen.findByTitle('Preview of the report', undefined, {
      timeout: 5000,
    })) as HTMLIFrameElement;
    expect(bridge.callsTo('report.preview')).toEqual([{ options: DEFAULT_OPTIONS, paper: 'a4' }]);
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(HTML);
    const rows = screen.getAllByRole('list', { name: 'Rows per section' })[0]!;
    expect(rows.textContent).toBe('Summary 14Goals 2At-risk customers 3');
    expect(await screen.findByText('Up to date')).toBeTruthy();
    expect(screen.getByText(/^Covers 1\s*–\s*17 Jun 2026$/)).toBeTruthy();
  });

  it('sends every option as chosen, once they rest (debounced)', async () => {
    const { bridge, user } = reportsApp();
    await screen.findByTitle('Preview of the report', undefined, { timeout: 5000 });
    await user.click(screen.getByRole('radio', { name: 'This quarter' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Compare with' }), 'none');
    await user.click(screen.getByRole('checkbox', { name: 'Techniques: what works' }));
    await user.click(screen.getByRole('checkbox', { name: 'Learning' }));
    await user.click(screen.getByRole('checkbox', { name: /Pseudonymise customers/ }));
    await user.click(screen.getByRole('checkbox', { name: /Include the journal's text/ }));
    await user.click(await screen.findByRole('checkbox', { name: /Won back Rossi/ }));
    await user.type(screen.getByRole('textbox', { name: 'Your name on the report' }), 'Sara');
    await user.type(screen.getByRole('textbox', { name: /Comment for your coach/ }), 'A good quarter.');
    await user.click(screen.getByRole('radio', { name: 'Letter' }));
    const expected = {
      options: {
        from: '2026-04-01',
        to: '2026-06-17',
        compare: null,
        sections: REPORT_SECTIONS.filter((s) => s !== 'techniques' && s !== 'learning'),
        anonymize: true,
        journalText: false,
        journalIds: [11],
        comment: 'A good quarter.',
        seller: 'Sara',
      },
      paper: 'letter',
    };
    await waitFor(() => expect(bridge.callsTo('report.preview').at(-1)).toEqual(expected));
    // Typing does not ask for a preview per key: far fewer previews than keystrokes.
    expect(bridge.callsTo('report.preview').length).toBeLessThan(8);
    expect(bridge.callsTo('journal.list').at(-1)).toEqual({ from: '2026-04-01', to: '2026-06-17', limit: 200 });
  });

  it('says what is wrong with the choices, and neither previews nor saves them', async () => {
    const { bridge, user } = reportsApp();
    await screen.findByTitle('Preview of the report', undefined, { timeout: 5000 });
    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    const to = screen.getByLabelText('To');
    await user.clear(to);
    await user.type(to, '01/05/2026');
    expect(await screen.findByText("The end date can't be before the start date")).toBeTruthy();
    expect(screen.getByText('Correct the choices to see the preview.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save report…' }) as HTMLButtonElement).disabled).toBe(true);
    for (const section of REPORT_SECTIONS)
      fireEvent.click(screen.getByRole('checkbox', { name: new RegExp(`^${sectionName(section)}$`) }));
    expect(await screen.findByText('Choose at least one section.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (const call of bridge.callsTo('report.preview')) expect(call.options.from <= call.options.to).toBe(true);
    expect(bridge.callsTo('report.save')).toEqual([]);
  });

  it('shows the preview while the next one is made, and a failed preview in words', async () => {
    let answer: (() => void) | null = null;
    let calls = 0;
    reportsApp({
      'report.preview': () => {
        calls += 1;
        if (calls === 1) return { html: HTML, rows: ROWS };
        return new Promise((_resolve, reject) => {
          answer = () => reject(new Error('no'));
        }).then(() => ({ html: HTML, rows: ROWS }));
      },
    });
    await screen.findByText('Up to date', undefined, { timeout: 5000 });
    fireEvent.click(screen.getByRole('radio', { name: 'This year' }));
    expect(await screen.findByText('Updating the preview…')).toBeTruthy();
    await waitFor(() => expect(answer).not.toBeNull());
    // The failure arrives as main's would: an AppError envelope. Here a thrown Error is "internal".
    answer!();
    await screen.findByRole('alert');
  });

  it('cancels a preview still being made when the options change again or the screen goes', async () => {
    const held: (() => void)[] = [];
    const { bridge, unmount } = reportsApp({
      'report.preview': () =>
        new Promise<{ html: string; rows: typeof ROWS }>((resolve) =>
          held.push(() => resolve({ html: HTML, rows: ROWS })),
        ),
    });
    await waitFor(() => expect(held).toHaveLength(1), { timeout: 5000 });
    fireEvent.click(screen.getByRole('radio', { name: 'This year' }));
    await waitFor(() => expect(held).toHaveLength(2));
    // The first, for this month, is no longer wanted.
    expect(bridge.cancelled().map((call) => call.channel)).toEqual(['report.preview']);
    unmount();
    expect(bridge.cancelled()).toHaveLength(2);
    expect(bridge.cancelled()[1]).toEqual({ channel: 'report.preview', input: bridge.callsTo('report.preview')[1] });
    for (const answer of held) answer();
  });

  it('explains a failed preview with main’s own words', async () => {
    reportsApp({ 'report.preview': fails('invalid_input', 'reports.failures.noChromium') });
    const alert = await screen.findByRole('alert', undefined, { timeout: 5000 });
    expect(alert.textContent).toContain('The preview could not be made');
    expect(alert.textContent).not.toContain('reports.failures');
  });

  it('saves through the native dialog named for the format and period, then says where and how much', async () => {
    const { bridge, user } = reportsApp({
      'dialog.saveFile': () => ({ path: '/home/sara/report.json' }),
      'report.save': ({ path, format }) => ({ path, format, bytes: 20_480, rows: ROWS, logId: 2 }),
    });
    await screen.findByTitle('Preview of the report', undefined, { timeout: 5000 });
    await user.click(screen.getByRole('radio', { name: 'JSON' }));
    await user.click(screen.getByRole('button', { name: 'Save report…' }));
    const saved = await screen.findByText('JSON report saved');
    expect(bridge.callsTo('dialog.saveFile')).toEqual([
      { purpose: 'report-json', period: { from: '2026-06-01', to: '2026-06-17' } },
    ]);
    expect(bridge.callsTo('report.save')).toEqual([
      { options: DEFAULT_OPTIONS, format: 'json', path: '/home/sara/report.json', paper: 'a4', overwrite: true },
    ]);
    const note = saved.closest('.reports-saved') as HTMLElement;
    expect(note.textContent).toContain('/home/sara/report.json');
    expect(note.textContent).toContain('20 kB');
    expect(within(note).getByRole('list', { name: 'Rows per section' }).textContent).toContain('Summary 14');
  });

  it('loses nothing when the save dialog is cancelled (Escape)', async () => {
    const { bridge, user } = reportsApp({ 'dialog.saveFile': () => ({ path: null }) });
    await screen.findByTitle('Preview of the report', undefined, { timeout: 5000 });
    await user.type(screen.getByRole('textbox', { name: 'Your name on the report' }), 'Sara');
    await user.click(screen.getByRole('checkbox', { name: /Pseudonymise customers/ }));
    await user.click(screen.getByRole('button', { name: 'Save report…' }));
    await waitFor(() => expect(bridge.callsTo('dialog.saveFile')).toHaveLength(1));
    expect(bridge.callsTo('report.save')).toEqual([]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Your name on the report' }) as HTMLInputElement).value).toBe('Sara');
    expect((screen.getByRole('checkbox', { name: /Pseudonymise customers/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('button', { name: 'Save report…' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says in words why a save failed', async () => {
    reportsApp({
      'dialog.saveFile': () => ({ path: '/home/sara/report.pdf' }),
      'report.save': fails('invalid_input', 'reports.failures.noChromium'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Save report…' }, { timeout: 5000 }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The report could not be saved');
    expect(alert.textContent).not.toMatch(/reports\.failures/);
  });

  it('lets at most 50 journal entries be picked', async () => {
    const many = Array.from({ length: 51 }, (_, i) =>
      entryFixture({ id: i + 1, date: '2026-06-10', title: `Entry ${i + 1}` }),
    );
    reportsApp({ 'journal.list': () => ({ items: many, total: 51 }) });
    await screen.findByRole('checkbox', { name: /^Entry 1 / }, { timeout: 5000 });
    // Ticked straight on the boxes, in list order: asking 50 times by accessible name is slow in jsdom.
    const boxes = [...document.querySelectorAll<HTMLInputElement>('.reports-journal-list input[type=checkbox]')];
    expect(boxes).toHaveLength(51);
    for (const box of boxes.slice(0, 50)) fireEvent.click(box);
    expect(screen.getByText('50 of at most 50 picked.')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: /^Entry 51 / }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('checkbox', { name: /^Entry 50 / }) as HTMLInputElement).disabled).toBe(false);
  }, 30_000);

  it('offers the last name used when none is typed', async () => {
    reportsApp();
    expect(
      await screen.findByText('Left empty: Sara Venditti, as last time.', undefined, { timeout: 5000 }),
    ).toBeTruthy();
  });
});

describe("Settings' export log", () => {
  it('lists every export, newest first, with its options in words, file and rows', async () => {
    reportsApp(
      {
        'report.log': () => [
          logEntry({
            id: 2,
            createdAt: '2026-06-15T16:05:00.000Z',
            format: 'json',
            options: {
              sections: ['goals', 'volume'],
              compare: 'last_year',
              anonymize: true,
              journal_text: false,
              journal_ids: [3, 4],
              comment: true,
              paper: 'a4',
            },
            file: '/home/sara/r.json',
          }),
          logEntry(),
        ],
      },
      '/settings',
    );
    const log = await screen.findByRole('list', { name: 'Export log' }, { timeout: 5000 });
    const entries = within(log)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === log);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.textContent).toContain('JSON');
    expect(entries[0]!.textContent).toContain(
      'Sections: Goals, Volume · vs same period last year · pseudonymised · journal text left out · 2 highlights · with a comment',
    );
    expect(entries[0]!.textContent).toContain('/home/sara/r.json');
    expect(entries[1]!.textContent).toMatch(/^1\s*–\s*31 May 2026/);
    expect(entries[1]!.textContent).toContain('All sections · vs previous period · A4');
    expect(within(entries[1]!).getByRole('list', { name: 'Rows per section' }).textContent).toBe('Summary 14Goals 2');
  });

  it('says when nothing has been exported yet, and where to make a report', async () => {
    reportsApp({ 'report.log': () => [] }, '/settings');
    expect(await screen.findByText('No reports saved yet.', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Make a coach report' }).getAttribute('href')).toBe('/reports');
  });
});

function sectionName(section: (typeof REPORT_SECTIONS)[number]): string {
  return {
    goals: 'Goals',
    scorecard: 'Scorecard',
    volume: 'Volume',
    quality: 'Quality',
    loyalty: 'Loyalty',
    care: 'Customer care',
    techniques: 'Techniques: what works',
    learning: 'Learning',
    journal: 'Journal highlights',
  }[section];
}
