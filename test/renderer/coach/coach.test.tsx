// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CoachReport, CoachWorkspace } from '../../../src-main/features/coach/contract';
import { COACH_MAX_BYTES } from '../../../src-main/features/coach/contract';
import { fails, type FakeHandlers } from '../fakeApi';
import { fixToday, renderApp, whenSettled } from '../renderApp';
import { reportDoc } from './document';

fixToday(new Date(2026, 5, 17, 10, 0), { noCanvas: true });

const HOSTILE = '<img src=http://127.0.0.1:1/x onerror=alert(1)><script>alert(2)</script>';
const text = (element: Element): string => (element.textContent ?? '').replace(/[\u00a0\u2009\u202f]/g, ' ');

function kept(id: number, seller: string, patch: Parameters<typeof reportDoc>[1] = {}): CoachReport {
  const document = reportDoc(seller, patch);
  return {
    id,
    file: `/reports/${id}.json`,
    openedAt: '2026-06-16T09:00:00.000Z',
    seller,
    from: document.period.from,
    to: document.period.to,
    document,
  };
}

const TWO: CoachWorkspace = {
  reports: [
    kept(1, 'Sara'),
    kept(2, HOSTILE, {
      summary: { ...reportDoc('x').summary, revenue_cents: 120_000, win_rate: 0.5 },
      comment: HOSTILE,
    }),
  ],
  notes: [{ seller: 'Sara', text: 'Steady quarter.', updatedAt: '2026-06-16T09:00:00.000Z' }],
};

function coachApp(handlers: FakeHandlers = {}, workspace: CoachWorkspace = TWO) {
  return renderApp({ 'coach.list': () => workspace, ...handlers }, { route: '/coach' });
}

describe('the coach workspace', () => {
  it('is in the sidebar and says what to do when empty', async () => {
    coachApp({}, { reports: [], notes: [] });
    expect(await whenSettled(() => screen.getByRole('heading', { level: 1, name: 'Coach workspace' }))).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Areas' })).getByRole('link', { name: 'Coach' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'No reports yet' })).toBeTruthy();
  });

  it("puts the sellers' figures side by side, a hostile name shown as text and never as markup", async () => {
    const { container } = coachApp();
    const table = await whenSettled(() => screen.getByRole('table', { name: /Sellers' figures for/ }));
    const headers = within(table).getAllByRole('columnheader').map(text);
    expect(headers).toEqual(['Figure', HOSTILE, 'Sara']);
    const revenue = within(table).getByRole('rowheader', { name: 'Revenue' }).closest('tr')!;
    expect(text(revenue)).toContain('€1,200.00');
    expect(text(revenue)).toContain('€3,000.00');
    expect(text(within(table).getByRole('rowheader', { name: 'Win rate' }).closest('tr')!)).toContain('83.3%');
    expect(text(within(table).getByRole('rowheader', { name: 'Goals on track' }).closest('tr')!)).toContain('0 of 0');
    expect(container.querySelector('img, script:not([src])')).toBeNull();
    // Each chart says in words who is highest and lowest, and has its numbers a click away.
    expect(screen.getByText(/Highest: Sara \(€3,000\.00\)\. Lowest: <img/)).toBeTruthy();
    const toggles = screen.getAllByRole('button', { name: 'Show the numbers' });
    expect(toggles).toHaveLength(2);
  });

  it('opens a picked report, and says which check refused a bad one', async () => {
    const { bridge, user } = coachApp({
      'dialog.openFile': () => ({ path: '/reports/bad.json' }),
      'coach.open': fails('invalid_input', 'coach.refused.tampered', undefined, { file: '/reports/bad.json' }),
    });
    await user.click(await whenSettled(() => screen.getByRole('button', { name: 'Open a report…' })));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(text(alert)).toContain('bad.json was not opened'));
    expect(text(alert)).toContain('its integrity digest does not match its content');
    expect(bridge.callsTo('dialog.openFile')).toEqual([{ purpose: 'coach-report' }]);
    expect(bridge.callsTo('coach.open')).toEqual([{ path: '/reports/bad.json' }]);
  });

  it('reads dropped files as text for main to check, and refuses one too large without sending it', async () => {
    const { bridge } = coachApp({ 'coach.open': () => TWO.reports[0]! });
    const page = (await whenSettled(() => screen.getByRole('heading', { level: 1, name: 'Coach workspace' }))).closest(
      '.coach',
    )!;
    const good = new File(['{"schema_version": 1}'], 'sara.json', { type: 'application/json' });
    // jsdom's File has no text(); Chromium's does.
    Object.defineProperty(good, 'text', { value: async () => '{"schema_version": 1}' });
    const huge = new File(['x'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: COACH_MAX_BYTES + 1 });
    fireEvent.drop(page, { dataTransfer: { files: [good, huge], types: ['Files'] } });
    await waitFor(() =>
      expect(bridge.callsTo('coach.open')).toEqual([{ name: 'sara.json', text: '{"schema_version": 1}' }]),
    );
    expect(text(await screen.findByRole('alert'))).toContain('huge.json was not opened');
  });

  it('saves a note on a seller, and exports the combined summary through a save dialog', async () => {
    const { bridge, user } = coachApp({
      'coach.note': ({ seller, text }) => ({ seller, text, updatedAt: '2026-06-17T10:00:00.000Z' }),
      'dialog.saveFile': ({ purpose }) => ({ path: `/out/summary.${purpose === 'coach-pdf' ? 'pdf' : 'csv'}` }),
      'coach.export': ({ path }) => ({ path, bytes: 100, rows: 2 }),
    });
    const note = await whenSettled(() => screen.getByRole('textbox', { name: 'Your notes on Sara' }));
    expect((note as HTMLTextAreaElement).value).toBe('Steady quarter.');
    await user.clear(note);
    await user.type(note, 'Call on Monday.');
    const editor = note.closest('.coach-note')!;
    await user.click(within(editor as HTMLElement).getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(bridge.callsTo('coach.note')).toEqual([{ seller: 'Sara', text: 'Call on Monday.' }]));
    await user.click(screen.getByRole('button', { name: 'Export summary (PDF)' }));
    await waitFor(() =>
      expect(bridge.callsTo('coach.export')).toEqual([{ format: 'pdf', path: '/out/summary.pdf', overwrite: true }]),
    );
    expect(bridge.callsTo('dialog.saveFile')).toEqual([{ purpose: 'coach-pdf' }]);
  });
});
