import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import {
  chartEvents,
  chartTable,
  goalChart,
  timeline,
  type GoalChartInput,
  type TimelineGoal,
} from '../../src-main/features/goals/chart';
import type { Forecast } from '../../src-main/features/goals/contract/definition';

// Monday 1 to Sunday 14 March 2027 with a fair on Wednesday 10th: 9 working days, so the
// pace line climbs 100 a working day to 900. Looked at on Tuesday 9th.
const forecast: Forecast = {
  probability: 0.6,
  projected: 900,
  low: 750,
  high: 1000,
  path: [
    { date: '2027-03-11', low: 550, median: 600, high: 700 },
    { date: '2027-03-12', low: 750, median: 900, high: 1000 },
  ],
  linear: { projected: 700, meetsTarget: false },
  basis: {
    method: 'block_bootstrap',
    samples: 2000,
    blockLength: 5,
    historyWorkingDays: 30,
    historyFrom: '2027-01-25',
    historyTo: '2027-03-09',
    minimumWorkingDays: 10,
    remainingWorkingDays: 2,
    interval: [0.1, 0.9],
  },
};

const input: GoalChartInput = {
  series: { '2027-02-26': 999, '2027-03-01': 100, '2027-03-03': 250, '2027-03-06': 50, '2027-03-09': 100 },
  target: 900,
  direction: 'at_least',
  aggregation: 'sum',
  from: '2027-03-01',
  to: '2027-03-14',
  today: '2027-03-09',
  calendar: {
    weekdays: [1, 2, 3, 4, 5],
    breaks: [
      { from: '2027-03-13', to: '2027-03-20', label: '' },
      { from: '2027-03-10', to: '2027-03-10', label: 'Fair' },
      { from: '2027-02-01', to: '2027-02-03', label: 'Before' },
    ],
  },
  milestones: [
    { kind: 'target', title: 'First 300', date: '2027-03-05', target: 300, auto: true, doneOn: null },
    { kind: 'step', title: 'Book the fair', date: '2027-03-08', doneOn: '2027-03-04' },
  ],
  changes: [
    { on: '2027-03-08', field: 'deadline', from: '2027-03-12', to: '2027-03-14', note: 'fair week' },
    { on: '2027-03-08', field: 'target', from: 1000, to: 900, note: '' },
    { on: '2027-02-20', field: 'target', from: 1200, to: 1000, note: 'first plan' },
  ],
  forecast,
};

describe('goal detail chart', () => {
  const chart = goalChart(input);

  it('draws the cumulative actual through today, weekend sales included', () => {
    expect(chart.actual.map((p) => p.value)).toEqual([100, 100, 350, 350, 350, 400, 400, 400, 500]);
    expect(chart.actual[0]!.date).toBe('2027-03-01');
    expect(chart.actual.at(-1)!.date).toBe('2027-03-09');
  });

  it('draws the ideal pace flat over weekends and breaks', () => {
    // Working days: 1–5, 8, 9, 11, 12 (the 10th is the fair).
    expect(chart.pace.map((p) => p.value)).toEqual([
      100, 200, 300, 400, 500, 500, 500, 600, 700, 700, 800, 900, 900, 900,
    ]);
    expect(chart.pace.map((p) => p.date).slice(-1)).toEqual(['2027-03-14']);
  });

  it('grows the forecast cone out of today’s actual', () => {
    expect(chart.cone).toEqual([
      { date: '2027-03-09', low: 500, median: 500, high: 500 },
      { date: '2027-03-11', low: 550, median: 600, high: 700 },
      { date: '2027-03-12', low: 750, median: 900, high: 1000 },
    ]);
    expect(goalChart({ ...input, forecast: null }).cone).toEqual([]);
  });

  it('steps the target through its changes and marks each easing', () => {
    // 1200 was lowered to 1000 before the period, then to 900 on the 8th.
    expect(chart.target).toEqual([
      { date: '2027-03-01', value: 1000 },
      { date: '2027-03-08', value: 900 },
      { date: '2027-03-14', value: 900 },
    ]);
    expect(chart.events).toEqual([
      { date: '2027-02-20', field: 'target', from: 1200, to: 1000, easing: true, note: 'first plan' },
      { date: '2027-03-08', field: 'deadline', from: '2027-03-12', to: '2027-03-14', easing: true, note: 'fair week' },
      { date: '2027-03-08', field: 'target', from: 1000, to: 900, easing: true, note: '' },
    ]);
    expect(goalChart({ ...input, changes: [] }).target).toEqual([
      { date: '2027-03-01', value: 900 },
      { date: '2027-03-14', value: 900 },
    ]);
  });

  it('calls a raised limit easing for "at most" and a raised target not easing for "at least"', () => {
    const raise = [{ on: '2027-03-02', field: 'target' as const, from: 500, to: 600, note: '' }];
    expect(chartEvents(raise, 'at_most')[0]!.easing).toBe(true);
    expect(chartEvents(raise, 'at_least')[0]!.easing).toBe(false);
    const sooner = [{ on: '2027-03-02', field: 'deadline' as const, from: '2027-03-12', to: '2027-03-10', note: '' }];
    expect(chartEvents(sooner, 'at_least')[0]!.easing).toBe(false);
    expect(() =>
      chartEvents([{ on: '2027-03-02', field: 'deadline', from: 5, to: '2027-03-10', note: '' }], 'at_least'),
    ).toThrow(new AppError('invalid_input', 'A deadline change on 2027-03-02 needs two dates.'));
  });

  it('marks milestones and shades the breaks inside the period', () => {
    expect(chart.milestones).toEqual([
      {
        title: 'First 300',
        kind: 'target',
        date: '2027-03-05',
        target: 300,
        value: 300,
        reached: true,
        reachedOn: '2027-03-03',
        overdue: false,
      },
      {
        title: 'Book the fair',
        kind: 'step',
        date: '2027-03-08',
        target: null,
        value: null,
        reached: true,
        reachedOn: '2027-03-04',
        overdue: false,
      },
    ]);
    expect(chart.breaks).toEqual([
      { from: '2027-03-10', to: '2027-03-10', label: 'Fair' },
      { from: '2027-03-13', to: '2027-03-14', label: '' },
    ]);
  });

  it('gives a table of week ends beside the chart', () => {
    expect(chartTable(chart)).toEqual([
      { date: '2027-03-07', actual: 400, expected: 500, low: null, high: null },
      { date: '2027-03-14', actual: null, expected: 900, low: 750, high: 1000 },
    ]);
  });
});

