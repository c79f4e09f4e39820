// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FakeHandlers } from '../fakeApi';
import { PRODUCTS } from '../fixtures';
import { fixToday, renderApp } from '../renderApp';
import { reportFixture, ROWS, segmentsFixture, statsRow, TODAY, usageFixture } from './fixtures';

/** Every chart the page makes, with what it was given: chart.js itself needs a canvas jsdom lacks. */
const charts = vi.hoisted(() => [] as { type: string; data: { labels: string[]; datasets: { data: unknown[] }[] } }[]);
vi.mock('../../../src-renderer/src/features/goals/charting', async (original) => ({
  ...(await original<typeof import('../../../src-renderer/src/features/goals/charting')>()),
  contextOf: (canvas: HTMLCanvasElement | null) => (canvas ? ({} as CanvasRenderingContext2D) : null),
}));
vi.mock('../../../src-renderer/src/features/goals/chartjs', async (original) => ({
  ...(await original<typeof import('../../../src-renderer/src/features/goals/chartjs')>()),
  Chart: class {
    constructor(_context: unknown, config: (typeof charts)[number]) {
      charts.push(config);
    }
    destroy(): void {}
  },
}));

fixToday(new Date(2026, 2, 16, 10, 0));

const handlers: FakeHandlers = {
  'techniques.stats': () => reportFixture(),
  'techniques.segments': () => segmentsFixture(),
  'techniques.usage': () => usageFixture(),
  'customers.facets': () => ({ segments: ['Enterprise', 'SMB'], regions: [], industries: ['Retail', 'Hospitality'] }),
  'products.list': () => PRODUCTS,
  'care.followups.count': () => ({ asOf: TODAY, overdue: 0, today: 0, due: 0 }),
};

const open = (extra: FakeHandlers = {}, language: 'en' | 'it' = 'en') =>
  renderApp({ ...handlers, ...extra }, { route: '/journal/what-works', settings: { language } });

const statsTable = (): HTMLElement => screen.getByRole('table', { name: /ranked by what the data supports/ });
const rowTexts = (table: HTMLElement): string[] =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.textContent ?? '');

