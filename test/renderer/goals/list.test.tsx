// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FakeHandlers } from '../fakeApi';
import type { PlannedItem } from '../../../src-main/features/goals/contract/api';
import {
  AS_OF,
  barFixture,
  behindNudge,
  goalFixture,
  monthlyDealsFixture,
  paceFixture,
  scorecardFixture,
  summaryFixture,
  timelineFixture,
} from './fixtures';
import { fixToday, renderApp } from '../renderApp';

// Today is Monday 16 March 2026, local time (Date only: user-event keeps real timers).
// jsdom has no canvas: the charts draw nothing without a 2D context (their data is tested in goalsModel.test.ts).
fixToday(new Date(2026, 2, 16, 10, 0), { noCanvas: true });

const deals = monthlyDealsFixture('2025-10-01', { id: 2 });
const satisfaction = goalFixture({
  id: 3,
  title: 'Happy customers',
  metric: 'avg_satisfaction',
  aggregation: 'average',
  unit: 'rating',
  currency: null,
  target: 4.3,
  category: 'quality',
});

const goals = [
  summaryFixture(),
  summaryFixture({
    goal: deals,
    pace: paceFixture({
      target: 20,
      actual: 14,
      expected: 10,
      difference: 4,
      gap: 0.4,
      status: 'ahead',
      progress: 0.7,
      requiredPerDay: 6 / 11,
      requiredPerWeek: 30 / 11,
      bufferDays: 5,
    }),
    forecast: { probability: 0.997, projected: 27, low: 24, high: 30, method: 'block_bootstrap' },
    streaks: { achieved: 3, missed: 2, current: 3, longest: 3, currentMissed: 0 },
  }),
  summaryFixture({
    goal: satisfaction,
    pace: paceFixture({
      target: 4.3,
      actual: 4.1,
      expected: 4.3,
      difference: -0.2,
      gap: -0.2 / 4.3,
      status: 'on_track',
      progress: 4.1 / 4.3,
      requiredPerDay: null,
      requiredPerWeek: null,
      bufferDays: null,
    }),
    forecast: { probability: null, projected: null, low: null, high: null, method: 'insufficient_history' },
  }),
];

const timeline = timelineFixture({
  bars: [
    barFixture({
      id: 2,
      title: 'Deals won each month',
      status: 'achieved',
      progress: 1,
      from: '2026-01-01',
      to: '2026-01-31',
      start: 0,
      end: 31 / 90,
    }),
    barFixture({
      id: 2,
      title: 'Deals won each month',
      status: 'missed',
      progress: 0.8,
      from: '2026-02-01',
      to: '2026-02-28',
      start: 31 / 90,
      end: 59 / 90,
    }),
    barFixture({
      milestones: [{ date: '2026-03-06', title: 'Call the ten best customers', reached: false, at: (64 + 0.5) / 90 }],
      start: 59 / 90,
      end: 1,
    }),
    barFixture({ id: 2, title: 'Deals won each month', status: 'ahead', progress: 0.7, start: 59 / 90, end: 1 }),
  ],
});

const base: FakeHandlers = {
  'goals.list': (query) => ({
    asOf: query.asOf ?? AS_OF,
    items: goals.filter(
      (g) =>
        (!query.status || query.status.includes(g.pace.status)) && (!query.metric || query.metric === g.goal.metric),
    ),
  }),
  'goals.timeline': (query) => ({ ...timeline, zoom: query.zoom }),
  'care.followups.count': () => ({ asOf: AS_OF, overdue: 0, today: 0, due: 0 }),
};

const table = (): HTMLElement =>
  screen.getByRole('table', { name: /Where each goal stands|A che punto è ogni obiettivo/ });
const rowOf = (title: string): HTMLElement => within(table()).getByRole('link', { name: title }).closest('tr')!;
/** Text as read, with the thin and no-break spaces Intl puts in ranges and amounts as plain ones. */
const text = (element: Element): string => (element.textContent ?? '').replace(/[\u00a0\u2009\u202f]/g, ' ');
const cells = (row: HTMLElement): string[] => within(row).getAllByRole('cell').map(text);