describe('timeline', () => {
  const goal = (id: number, from: string, to: string, extra: Partial<TimelineGoal> = {}): TimelineGoal => ({
    id,
    title: `Goal ${id}`,
    metric: 'revenue',
    status: 'on_track',
    progress: 0.5,
    from,
    to,
    milestones: [],
    ...extra,
  });
  const goals = [
    goal(2, '2027-03-20', '2027-04-10', { status: 'behind', metric: 'deals_won' }),
    goal(1, '2027-02-15', '2027-03-15', {
      milestones: [
        { date: '2027-02-20', title: 'Outside', reached: true },
        { date: '2027-03-10', title: 'Inside', reached: false },
      ],
    }),
    goal(3, '2027-04-01', '2027-04-30'),
    goal(4, '2027-01-01', '2027-12-31', { status: 'ahead' }),
  ];

  it('places bars, milestones, ticks and today on a month window', () => {
    const view = timeline({ goals, today: '2027-03-09', zoom: 'month' });
    expect(view.window).toEqual({ from: '2027-03-01', to: '2027-03-31' });
    expect(view.previous).toBe('2027-02-28');
    expect(view.next).toBe('2027-04-01');
    expect(view.today).toBe(8.5 / 31);
    expect(view.ticks).toEqual(
      ['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29'].map((date, i) => ({
        date,
        at: (7 * i) / 31,
      })),
    );
    expect(view.bars.map((b) => [b.id, b.start, b.end, b.continuesBefore, b.continuesAfter])).toEqual([
      [4, 0, 1, true, true],
      [1, 0, 15 / 31, true, false],
      [2, 19 / 31, 1, false, true],
    ]);
    expect(view.bars[1]!.milestones).toEqual([{ date: '2027-03-10', title: 'Inside', reached: false, at: 9.5 / 31 }]);
  });

  it('filters by status and metric', () => {
    const view = (filter: NonNullable<Parameters<typeof timeline>[0]['filter']>): number[] =>
      timeline({ goals, today: '2027-03-09', zoom: 'month', filter }).bars.map((b) => b.id);
    expect(view({ statuses: ['behind', 'ahead'] })).toEqual([4, 2]);
    expect(view({ metrics: ['revenue'] })).toEqual([4, 1]);
    expect(view({ statuses: ['on_track'], metrics: ['deals_won'] })).toEqual([]);
  });

  it('zooms to a quarter or a (leap) year', () => {
    const quarter = timeline({ goals, today: '2027-03-09', zoom: 'quarter', anchor: '2027-05-15' });
    expect(quarter.window).toEqual({ from: '2027-04-01', to: '2027-06-30' });
    expect(quarter.today).toBeNull();
    expect(quarter.ticks).toEqual([
      { date: '2027-04-01', at: 0 },
      { date: '2027-05-01', at: 30 / 91 },
      { date: '2027-06-01', at: 61 / 91 },
    ]);
    expect(quarter.bars.map((b) => [b.id, b.start, b.end])).toEqual([
      [4, 0, 1],
      [2, 0, 10 / 91],
      [3, 0, 30 / 91],
    ]);
    const year = timeline({ goals: [], today: '2028-12-31', zoom: 'year' });
    expect(year.window).toEqual({ from: '2028-01-01', to: '2028-12-31' });
    expect(year.ticks).toHaveLength(12);
    expect(year.ticks[2]).toEqual({ date: '2028-03-01', at: 60 / 366 });
    expect(year.today).toBe(365.5 / 366);
    expect(year.next).toBe('2029-01-01');
  });

  it('refuses an unknown zoom and a goal that ends before it starts', () => {
    expect(() => timeline({ goals, today: '2027-03-09', zoom: 'decade' as never })).toThrow(
      'Zoom "decade" is not one of month, quarter, year.',
    );
    expect(() =>
      timeline({ goals: [goal(9, '2027-03-10', '2027-03-01')], today: '2027-03-09', zoom: 'month' }),
    ).toThrow('Goal 9 ends (2027-03-01) before it starts (2027-03-10).');
  });
});
