// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HomeCard, HomeSummary } from '../../../src-main/features/home/contract';
import type { FakeHandlers } from '../fakeApi';
import { checkInItem, followUpListFixture, saleFixture } from '../fixtures';
import { summaryFixture, goalFixture, paceFixture } from '../goals/fixtures';
import { fixToday, renderApp, whenSettled } from '../renderApp';

// Wednesday 17 June 2026; jsdom has no canvas, so the charts draw nothing (their numbers are in the tables).
fixToday(new Date(2026, 5, 17, 10, 0), { noCanvas: true });

const text = (element: Element): string => (element.textContent ?? '').replace(/[\u00a0\u2009\u202f]/g, ' ');
const weeks = [
  { from: '2026-06-01', to: '2026-06-07' },
  { from: '2026-06-08', to: '2026-06-14' },
  { from: '2026-06-15', to: '2026-06-17' },
];
function card(key: HomeCard['key'], value: number | null, previous: number | null, patch: Partial<HomeCard> = {}) {
  const change = value === null || previous === null ? null : value - previous;
  return {
    key,
    currency: null,
    value,
    previous,
    change,
    relative: change === null || !previous ? null : change / Math.abs(previous),
    trend: weeks.map((w, i) => ({ ...w, value: value === null ? null : (value * (i + 1)) / 6 })),
    ...patch,
  } satisfies HomeCard;
}

function homeFixture(patch: Partial<HomeSummary> = {}): HomeSummary {
  return {
    asOf: '2026-06-17',
    period: 'month',
    compare: 'previous',
    current: { from: '2026-06-01', to: '2026-06-17' },
    previous: { from: '2026-05-01', to: '2026-05-17' },
    grain: 'week',
    currencies: ['EUR', 'USD'],
    cards: [
      card('revenue', 1_250_000, 1_000_000, {
        currency: 'EUR',
        trend: weeks.map((w, i) => ({ ...w, value: [700_000, 550_000, 0][i]! })),
      }),
      card('revenue', 40_000, 0, { currency: 'USD' }),
      card('deals_won', 6, 8),
      card('win_rate', 0.6, 0.5),
      card('avg_deal', 208_333, 125_000, { currency: 'EUR' }),
      card('avg_deal', 40_000, null, { currency: 'USD' }),
      card('new_customers', 2, 0),
      card('repeat_customers', 3, 3),
      card('repeat_revenue_share', 0.4, 0.5, { currency: 'EUR' }),
      card('repeat_revenue_share', 0, null, { currency: 'USD' }),
      card('avg_satisfaction', 4.25, 4, {}),
      card('nps', 20, 35),
      card('complaints_open', 2, 1),
    ],
    followUps: { today: 3, overdue: 1 },
    goals: { onTrack: 2, total: 3, behind: 1 },
    hasSales: true,
    charts: {
      revenuePace: [
        { goalId: 1, title: 'June revenue', currency: 'EUR', values: [500_000, 500_000, 300_000] },
        { goalId: 2, title: 'US deals', currency: 'USD', values: [10_000, 10_000, 6_000] },
      ],
      newRepeat: [
        {
          currency: 'EUR',
          trend: [
            { ...weeks[0]!, first: 400_000, repeat: 300_000 },
            { ...weeks[1]!, first: 350_000, repeat: 200_000 },
            { ...weeks[2]!, first: 0, repeat: 0 },
          ],
        },
      ],
      pipeline: [
        { stage: 'lead', count: 4, amounts: [{ currency: 'EUR', amount: 1_200_000 }] },
        { stage: 'qualified', count: 2, amounts: [{ currency: 'EUR', amount: 800_000 }] },
        {
          stage: 'proposal',
          count: 3,
          amounts: [
            { currency: 'EUR', amount: 900_000 },
            { currency: 'USD', amount: 50_000 },
          ],
        },
        { stage: 'negotiation', count: 1, amounts: [{ currency: 'EUR', amount: 450_000 }] },
        { stage: 'none', count: 0, amounts: [] },
      ],
      techniques: {
        rows: [
          {
            techniqueId: 1,
            technique: 'Mirroring',
            used: 12,
            won: 9,
            winRate: 0.75,
            interval: { low: 0.4677, high: 0.9111 },
          },
        ],
        waiting: 2,
        minimum: { withIt: 10, without: 10 },
      },
      learning: [
        { ...weeks[0]!, minutes: 90, pages: 40, finished: 0 },
        { ...weeks[1]!, minutes: 45, pages: 12, finished: 1 },
        { ...weeks[2]!, minutes: 0, pages: 0, finished: 0 },
      ],
    },
    ...patch,
  };
}