describe('What works', () => {
  it('lists each ranked technique with its rate, 95% range, baseline and chance, in the backend’s order', async () => {
    open();
    await screen.findByRole('table', { name: /ranked by what the data supports/ });
    const spin = within(statsTable()).getByRole('row', { name: /SPIN questions/ });
    const cells = within(spin)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    // Closed deals, won, rate with its range, without it (difference), chance, avg won deal, satisfaction, NPS, days, open.
    expect(cells).toEqual(['19', '12', '63%41%–81%', '38%+25 pts', '93%', '€2,450', '4.3', '40', '18', '4']);
    const trial = within(statsTable()).getByRole('row', { name: /Trial close/ });
    expect(within(trial).getAllByRole('cell')[3]?.textContent).toBe('49%−11 pts');
    expect(within(trial).getAllByRole('cell')[4]?.textContent).toBe('18%');
  });

  it('puts the rows without enough data after the ranked ones, saying how many deals they need instead of figures', async () => {
    open();
    await screen.findByRole('table', { name: /ranked by what the data supports/ });
    const rows = rowTexts(statsTable());
    expect(rows.map((text) => text.split(/\d/)[0])).toEqual([
      'SPIN questions',
      'Trial close',
      'Feel-felt-found',
      'Referral ask',
    ]);
    const fff = within(statsTable()).getByRole('row', { name: /Feel-felt-found/ });
    expect(fff.textContent).toContain('Not enough data yet — 8 more closed deals');
    // A rate of 2 of 2 is never shown where it could rank the technique.
    expect(fff.textContent).not.toContain('100%');
    expect(fff.textContent).not.toContain('87%');
    const referral = within(statsTable()).getByRole('row', { name: /Referral ask/ });
    expect(referral.textContent).toContain('Not enough data yet — 1 more closed deal');
    expect(referral.textContent).not.toContain('deals');
  });

  it('says the top rows in plain words, with the minimum, the prior and how many sales named several techniques', async () => {
    open();
    const words = await screen.findByRole('region', { name: 'In plain words' });
    expect(
      within(words)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'SPIN questions: won 12 of 19 (63%, likely between 41% and 81%); without it 38%. About 93% likely to be better for you.',
      'Trial close: won 9 of 24 (38%, likely between 21% and 57%); without it 49%. About 82% likely to be worse for you.',
    ]);
    expect(words.textContent).toMatch(/1 Apr 2025\s–\s16 Mar 2026 · 69 closed deals/);
    expect(words.textContent).toContain('at least 10 closed deals with it and 10 without it');
    expect(words.textContent).toContain('Beta(1, 1) prior');
    expect(words.textContent).toContain('7 of the 69 closed deals in this period named more than one');
  });

  it('says so when no technique can be ranked yet', async () => {
    open({ 'techniques.stats': () => reportFixture({ rows: ROWS.slice(2) }) });
    const words = await screen.findByRole('region', { name: 'In plain words' });
    expect(words.textContent).toContain('No technique has enough closed deals to be compared yet');
    expect(within(words).queryAllByRole('listitem')).toEqual([]);
    expect(await screen.findByText(/The chart shows techniques once they have enough closed deals/)).toBeTruthy();
  });

  it('the chart’s table has the very numbers the chart draws: the ranked techniques only', async () => {
    charts.length = 0;
    open();
    const table = await screen.findByRole('table', { name: "The chart's figures" });
    // The chart is drawn in an effect after the table shows: waited for, not assumed.
    const chart = await vi.waitFor(
      () => charts.find((c) => c.type === 'bar') ?? Promise.reject(new Error('no bar chart yet')),
    );
    expect(chart.data.labels).toEqual(['SPIN questions', 'Trial close']);
    const [rate, range, baseline] = chart.data.datasets.map((d) => d.data);
    expect(rate).toEqual([63, 38]);
    expect(range).toEqual([
      [41, 81],
      [21, 57],
    ]);
    expect(baseline).toEqual([38, 49]);
    expect(rowTexts(table)).toEqual(['SPIN questions63%41%81%38%', 'Trial close38%21%57%49%']);
    expect(
      screen.getByText('Not in the chart until they have enough closed deals: Feel-felt-found, Referral ask.'),
    ).toBeTruthy();
  });

  it('shows the segment × technique table, an empty cell saying so', async () => {
    open();
    const table = await screen.findByRole('table', { name: 'Win rate by technique and segment' });
    expect(rowTexts(table)).toEqual(['SPIN questions71%5 of 758%7 of 12', 'Trial closeNo deals38%9 of 24']);
    expect(within(table).getByRole('columnheader', { name: 'Enterprise' })).toBeTruthy();
  });

  it('shows technique use by month as a chart and the same counts as a table', async () => {
    charts.length = 0;
    open();
    const table = await screen.findByRole('table', { name: 'Deals naming each technique, by month' });
    expect(rowTexts(table)).toEqual(['Jan 202634', 'Feb 202651', 'Mar 202620']);
    // The chart is drawn in an effect after the table shows: waited for, not assumed.
    const line = await vi.waitFor(
      () => charts.find((c) => c.type === 'line') ?? Promise.reject(new Error('no line chart yet')),
    );
    expect(line.data.labels).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026']);
    expect(line.data.datasets.map((d) => d.data)).toEqual([
      [3, 5, 2],
      [4, 1, 0],
    ]);
  });

  it('asks for the last twelve months first, and each filter sends its part of the query', async () => {
    const { bridge, user } = open();
    await screen.findByRole('table', { name: /ranked by what the data supports/ });
    expect(bridge.callsTo('techniques.stats').at(-1)).toEqual({ from: '2025-04-01', to: TODAY });

    await user.click(screen.getByRole('radio', { name: 'This year' }));
    await waitFor(() => expect(bridge.callsTo('techniques.stats').at(-1)).toEqual({ from: '2026-01-01', to: TODAY }));
    await user.click(screen.getByRole('radio', { name: 'This quarter' }));
    await waitFor(() => expect(bridge.callsTo('techniques.stats').at(-1)).toEqual({ from: '2026-01-01', to: TODAY }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Segment' }), 'SMB');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Product' }), 'Custom project');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Industry' }), 'Retail');
    const query = { from: '2026-01-01', to: TODAY, segment: 'SMB', productId: 2, industry: 'Retail' };
    await waitFor(() => expect(bridge.callsTo('techniques.stats').at(-1)).toEqual(query));
    // The segment table and the use chart follow the same filter.
    await waitFor(() => expect(bridge.callsTo('techniques.segments').at(-1)).toEqual(query));
    expect(bridge.callsTo('techniques.usage').at(-1)).toEqual(query);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(bridge.callsTo('techniques.stats').at(-1)).toEqual({ from: '2026-01-01', to: TODAY }));
  });

  it('a custom period starts from the one shown, and is asked for only once it is two days in order', async () => {
    const { bridge, user } = open();
    await screen.findByRole('table', { name: /ranked by what the data supports/ });
    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    expect((from as HTMLInputElement).value).toBe('01/04/2025');
    expect((to as HTMLInputElement).value).toBe('16/03/2026');

    const before = bridge.callsTo('techniques.stats').length;
    await user.clear(to);
    await user.type(to, '31/12/2024');
    expect(await screen.findByText("The end date can't be before the start date")).toBeTruthy();
    expect(screen.getByText("Enter the period's first and last day to see the figures.")).toBeTruthy();
    await user.clear(to);
    await user.type(to, '30/06/2025');
    await waitFor(() =>
      expect(bridge.callsTo('techniques.stats').at(-1)).toEqual({ from: '2025-04-01', to: '2025-06-30' }),
    );
    expect(bridge.callsTo('techniques.stats').slice(before)).not.toContainEqual({
      from: '2025-04-01',
      to: '2024-12-31',
    });
  });

  it('shows an empty state when no closed deal in the period names a technique', async () => {
    open({
      'techniques.stats': () =>
        reportFixture({
          closed: 0,
          multiTechnique: 0,
          rows: [statsRow({ used: 0, won: 0, lost: 0, open: 2, winRate: null, interval: null, enoughData: false })],
        }),
    });
    expect(await screen.findByRole('heading', { name: 'Nothing to measure in this period yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says it in Italian too', async () => {
    open({}, 'it');
    const words = await screen.findByRole('region', { name: 'In parole semplici' });
    expect(within(words).getAllByRole('listitem')[0]?.textContent).toBe(
      'SPIN questions: 12 vinte su 19 (63%, probabilmente tra 41% e 81%); senza questa tecnica 38%. Probabilità che per te funzioni meglio: circa 93%.',
    );
    const fff = within(screen.getByRole('table', { name: /Tecniche/ })).getByRole('row', { name: /Feel-felt-found/ });
    expect(fff.textContent).toContain('Dati ancora insufficienti — mancano 8 trattative chiuse');
  });
});