describe('the goals list', () => {
  it('has its place in the sidebar, right after Follow-ups', async () => {
    renderApp(base, { route: '/goals' });
    const nav = await screen.findByRole('navigation', { name: 'Areas' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links.indexOf('Goals')).toBe(links.indexOf('Follow-ups') + 1);
    expect(await screen.findByRole('heading', { name: 'Goals', level: 1 })).toBeTruthy();
  });

  it('shows each goal’s status, progress, buffer in days and chance, and states the thresholds', async () => {
    const { bridge } = renderApp(base, { route: '/goals' });
    await screen.findByRole('table', { name: 'Where each goal stands' });
    expect(bridge.callsTo('goals.list')[0]).toEqual({ asOf: AS_OF, archived: 'active' });

    expect(cells(rowOf('March revenue'))).toEqual([
      'March revenueRevenue · 1 – 31 Mar 2026',
      'Behind',
      '47% · €14,000.00 of €30,000.00',
      '0 working days',
      '64%',
    ]);
    expect(cells(rowOf('Deals won each month'))).toEqual([
      'Deals won each monthDeals won · Every month, Mar 2026',
      'Ahead',
      '70% · 14 of 20',
      '5 working days',
      '>99%',
    ]);
    // An average has no buffer in days, and too little history has no chance to give.
    expect(cells(rowOf('Happy customers'))).toEqual([
      'Happy customersCustomer satisfaction · 1 – 31 Mar 2026',
      'On track',
      '95% · 4.1 of 4.3',
      '–',
      '–',
    ]);
    expect(
      screen.getByText(
        "Status compares where you are with where the pace line says you should be by today: ahead is 10% or more above it, on track from 5% below to 10% above, behind from 5% to 20% below, at risk more than 20% below. Achieved and missed are final. In the first 20% of a period's working days (at most the first 10) a goal below pace still shows on track and sends no reminder: a few days say too little.",
      ),
    ).toBeTruthy();
  });

  it('filters by status and metric, asking the backend for the list and the timeline alike', async () => {
    const { bridge, user } = renderApp(base, { route: '/goals' });
    await screen.findByRole('table', { name: 'Where each goal stands' });
    await user.click(screen.getByRole('checkbox', { name: 'Behind' }));
    await waitFor(() => expect(within(table()).queryByRole('link', { name: 'Happy customers' })).toBeNull());
    expect(bridge.callsTo('goals.list').at(-1)).toEqual({ asOf: AS_OF, status: ['behind'], archived: 'active' });
    expect(bridge.callsTo('goals.timeline').at(-1)).toEqual({
      date: AS_OF,
      zoom: 'quarter',
      status: ['behind'],
      archived: 'active',
    });

    await user.click(screen.getByRole('checkbox', { name: 'Behind' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Metric' }), 'deals_won');
    await waitFor(() => expect(within(table()).queryByRole('link', { name: 'March revenue' })).toBeNull());
    expect(bridge.callsTo('goals.list').at(-1)).toEqual({ asOf: AS_OF, metric: 'deals_won', archived: 'active' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Metric' }), 'nps');
    expect(await screen.findByRole('heading', { name: 'No goal matches' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(within(table()).getByRole('link', { name: 'March revenue' })).toBeTruthy());
  });

  it('invites a first goal when there is none', async () => {
    renderApp({ ...base, 'goals.list': () => ({ asOf: AS_OF, items: [] }) }, { route: '/goals' });
    expect(await screen.findByRole('heading', { name: 'No goals yet' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'New goal' })).toHaveLength(2);
  });

  it('speaks Italian', async () => {
    renderApp(base, { route: '/goals', settings: { language: 'it' } });
    expect(await screen.findByRole('heading', { name: 'Obiettivi', level: 1 })).toBeTruthy();
    await screen.findByRole('table', { name: 'A che punto è ogni obiettivo' });
    expect(cells(rowOf('March revenue'))).toEqual([
      'March revenueFatturato · 1–31 mar 2026',
      'In ritardo',
      '47% · 14.000,00 € su 30.000,00 €',
      '0 giorni lavorativi',
      '64%',
    ]);
    expect(screen.getByText(/in anticipo è almeno il 10% sopra, in linea da 5% sotto a 10% sopra/)).toBeTruthy();
  });
});

describe('the timeline', () => {
  it('puts each goal on one row, its periods as bars from start to end, with milestones and today', async () => {
    renderApp(base, { route: '/goals' });
    const rows = await screen.findByRole('list', { name: 'Goals in Q1 2026' });
    const items = within(rows).getAllByRole('listitem');
    expect(items.map((row) => within(row).getAllByRole('link')[0]!.textContent)).toEqual([
      'Deals won each month',
      'March revenue',
    ]);

    // A recurring goal: three months, three bars on its one row.
    const dealBars = within(items[0]!).getAllByRole('link', { hidden: true }).slice(1);
    expect(dealBars.map(text)).toEqual([
      'Deals won each month: 1 – 31 Jan 2026, Achieved, 100% done',
      'Deals won each month: 1 – 28 Feb 2026, Missed, 80% done',
      'Deals won each month: 1 – 31 Mar 2026, Ahead, 70% done',
    ]);
    const february = dealBars[1]!;
    expect(february.style.left).toBe(`${(31 / 90) * 100}%`);
    expect(february.style.width).toBe(`${(28 / 90) * 100}%`);
    expect(february.getAttribute('href')).toBe('/goals/2');

    const marker = within(items[1]!).getByRole('img', {
      name: 'Milestone Call the ten best customers, due 6 Mar 2026',
    });
    expect(marker.style.left).toBe(`${(64.5 / 90) * 100}%`);
    expect(document.querySelector<HTMLElement>('.timeline-today')?.style.left).toBe(`${(74.5 / 90) * 100}%`);
    expect(screen.getByText('Jan')).toBeTruthy();
  });

  it('cuts a long goal name on its row but keeps it whole in a tooltip and for screen readers', async () => {
    const long = 'Win back every customer who has not ordered since the spring trade fair in Verona';
    renderApp(
      {
        ...base,
        'goals.timeline': (query) => ({
          ...timeline,
          zoom: query.zoom,
          bars: timeline.bars.map((bar) => ({ ...bar, title: long })),
        }),
      },
      { route: '/goals' },
    );
    const rows = await screen.findByRole('list', { name: 'Goals in Q1 2026' });
    const label = within(rows).getAllByRole('link', { name: long })[0]!;
    expect(label.getAttribute('title')).toBe(long);
    expect(label.classList.contains('timeline-label')).toBe(true);
  });

  it('zooms and steps through time', async () => {
    const { bridge, user } = renderApp(base, { route: '/goals' });
    await screen.findByRole('list', { name: 'Goals in Q1 2026' });
    await user.click(screen.getByRole('radio', { name: 'Month' }));
    await waitFor(() => expect(bridge.callsTo('goals.timeline').at(-1)).toMatchObject({ zoom: 'month', date: AS_OF }));
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    // The backend says which day the next window starts on.
    await waitFor(() => expect(bridge.callsTo('goals.timeline').at(-1)).toMatchObject({ date: '2026-04-01' }));
    await user.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => expect(bridge.callsTo('goals.timeline').at(-1)).toMatchObject({ date: AS_OF }));
  });

  it('shows the learning plan below the goals: each item on its day, planned, done or overdue, linking to it', async () => {
    const plan: PlannedItem[] = [
      {
        itemId: 4,
        title: 'Objections',
        kind: 'book',
        plannedOn: '2026-02-10',
        finishedOn: '2026-02-08',
        state: 'done',
        at: 0.5,
      },
      {
        itemId: 7,
        title: 'Late one',
        kind: 'ebook',
        plannedOn: '2026-03-02',
        finishedOn: null,
        state: 'overdue',
        at: 0.5,
      },
      {
        itemId: 9,
        title: 'Pitch perfect',
        kind: 'audiobook',
        plannedOn: '2026-03-31',
        finishedOn: null,
        state: 'planned',
        at: 0.5,
      },
    ];
    renderApp({ ...base, 'goals.timeline': (query) => ({ ...timeline, zoom: query.zoom, plan }) }, { route: '/goals' });
    const row = await screen.findByRole('list', { name: 'Learning plan' });
    const links = within(row).getAllByRole('link');
    expect(links.map((l) => [l.getAttribute('aria-label'), l.getAttribute('href')])).toEqual([
      ['Objections: to finish by 10 Feb 2026, finished', '/library/4'],
      ['Late one: to finish by 2 Mar 2026, not finished yet', '/library/7'],
      ['Pitch perfect: to finish by 31 Mar 2026', '/library/9'],
    ]);
    expect(links.map((l) => l.className)).toEqual([
      'timeline-plan-item plan-done',
      'timeline-plan-item plan-overdue',
      'timeline-plan-item plan-planned',
    ]);
    expect(within(row).getAllByRole('listitem')[0]!.style.left).toBe('50%');
  });

  it('shows the plan even before there is any goal', async () => {
    const planned: PlannedItem = {
      itemId: 9,
      title: 'Pitch perfect',
      kind: 'book',
      plannedOn: '2026-03-31',
      finishedOn: null,
      state: 'planned',
      at: 0.99,
    };
    renderApp(
      {
        ...base,
        'goals.list': () => ({ asOf: AS_OF, items: [] }),
        'goals.timeline': () => timelineFixture({ plan: [planned] }),
      },
      { route: '/goals' },
    );
    expect(await screen.findByRole('list', { name: 'Learning plan' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'No goals yet' })).toBeTruthy();
    expect(screen.queryByText('No goal runs in this stretch of time.')).toBeNull();
  });

  it('says when nothing runs in the window', async () => {
    renderApp({ ...base, 'goals.timeline': () => timelineFixture({ today: null }) }, { route: '/goals' });
    expect(await screen.findByText('No goal runs in this stretch of time.')).toBeTruthy();
  });
});

describe('behind-pace nudges', () => {
  it('shows each goal the main process reports behind, once a day', async () => {
    const { bridge } = renderApp(base, { route: '/goals' });
    await screen.findByRole('table', { name: 'Where each goal stands' });
    const notices = screen.getByRole('region', { name: 'Notifications' });
    act(() => bridge.emit('goals.behind', { asOf: AS_OF, items: [behindNudge(7, 'March revenue')] }));
    expect(
      await within(notices).findByText(
        '“March revenue” is behind pace: €14,000.00 so far, €15,000.00 expected by today',
      ),
    ).toBeTruthy();
    act(() => bridge.emit('goals.behind', { asOf: AS_OF, items: [behindNudge(7, 'March revenue')] }));
    expect(within(notices).getAllByText(/is behind pace/)).toHaveLength(1);
  });

  it('sums up many at once', async () => {
    const { bridge } = renderApp(base, { route: '/goals' });
    await screen.findByRole('table', { name: 'Where each goal stands' });
    act(() =>
      bridge.emit('goals.behind', {
        asOf: AS_OF,
        items: [1, 2, 3, 4].map((id) => behindNudge(id, `Goal ${id}`)),
      }),
    );
    expect(await screen.findByText('4 goals are behind pace')).toBeTruthy();
  });
});

describe('the scorecard', () => {
  it('shows the weighted score per period, newest first, with each side and the weights said', async () => {
    const { bridge, user } = renderApp(
      {
        ...base,
        'goals.scorecard': ({ every }) => {
          const months = scorecardFixture();
          // By quarter, January and February are one period: Q1.
          return every === 'monthly'
            ? months
            : { ...months, every, periods: [{ ...months.periods[0]!, to: '2026-03-31' }] };
        },
      },
      { route: '/goals/scorecard' },
    );
    const table = await screen.findByRole('table', { name: 'The score per period, newest first' });
    // It scrolls inside its box on a small window: the keyboard can reach and scroll it.
    const box = screen.getByRole('region', { name: 'The score per period, newest first' });
    expect(box.tabIndex).toBe(0);
    expect(box.contains(table)).toBe(true);
    expect(bridge.callsTo('goals.scorecard')[0]).toEqual({ every: 'monthly', asOf: AS_OF });
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => [...row.children].map(text)),
    ).toEqual([
      ['Period', 'Score', 'Volume', 'Quality', 'Loyalty', 'Achieved', 'Missed', 'Still running'],
      // (0.4 × 100 + 0.3 × 80) / 0.7 = 91.4: loyalty had no goal, so it does not count.
      ['Feb 2026', '91', '100', '80', '–', '1', '1', '0'],
      ['Jan 2026', '70', '70', '–', '–', '0', '1', '0'],
    ]);
    expect(
      screen.getByText(
        "Volume counts 40%, quality 30%, loyalty 30%; each side is its goals' progress, weighted by the goals' own weights.",
      ),
    ).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Quarters' }));
    await waitFor(() => expect(bridge.callsTo('goals.scorecard').at(-1)).toEqual({ every: 'quarterly', asOf: AS_OF }));
    expect(await within(table).findByText('Q1 2026')).toBeTruthy();
  });
});
