// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { GoalDetail } from '../../../src-main/features/goals/contract/api';
import { fails, type FakeHandlers } from '../fakeApi';
import {
  AS_OF,
  closedPeriodFixture,
  detailFixture,
  goalFixture,
  milestoneFixture,
  monthlyDealsFixture,
  paceFixture,
} from './fixtures';
import { fixToday, renderApp } from '../renderApp';

// jsdom has no canvas: the chart component draws nothing without a 2D context, and says so
// by not throwing. What it would draw is goalChartData's, tested in goalsModel.test.ts.
fixToday(new Date(2026, 2, 16, 10, 0), { noCanvas: true });

const text = (element: Element): string => (element.textContent ?? '').replace(/[\u00a0\u2009\u202f]/g, ' ');

function detailApp(detail: GoalDetail, handlers: FakeHandlers = {}, language: 'en' | 'it' = 'en') {
  return renderApp(
    {
      'goals.get': () => detail,
      'care.followups.count': () => ({ asOf: AS_OF, overdue: 0, today: 0, due: 0 }),
      ...handlers,
    },
    { route: `/goals/${detail.goal.id}`, settings: { language } },
  );
}

describe('a goal’s detail', () => {
  it('says where the goal stands against its pace', async () => {
    const { bridge } = detailApp(detailFixture());
    const pace = await screen.findByRole('region', { name: 'Pace' });
    expect(bridge.callsTo('goals.get')[0]).toEqual({ id: 7, asOf: AS_OF });
    const facts = [...pace.querySelectorAll('.kpi')].map((kpi) => [...kpi.children].map((child) => text(child)));
    expect(facts).toEqual([
      ['So far', '€14,000.00', '47% of €30,000.00'],
      ['Expected by today', '€15,000.00'],
      // (14,000 − 15,000) / 15,000 = −6.7 %.
      ['Difference', '-€1,000.00', '6.7% short of the pace'],
      // €16,000 left over 11 working days; five of them make a week.
      ['Needed per working day', '€1,454.55', '€7,272.73 a week'],
      ['Buffer in working days', '0', '11 working days left'],
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('March revenueBehind');
    expect(text(screen.getByText(/at least €30,000.00/))).toBe('Revenue · at least €30,000.00, 1 – 31 Mar 2026');
  });

  it('says which answers a satisfaction or NPS goal counts, in both languages', async () => {
    detailApp(detailFixture({ goal: goalFixture({ metric: 'nps', aggregation: 'average', currency: null }) }));
    expect(
      await screen.findByText('Counts every answer: the score given at the sale and at each check-in.'),
    ).toBeTruthy();
    cleanup();
    detailApp(
      detailFixture({ goal: goalFixture({ metric: 'avg_satisfaction', aggregation: 'average', currency: null }) }),
      {},
      'it',
    );
    expect(await screen.findByText('Conta ogni risposta: il voto dato alla vendita e a ogni check-in.')).toBeTruthy();
    cleanup();
    detailApp(detailFixture());
    await screen.findByRole('region', { name: 'Pace' });
    expect(screen.queryByText(/Counts every answer/)).toBeNull();
  });

  it('explains the forecast in plain words', async () => {
    detailApp(detailFixture());
    const forecast = await screen.findByRole('region', { name: 'Forecast' });
    expect(within(forecast).getAllByRole('paragraph').map(text)).toEqual([
      'Based on 212 working days of your own history, the chance of reaching €30,000.00 by 31 Mar 2026 is about 64%.',
      'Most likely €31,200.00; 8 in 10 simulated futures end between €26,900.00 and €35,400.00.',
      'A straight line through your pace so far would end at €28,000.00.',
    ]);
  });

  it('says the same in Italian', async () => {
    detailApp(detailFixture(), {}, 'it');
    const forecast = await screen.findByRole('region', { name: 'Previsione' });
    expect(within(forecast).getAllByRole('paragraph').map(text)[0]).toBe(
      'In base a 212 giorni lavorativi della tua storia, la probabilità di arrivare a 30.000,00 € entro il 31 mar 2026 è circa del 64%.',
    );
  });

  it('says when there is too little history for a forecast', async () => {
    const detail = detailFixture({
      forecast: { probability: null, projected: null, low: null, high: null, method: 'insufficient_history' },
    });
    detail.forecastDetail = {
      ...detail.forecastDetail,
      probability: null,
      projected: null,
      low: null,
      high: null,
      basis: { ...detail.forecastDetail.basis, method: 'insufficient_history', historyWorkingDays: 6 },
    };
    detailApp(detail);
    const forecast = await screen.findByRole('region', { name: 'Forecast' });
    expect(text(forecast)).toContain(
      'There is not enough of your own history for a forecast yet: it takes 10 working days of data, and there are 6.',
    );
  });

  it('gives the chart a table with the same numbers, week by week', async () => {
    detailApp(detailFixture());
    expect(
      await screen.findByRole('img', {
        name: 'Chart of March revenue: your progress, the ideal pace, the forecast range and the target. The table below gives the same numbers.',
      }),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'The chart as a table, week by week' });
    const box = screen.getByRole('region', { name: 'The chart as a table, week by week' });
    expect(box.tabIndex).toBe(0);
    expect(box.contains(table)).toBe(true);
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.children].map(text));
    expect(rows).toEqual([
      ['Week ending', 'Actual', 'Ideal pace', 'Forecast low', 'Forecast high'],
      ['1 Mar 2026', '€0.00', '€0.00', '–', '–'],
      ['8 Mar 2026', '€6,125.00', '€6,818.18', '–', '–'],
      ['15 Mar 2026', '€13,125.00', '€13,636.36', '–', '–'],
      // Today sits between two week ends: its own row says where things stand now.
      ['Today, 16 Mar 2026', '€14,000.00', '€15,000.00', '–', '–'],
      ['22 Mar 2026', '–', '€20,454.55', '€18,500.00', '€23,000.00'],
      ['29 Mar 2026', '–', '€27,272.73', '€24,500.00', '€32,000.00'],
      ['31 Mar 2026', '–', '€30,000.00', '€26,900.00', '€35,400.00'],
    ]);
  });

  it('ticks a checklist step by hand; a target milestone ticks itself', async () => {
    let detail = detailFixture();
    const { bridge, user } = detailApp(detail, {
      'goals.get': () => detail,
      'goals.milestones.tick': ({ id, done }) => {
        const ticked = milestoneFixture({ id, reached: done, reachedOn: done ? AS_OF : null, overdue: !done });
        detail = { ...detail, milestones: detail.milestones.map((m) => (m.id === id ? ticked : m)) };
        return ticked;
      },
    });
    const step = await screen.findByRole('checkbox', { name: 'Done: Call the ten best customers' });
    expect((step as HTMLInputElement).checked).toBe(false);
    expect(text(document.getElementById(step.getAttribute('aria-describedby')!)!)).toBe(
      'Checklist step · overdue since 6 Mar 2026',
    );
    expect(screen.queryByRole('checkbox', { name: 'Done: Half way' })).toBeNull();
    expect(screen.getByText('€15,000.00 · overdue since 15 Mar 2026 · ticks itself when you get there')).toBeTruthy();

    await user.click(step);
    expect(bridge.callsTo('goals.milestones.tick')).toEqual([{ id: 11, done: true }]);
    // The tick shows at once (checked, disabled while it is recorded)…
    expect((step as HTMLInputElement).checked).toBe(true);
    // …and the reloaded goal then says when it was reached, with the box free again.
    await waitFor(() =>
      expect(text(document.getElementById(step.getAttribute('aria-describedby')!)!)).toBe(
        'Checklist step · reached on 16 Mar 2026',
      ),
    );
    expect((step as HTMLInputElement).checked).toBe(true);
    expect((step as HTMLInputElement).disabled).toBe(false);
  });

  it('shows a recurring goal’s past periods as recorded at close, and its streaks', async () => {
    const goal = monthlyDealsFixture('2026-01-01');
    const streaks = { achieved: 1, missed: 1, current: 0, longest: 1, currentMissed: 1 };
    detailApp(
      detailFixture({
        goal,
        pace: paceFixture({ target: 20, actual: 9, expected: 10, difference: -1, gap: -0.1, requiredPerDay: 1 }),
        streaks,
        history: {
          streaks,
          periods: [
            // A sale re-dated into February after it closed: shown, never rewritten.
            closedPeriodFixture('2026-02-01', '2026-02-28', 20, 16, 21),
            closedPeriodFixture('2026-01-01', '2026-01-31', 20, 23),
          ],
        },
      }),
    );
    const history = await screen.findByRole('region', { name: 'Past periods' });
    const rows = within(history)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.children].map(text));
    expect(rows).toEqual([
      ['Feb 2026', '20', '16now 21', 'Missednow Achieved'],
      ['Jan 2026', '20', '23', 'Achieved'],
    ]);
    expect(within(history).getByText('Current run').nextElementSibling?.textContent).toBe('1 missed');
    expect(within(history).getByText('Longest run').nextElementSibling?.textContent).toBe('1 achieved');
    expect(text(screen.getByText(/every month/))).toBe('Deals won · at least 20 every month · now Mar 2026');
  });

  it('lists every change of target and deadline, easing marked, with its note', async () => {
    detailApp(
      detailFixture({
        changes: [
          {
            id: 1,
            on: '2026-03-10',
            field: 'target',
            from: 3_500_000,
            to: 3_000_000,
            easing: true,
            note: 'Two prospects slipped',
          },
          {
            id: 2,
            on: '2026-03-12',
            field: 'deadline',
            from: '2026-03-31',
            to: '2026-03-27',
            easing: false,
            note: null,
          },
        ],
      }),
    );
    const changes = await screen.findByRole('region', { name: 'Changes to this goal' });
    expect(within(changes).getAllByRole('listitem').map(text)).toEqual([
      '10 Mar 2026Target changed from €35,000.00 to €30,000.00Easing“Two prospects slipped”',
      '12 Mar 2026Deadline moved from 31 Mar 2026 to 27 Mar 2026',
    ]);
  });

  it('archives the goal', async () => {
    const { bridge, user } = detailApp(detailFixture(), {
      'goals.archive': ({ archived }) => goalFixture({ archived }),
    });
    await user.click(await screen.findByRole('button', { name: 'Archive' }));
    expect(bridge.callsTo('goals.archive')).toEqual([{ id: 7, archived: true }]);
    expect(await screen.findByText('Goal archived')).toBeTruthy();
  });

  it('says so when the goal does not exist', async () => {
    detailApp(detailFixture(), {
      'goals.get': fails('not_found', 'Goal 7 was not found.'),
    });
    expect(await screen.findByRole('heading', { name: "This goal doesn't exist" })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to goals' }).getAttribute('href')).toBe('/goals');
  });
});