function homeApp(handlers: FakeHandlers = {}, route = '/home') {
  return renderApp(
    {
      'home.summary': ({ period, compare }) => homeFixture({ period, compare }),
      'care.followups.count': () => ({ asOf: '2026-06-17', overdue: 1, today: 3, due: 4 }),
      'care.followups.list': () =>
        followUpListFixture({
          today: [checkInItem({ id: 'c1', customerName: 'Giulia Bianchi', daysOverdue: 0, dueOn: '2026-06-17' })],
          overdue: [checkInItem({ id: 'c2', customerName: 'Marco Rossi', daysOverdue: 2, dueOn: '2026-06-15' })],
          counts: { overdue: 1, today: 3, week: 0, later: 0 },
        }),
      'goals.list': () => ({
        asOf: '2026-06-17',
        items: [
          summaryFixture({
            goal: goalFixture({ id: 4, title: 'June revenue' }),
            phase: 'active',
            pace: paceFixture({ status: 'behind' }),
          }),
        ],
      }),
      'experiments.list': () => [],
      'sales.list': () => ({ items: [saleFixture()], total: 1 }),
      ...handlers,
    },
    { route },
  );
}

const cards = async () => within(await whenSettled(() => screen.getByRole('region', { name: 'Key figures' })));

describe('Home', () => {
  it('is where the app opens, first in the sidebar', async () => {
    homeApp({}, '/');
    expect(await whenSettled(() => screen.getByRole('heading', { level: 1, name: 'Home' }))).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Areas' });
    const first = within(nav).getAllByRole('link')[0]!;
    expect(text(first)).toBe('Home');
    expect(first.getAttribute('aria-current')).toBe('page');
  });

  it('shows each figure with its change in words and a link to the records behind it', async () => {
    const { bridge } = homeApp();
    const region = await cards();
    expect(bridge.callsTo('home.summary')[0]).toEqual({ period: 'month', compare: 'previous', asOf: '2026-06-17' });
    const revenue = region.getByRole('link', { name: /^Revenue \(EUR\)/ });
    expect(text(revenue)).toContain('€12,500.00');
    expect(text(revenue)).toContain('Up 25% from €10,000.00, vs previous period');
    expect(text(revenue)).toContain('$400.00');
    expect(revenue.getAttribute('href')).toBe('/sales?from=2026-06-01&to=2026-06-17&status=won');
    const won = region.getByRole('link', { name: /^Deals won/ });
    expect(text(won)).toContain('Down 25% from 8');
    // Rates change in percentage points; more complaints open is bad news.
    expect(text(region.getByRole('link', { name: /^Win rate/ }))).toContain('Up 10 pts from 50%');
    const complaints = region.getByRole('link', { name: /^Open complaints/ });
    expect(complaints.querySelector('.home-change-bad')).not.toBeNull();
    expect(complaints.getAttribute('href')).toBe('/followups/complaints');
    expect(text(region.getByRole('link', { name: /^New customers/ }))).toContain('Up 2 from 0');
    expect(text(region.getByRole('link', { name: /^Satisfaction/ }))).toContain('Up 0.3 from 4.0');
    expect(text(region.getByRole('link', { name: /^Follow-ups due today/ }))).toContain('1 overdue');
    const goals = region.getByRole('link', { name: /^Goals on track/ });
    expect(text(goals)).toContain('2 of 3');
    expect(goals.getAttribute('href')).toBe('/goals');
  });

  it('opens the sales list filtered to the period and status of the card', async () => {
    const { bridge, user } = homeApp();
    await user.click((await cards()).getByRole('link', { name: /^Deals won/ }));
    await screen.findByRole('heading', { level: 1, name: 'Sales' });
    await waitFor(() =>
      expect(bridge.callsTo('sales.list').at(-1)).toMatchObject({
        statuses: ['won'],
        from: '2026-06-01',
        to: '2026-06-17',
      }),
    );
  });

  it('asks for the period and comparison chosen, and a custom range once both days are valid', async () => {
    const { bridge, user } = homeApp();
    await cards();
    await user.click(screen.getByRole('radio', { name: 'This year' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Compare with' }), 'last_year');
    await waitFor(() =>
      expect(bridge.callsTo('home.summary').at(-1)).toEqual({
        period: 'year',
        compare: 'last_year',
        asOf: '2026-06-17',
      }),
    );
    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    const to = screen.getByRole('textbox', { name: 'To' });
    await user.clear(to);
    await user.type(to, '01/01/2026');
    expect(await screen.findByText('Enter two valid dates, the first not after the second.')).toBeTruthy();
    await user.clear(to);
    await user.type(to, '10/06/2026');
    await waitFor(() =>
      expect(bridge.callsTo('home.summary').at(-1)).toEqual({
        period: 'custom',
        from: '2026-06-01',
        to: '2026-06-10',
        compare: 'last_year',
        asOf: '2026-06-17',
      }),
    );
  });

  it('lists today’s follow-ups and the goals behind pace', async () => {
    homeApp();
    const today = await screen.findByRole('region', { name: 'Today' });
    await within(today).findByText('Marco Rossi');
    expect(within(today).getByText('Giulia Bianchi')).toBeTruthy();
    expect(within(today).getByText('and 2 more')).toBeTruthy();
    expect(within(today).getByRole('link', { name: 'June revenue' }).getAttribute('href')).toBe('/goals/4');
    expect(within(today).getByText('No experiment running.')).toBeTruthy();
  });

  it('says what the revenue chart shows, with its numbers a click away', async () => {
    const { user } = homeApp();
    const chart = await screen.findByRole('region', { name: 'Revenue by week' });
    expect(text(within(chart).getByText(/over the period/))).toBe(
      '€12,500.00 over the period; the best week: 1 – 7 Jun 2026, with €7,000.00. ' +
        'The pace of “June revenue” asked for €13,000.00 in this period.',
    );
    const show = within(chart).getByRole('button', { name: 'Show the numbers' });
    expect(within(chart).queryByRole('table')).toBeNull();
    await user.click(show);
    const rows = within(within(chart).getByRole('table'))
      .getAllByRole('row')
      .map((row) => text(row));
    // The revenue goal in euros beside the bars; the one in dollars belongs to another currency's chart.
    expect(rows).toEqual([
      'PeriodRevenuePace: June revenue',
      '1 – 7 Jun 2026€7,000.00€5,000.00',
      '8 – 14 Jun 2026€5,500.00€5,000.00',
      '15 – 17 Jun 2026€0.00€3,000.00',
    ]);
    expect(show.getAttribute('aria-expanded')).toBe('true');
    expect(within(chart).queryByRole('link', { name: 'Add a revenue goal' })).toBeNull();
  });

  it('offers to add a revenue goal when none covers the period', async () => {
    homeApp({
      'home.summary': ({ period, compare }) => {
        const home = homeFixture({ period, compare });
        return { ...home, charts: { ...home.charts, revenuePace: [] } };
      },
    });
    const chart = await screen.findByRole('region', { name: 'Revenue by week' });
    expect(within(chart).getByText(/No revenue goal covers this period/)).toBeTruthy();
    expect(within(chart).getByRole('link', { name: 'Add a revenue goal' }).getAttribute('href')).toBe('/goals');
  });

  it('charts new vs repeat revenue, the pipeline, the techniques that work and learning, each with its table', async () => {
    const { user } = homeApp();
    const rowsOf = async (name: string): Promise<string[]> => {
      const chart = screen.getByRole('region', { name });
      await user.click(within(chart).getByRole('button', { name: 'Show the numbers' }));
      return within(within(chart).getByRole('table'))
        .getAllByRole('row')
        .map((row) => text(row));
    };
    const summaryOf = (name: string): string =>
      text(within(screen.getByRole('region', { name })).getByText((_, el) => el?.tagName === 'P'));

    await screen.findByRole('region', { name: 'New and repeat revenue by week' });
    expect(summaryOf('New and repeat revenue by week')).toBe(
      '€5,000.00 of €12,500.00 came from customers buying again (40%).',
    );
    expect(await rowsOf('New and repeat revenue by week')).toEqual([
      'PeriodFirst purchasesRepeat purchasesTotal',
      '1 – 7 Jun 2026€4,000.00€3,000.00€7,000.00',
      '8 – 14 Jun 2026€3,500.00€2,000.00€5,500.00',
      '15 – 17 Jun 2026€0.00€0.00€0.00',
    ]);

    expect(summaryOf('Pipeline by stage')).toBe(
      '10 open deals worth €33,500.00 · US$500.00; most are at the Lead stage (4).',
    );
    // A deal without a stage is a row only when there is one.
    expect(await rowsOf('Pipeline by stage')).toEqual([
      'StageOpen dealsAmount',
      'Lead4€12,000.00',
      'Qualified2€8,000.00',
      'Proposal3€9,000.00 · US$500.00',
      'Negotiation1€4,500.00',
    ]);

    expect(summaryOf('Techniques that work')).toBe(
      'Best ranked: Mirroring, 75% won over 12 decided deals (between 47% and 91% allowing for chance). ' +
        '2 more techniques need more decided deals before they are ranked.',
    );
    expect(await rowsOf('Techniques that work')).toEqual([
      'TechniqueDecided dealsWonWin rate95% interval',
      'Mirroring12975%47% to 91%',
    ]);

    expect(summaryOf('Learning by week')).toBe(
      '135 minutes and 52 pages of learning in this period; items finished: 1.',
    );
    expect(await rowsOf('Learning by week')).toEqual([
      'PeriodMinutesPagesItems finished',
      '1 – 7 Jun 202690400',
      '8 – 14 Jun 202645121',
      '15 – 17 Jun 2026000',
    ]);
  });

  it('says what to do next where a chart has nothing to show', async () => {
    const { user } = homeApp({
      'home.summary': ({ period, compare }) => {
        const home = homeFixture({ period, compare });
        const zero = (b: { from: string; to: string }) => ({ from: b.from, to: b.to });
        return {
          ...home,
          charts: {
            revenuePace: [],
            newRepeat: [{ currency: 'EUR', trend: weeks.map((w) => ({ ...zero(w), first: 0, repeat: 0 })) }],
            pipeline: home.charts.pipeline.map((s) => ({ ...s, count: 0, amounts: [] })),
            techniques: { rows: [], waiting: 1, minimum: { withIt: 10, without: 10 } },
            learning: weeks.map((w) => ({ ...zero(w), minutes: 0, pages: 0, finished: 0 })),
          },
        };
      },
    });
    const region = (name: string) => screen.getByRole('region', { name });
    await screen.findByRole('region', { name: 'Pipeline by stage' });
    for (const name of [
      'New and repeat revenue by week',
      'Pipeline by stage',
      'Techniques that work',
      'Learning by week',
    ])
      expect(within(region(name)).queryByRole('button', { name: 'Show the numbers' })).toBeNull();
    expect(text(region('Techniques that work'))).toContain(
      'each is ranked once it has 10 decided deals with it and 10 without. ' +
        '1 more technique needs more decided deals before it is ranked.',
    );
    expect(
      within(region('Techniques that work')).getByRole('link', { name: 'Open What works' }).getAttribute('href'),
    ).toBe('/journal/what-works');
    expect(
      within(region('Learning by week')).getByRole('link', { name: 'Open the library' }).getAttribute('href'),
    ).toBe('/library');
    await user.click(within(region('Pipeline by stage')).getByRole('button', { name: 'Add a deal' }));
    expect(await screen.findByRole('dialog')).toBeTruthy();
  });

  it('charts satisfaction and NPS by week, each with its sentence and table', async () => {
    const { user } = homeApp();
    const satisfaction = await screen.findByRole('region', { name: 'Satisfaction by week' });
    // The fixture's weeks: 4.25 × 1/6, 2/6, 3/6.
    expect(text(within(satisfaction).getByText(/over the period/))).toBe(
      'Satisfaction over the period: 4.3; by week, from 0.7 to 2.1.',
    );
    const nps = screen.getByRole('region', { name: 'NPS by week' });
    await user.click(within(nps).getByRole('button', { name: 'Show the numbers' }));
    const rows = within(within(nps).getByRole('table'))
      .getAllByRole('row')
      .map((row) => text(row));
    expect(rows).toEqual(['PeriodNPS', '1 – 7 Jun 20263', '8 – 14 Jun 20267', '15 – 17 Jun 202610']);
  });

  it('says what to do first on an empty book', async () => {
    homeApp({ 'home.summary': () => homeFixture({ hasSales: false }) });
    expect(await screen.findByRole('heading', { level: 2, name: 'Nothing to show yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Import a spreadsheet' }).getAttribute('href')).toBe('/import?kind=sales');
    expect(screen.getByRole('button', { name: 'Log a sale' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Key figures' })).toBeNull();
    // No period to choose on an empty book.
    expect(screen.queryByRole('radio', { name: 'This month' })).toBeNull();
  });
});
