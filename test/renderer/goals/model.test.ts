import { describe, expect, it } from 'vitest';
import type { GoalChart, Scorecard } from '../../../src-main/features/goals/contract/api';
import {
  chartTicks,
  goalChartData,
  scorecardChartData,
  scorecardSlots,
  tableRows,
} from '../../../src-renderer/src/features/goals/chartData';
import {
  changesOf,
  emptyGoalForm,
  formatChance,
  formatValue,
  parseLocaleNumber,
  parseTarget,
  presetPeriod,
  targetText,
  validateGoal,
  type GoalFormValues,
} from '../../../src-renderer/src/features/goals/goalModel';
import { timelineRows } from '../../../src-renderer/src/features/goals/GoalTimeline';
import { barFixture, detailFixture, goalFixture, scorecardFixture } from './fixtures';

describe('numbers typed into the goal forms', () => {
  it.each([
    ['en', '1,234.5', 1234.5],
    ['en', '1234.5', 1234.5],
    ['en', '1,000', 1000],
    // A comma that cannot be a thousands mark is the decimal mark typed the other way.
    ['en', '12,5', 12.5],
    ['it', '1.234,5', 1234.5],
    ['it', '4,3', 4.3],
    ['it', '4.3', 4.3],
    // Three digits after the Italian thousands mark are thousands, as an Italian reads it.
    ['it', '1.000', 1000],
    ['en', '-12', -12],
    ['it', '\u221212,5', -12.5],
    ['en', ' 7 ', 7],
  ] as const)('%s reads %j as %d', (language, text, value) => {
    expect(parseLocaleNumber(text, language)).toBe(value);
  });

  it.each([
    ['en', ''],
    ['en', 'twelve'],
    ['it', '1.2.3'],
    ['en', '1,2,3.4.5'],
    ['en', '--1'],
  ] as const)('%s refuses %j', (language, text) => {
    expect(parseLocaleNumber(text, language)).toBeNull();
  });

  it('reads a target in the metric’s own words and writes it back the same way', () => {
    // Money in major units of the currency, kept in minor units.
    expect(parseTarget('30,000', 'money', 'EUR', 'en')).toBe(3_000_000);
    expect(parseTarget('30.000,50', 'money', 'EUR', 'it')).toBe(3_000_050);
    expect(parseTarget('30000', 'money', 'JPY', 'en')).toBe(30_000);
    // Rates as percentages, kept as fractions.
    expect(parseTarget('40', 'fraction', 'EUR', 'en')).toBe(0.4);
    expect(parseTarget('40,5', 'fraction', 'EUR', 'it')).toBe(0.405);
    expect(parseTarget('4,3', 'rating', 'EUR', 'it')).toBe(4.3);
    expect(parseTarget('abc', 'count', 'EUR', 'en')).toBeNull();

    expect(targetText(3_000_050, 'money', 'EUR', 'it')).toBe('30000,50');
    expect(targetText(0.405, 'fraction', 'EUR', 'it')).toBe('40,5');
    expect(targetText(0.07, 'fraction', 'EUR', 'en')).toBe('7');
    expect(targetText(4.3, 'rating', 'EUR', 'en')).toBe('4.3');
  });
});

describe('values in the metric’s unit', () => {
  it.each([
    [3_000_000, 'money', 'en-GB', '€30,000.00'],
    [3_000_050, 'money', 'it-IT', '30.000,50\u00a0€'],
    [0.405, 'fraction', 'en-GB', '40.5%'],
    [4, 'rating', 'en-GB', '4.0'],
    [4.256, 'rating', 'en-GB', '4.26'],
    [32, 'score', 'en-GB', '+32'],
    [-8, 'score', 'en-GB', '-8'],
    [27.75, 'count', 'en-GB', '27.8'],
    [0.0349, 'count', 'en-GB', '0.035'],
    [0.25, 'number', 'it-IT', '0,25'],
    [1234.5678, 'number', 'en-GB', '1,234.57'],
    [30, 'minutes', 'en-GB', '30 mins'],
    [1250.55, 'minutes', 'it-IT', '1.250,6 min'],
  ] as const)('%d %s in %s is %s', (value, unit, locale, text) => {
    expect(formatValue(value, unit, 'EUR', locale)).toBe(text);
  });

  it('shortens money for a chart axis only from a million, in the language', () => {
    expect(formatValue(3_000_000, 'money', 'EUR', 'en-GB', { compact: true })).toBe('€30,000');
    expect(formatValue(80_000_000, 'money', 'EUR', 'it-IT', { compact: true })).toBe('800.000\u00a0€');
    expect(formatValue(250_000_000, 'money', 'EUR', 'it-IT', { compact: true })).toBe('2,5\u00a0Mln\u00a0€');
  });

  it('never rounds a chance to a certainty it is not', () => {
    expect(formatChance(0.64, 'en-GB')).toBe('64%');
    expect(formatChance(0.003, 'en-GB')).toBe('<1%');
    expect(formatChance(0.9991, 'en-GB')).toBe('>99%');
    expect(formatChance(0, 'en-GB')).toBe('0%');
    expect(formatChance(1, 'en-GB')).toBe('100%');
  });
});

describe('what an edit records', () => {
  const fixed = goalFixture();
  const period = fixed.period;

  it('calls a lower "at least" target or a later deadline easing, and a harder target only a change', () => {
    expect(changesOf(fixed, { target: 2_500_000, period })).toEqual({ target: true, deadline: false, easing: true });
    expect(changesOf(fixed, { target: 3_500_000, period })).toEqual({ target: true, deadline: false, easing: false });
    expect(
      changesOf(fixed, { target: 3_000_000, period: { kind: 'fixed', from: '2026-03-01', to: '2026-04-15' } }),
    ).toEqual({ target: false, deadline: true, easing: true });
    expect(
      changesOf(fixed, { target: 3_000_000, period: { kind: 'fixed', from: '2026-03-01', to: '2026-03-20' } }),
    ).toEqual({ target: false, deadline: true, easing: false });
    expect(changesOf(fixed, { target: 3_000_000, period })).toEqual({ target: false, deadline: false, easing: false });
  });

  it('reads "at most" the other way round: a higher limit is easier', () => {
    const cap = goalFixture({ direction: 'at_most' });
    expect(changesOf(cap, { target: 3_500_000, period }).easing).toBe(true);
    expect(changesOf(cap, { target: 2_500_000, period }).easing).toBe(false);
  });
});

describe('the goal form against the contract', () => {
  const ctx = { language: 'en', currency: 'EUR' } as const;
  const form = (patch: Partial<GoalFormValues>): GoalFormValues => ({
    ...emptyGoalForm('2026-03-01'),
    title: 'March revenue',
    target: '30,000',
    to: '2026-03-31',
    ...patch,
  });

  it('turns what was typed into the contract’s input', () => {
    const check = validateGoal(
      form({
        milestones: [
          { key: 0, kind: 'target', title: 'Half way', date: '2026-03-15', target: '15,000', auto: true },
          { key: 1, kind: 'step', title: 'Call the ten best customers', date: '2026-03-06', target: '', auto: true },
        ],
        segments: ['SMB'],
        weight: '2',
      }),
      ctx,
    );
    expect(check.ok && check.input).toMatchObject({
      title: 'March revenue',
      metric: 'revenue',
      customName: null,
      direction: 'at_least',
      target: 3_000_000,
      period: { kind: 'fixed', from: '2026-03-01', to: '2026-03-31' },
      milestones: [
        { kind: 'target', title: 'Half way', date: '2026-03-15', target: 1_500_000, auto: true },
        { kind: 'step', title: 'Call the ten best customers', date: '2026-03-06' },
      ],
      filters: { productIds: [], segments: ['SMB'], techniqueIds: [] },
      weight: 2,
    });
  });

  it('names each problem by the schema’s path, in the screens’ own keys', () => {
    const fields = validateGoal(form({ title: '', weight: '0' }), ctx);
    expect(fields.ok ? {} : fields.errors).toEqual({ title: 'errors.required', weight: 'errors.goalWeight' });
    // The schema checks across fields (bounds by metric, milestones in the period) once each field is fine.
    const across = validateGoal(
      form({
        metric: 'win_rate',
        target: '140',
        milestones: [{ key: 0, kind: 'step', title: 'Kick-off', date: '2026-04-02', target: '', auto: true }],
      }),
      ctx,
    );
    expect(across.ok ? {} : across.errors).toEqual({
      target: 'errors.goalPercent',
      'milestones.0.date': 'errors.milestoneOutsidePeriod',
    });
  });

  it('asks a custom metric what it counts, and drops filters it cannot use', () => {
    const nameless = validateGoal(form({ metric: 'custom', target: '200', productIds: [1] }), ctx);
    expect(nameless.ok ? {} : nameless.errors).toEqual({ customName: 'errors.required' });
    const named = validateGoal(
      form({ metric: 'custom', customName: 'cold calls', target: '200', productIds: [1], category: 'loyalty' }),
      ctx,
    );
    expect(named.ok && named.input).toMatchObject({
      customName: 'cold calls',
      target: 200,
      filters: { productIds: [], segments: [], techniqueIds: [] },
      category: 'loyalty',
    });
  });

  it('says which number could not be read, and that a count is whole', () => {
    const check = validateGoal(form({ target: 'lots' }), ctx);
    expect(check.ok ? {} : check.errors).toEqual({ target: 'errors.amount' });
    const deals = validateGoal(form({ metric: 'deals_won', target: '12.5' }), ctx);
    expect(deals.ok ? {} : deals.errors).toEqual({ target: 'errors.wholeNumber' });
  });
});

describe('the detail chart’s data', () => {
  const palette = { actual: 'a', pace: 'p', target: 't', forecast: 'f', range: 'r', milestone: 'm', surface: 's' };
  const labels = {
    actual: 'Actual',
    pace: 'Pace',
    target: 'Target',
    forecast: 'Forecast',
    range: 'Range',
    milestones: 'Milestones',
  };
  const chart: GoalChart = {
    from: '2026-03-01',
    to: '2026-03-10',
    today: '2026-03-05',
    actual: [0, 1, 1, 3, 4].map((value, i) => ({ date: `2026-03-0${i + 1}`, value })),
    pace: Array.from({ length: 10 }, (_, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, value: i + 1 })),
    cone: [
      { date: '2026-03-05', low: 4, median: 4, high: 4 },
      { date: '2026-03-10', low: 6, median: 9, high: 12 },
    ],
    target: [
      { date: '2026-03-01', value: 12 },
      { date: '2026-03-04', value: 10 },
      { date: '2026-03-10', value: 10 },
    ],
    milestones: [
      {
        title: 'Half',
        kind: 'target',
        date: '2026-03-05',
        target: 5,
        reached: false,
        reachedOn: null,
        overdue: false,
        value: 5,
      },
      {
        title: 'Kick-off',
        kind: 'step',
        date: '2026-03-02',
        target: null,
        reached: true,
        reachedOn: '2026-03-02',
        overdue: false,
        value: null,
      },
    ],
    breaks: [{ from: '2026-03-07', to: '2026-03-08', label: 'Weekend away' }],
    events: [{ date: '2026-03-04', field: 'target', from: 12, to: 10, easing: true, note: '' }],
  };
  const data = goalChartData(chart, palette, labels);
  const byRole = (role: string) => data.datasets.find((d) => d.role === role)!;

  it('puts each day at its number from the first day', () => {
    expect(byRole('actual').data).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 1 },
      { x: 3, y: 3 },
      { x: 4, y: 4 },
    ]);
    expect(byRole('pace').data).toHaveLength(10);
    expect(data.x).toEqual({ min: 0, max: 9, ticks: [1, 8] });
    expect(data.today).toBe(4);
  });

  it('fills the forecast range between its low and high edges, with the median on it', () => {
    const order = data.datasets.map((d) => d.role);
    // The filler fills to the dataset just before: the low edge must come right before the high.
    expect(order.indexOf('rangeHigh')).toBe(order.indexOf('rangeLow') + 1);
    expect(byRole('rangeHigh')).toMatchObject({ fill: '-1', backgroundColor: 'r', inLegend: true });
    expect(byRole('rangeLow')).toMatchObject({ fill: false, inLegend: false });
    expect(byRole('rangeLow').data).toEqual([
      { x: 4, y: 4 },
      { x: 9, y: 6 },
    ]);
    expect(byRole('forecast').data).toEqual([
      { x: 4, y: 4 },
      { x: 9, y: 9 },
    ]);
  });

  it('draws the target as steps that hold until the next change, and marks easing', () => {
    expect(byRole('target')).toMatchObject({ stepped: 'before' });
    expect(byRole('target').data).toEqual([
      { x: 0, y: 12 },
      { x: 3, y: 10 },
      { x: 9, y: 10 },
    ]);
    expect(data.events).toEqual([{ x: 3, field: 'target', easing: true }]);
  });

  it('places milestones at their value, a checklist step on the pace line, reached ones filled in', () => {
    expect(byRole('milestones').data).toEqual([
      { x: 4, y: 5, title: 'Half', reached: false },
      // The pace on 2 March (the second day) is 2.
      { x: 1, y: 2, title: 'Kick-off', reached: true },
    ]);
    expect(byRole('milestones').pointBackgroundColor).toEqual(['s', 'm']);
    expect(byRole('milestones').showLine).toBe(false);
  });

  it('shades breaks from the start of their first day to the end of their last', () => {
    expect(data.breaks).toEqual([{ from: 5.5, to: 7.5, label: 'Weekend away' }]);
  });

  it('leaves the forecast out of the legend when there is none to draw', () => {
    const none = goalChartData({ ...chart, cone: [] }, palette, labels);
    expect(none.datasets.filter((d) => d.inLegend).map((d) => d.role)).toEqual([
      'pace',
      'target',
      'actual',
      'milestones',
    ]);
  });

  it('has no today line when today is outside the period', () => {
    expect(goalChartData({ ...chart, today: '2026-04-02' }, palette, labels).today).toBeNull();
  });
});

describe('the chart’s table', () => {
  const chart = detailFixture().chart;
  const weeks = detailFixture().chartTable;

  it('adds today between the week ends around it, with the chart’s values for the day', () => {
    const rows = tableRows(weeks, chart);
    expect(rows.map((r) => [r.date, r.today])).toEqual([
      ['2026-03-01', false],
      ['2026-03-08', false],
      ['2026-03-15', false],
      ['2026-03-16', true],
      ['2026-03-22', false],
      ['2026-03-29', false],
      ['2026-03-31', false],
    ]);
    expect(rows[3]).toEqual({
      date: '2026-03-16',
      actual: 1_400_000,
      expected: 1_500_000,
      low: null,
      high: null,
      today: true,
    });
  });

  it('marks a week end that is today instead of adding a row, and adds none outside the period', () => {
    expect(
      tableRows(weeks, { ...chart, today: '2026-03-15' })
        .filter((r) => r.today)
        .map((r) => r.date),
    ).toEqual(['2026-03-15']);
    expect(tableRows(weeks, { ...chart, today: '2026-04-02' })).toHaveLength(weeks.length);
  });
});

describe('chart ticks', () => {
  it('falls on Mondays for a month', () => {
    // March 2026 starts on a Sunday: Mondays are the 2nd, 9th, 16th, 23rd and 30th.
    expect(chartTicks('2026-03-01', '2026-03-31')).toEqual([1, 8, 15, 22, 29]);
  });

  it('falls on the 1st and 16th for a quarter', () => {
    // April has 30 days and May 31: 1 May is day 30, 1 June day 61.
    expect(chartTicks('2026-04-01', '2026-06-30')).toEqual([0, 15, 30, 45, 61, 76]);
  });

  it('falls on each month’s first day for a year', () => {
    const ticks = chartTicks('2026-01-01', '2026-12-31');
    expect(ticks).toHaveLength(12);
    expect(ticks.slice(0, 3)).toEqual([0, 31, 59]);
  });
});

describe('the scorecard chart’s data', () => {
  const PALETTE = {
    score: 's',
    surface: 'bg',
    volume: 'v',
    quality: 'q',
    loyalty: 'l',
    fill: (c: string) => `${c}/fill`,
  };
  const LABELS = { score: 'Score', volume: 'Volume', quality: 'Quality', loyalty: 'Loyalty' };
  const [january, february] = scorecardFixture().periods as [
    Scorecard['periods'][number],
    Scorecard['periods'][number],
  ];
  const month = (from: string, to: string) => ({ ...february, from, to });

  it('has one label per period, the score as a line over a bar per side, none where a side had no goal', () => {
    const data = scorecardChartData(scorecardFixture(), PALETTE, LABELS, '2026-11-27');
    expect(data.labels).toEqual(['2026-01-01', '2026-02-01']);
    expect(data.datasets.map((d) => [d.role, d.type, d.data])).toEqual([
      ['score', 'line', [70, (0.4 * 100 + 0.3 * 80) / 0.7]],
      ['volume', 'bar', [70, 100]],
      ['quality', 'bar', [null, 80]],
      ['loyalty', 'bar', [null, null]],
    ]);
    // The line is drawn last (lowest order), over the bars; it breaks where a period has no score.
    expect(data.datasets[0]).toMatchObject({ order: 0, spanGaps: false });
    expect(data.datasets.slice(1).map((d) => [d.order, d.backgroundColor])).toEqual([
      [1, 'v/fill'],
      [1, 'q/fill'],
      [1, 'l/fill'],
    ]);
    expect(data.unfinished).toBeNull();
  });

  it('leaves the months without goals as gaps, never joining March to June', () => {
    const card = scorecardFixture({
      periods: [month('2026-03-01', '2026-03-31'), month('2026-06-01', '2026-06-30')],
    });
    const data = scorecardChartData(card, PALETTE, LABELS, '2026-11-27');
    expect(data.labels).toEqual(['2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']);
    expect(data.slots.map((slot) => [slot.from, slot.to, slot.period === null])).toEqual([
      ['2026-03-01', '2026-03-31', false],
      ['2026-04-01', '2026-04-30', true],
      ['2026-05-01', '2026-05-31', true],
      ['2026-06-01', '2026-06-30', false],
    ]);
    expect(data.datasets[0]!.data).toEqual([february.score, null, null, february.score]);
    expect(data.datasets[0]).toMatchObject({ spanGaps: false });
    expect(data.datasets[1]!.data).toEqual([100, null, null, 100]);
  });

  it('steps quarters, years and weeks across the new year', () => {
    const slots = (every: Scorecard['every'], froms: string[]) =>
      scorecardSlots(scorecardFixture({ every, periods: froms.map((from) => ({ ...january, from, to: from })) })).map(
        (slot) => slot.from,
      );
    expect(slots('quarterly', ['2025-10-01', '2026-07-01'])).toEqual([
      '2025-10-01',
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
    ]);
    expect(slots('yearly', ['2024-01-01', '2026-01-01'])).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    expect(slots('weekly', ['2025-12-22', '2026-01-05'])).toEqual(['2025-12-22', '2025-12-29', '2026-01-05']);
  });

  it('marks the period still running with a hollow point', () => {
    const card = scorecardFixture({
      periods: [month('2026-09-01', '2026-09-30'), month('2026-11-01', '2026-11-30')],
    });
    const data = scorecardChartData(card, PALETTE, LABELS, '2026-11-27');
    expect(data.unfinished).toBe(2);
    expect(data.datasets[0]!.pointBackgroundColor).toEqual(['s', 's', 'bg']);
  });
});

describe('period presets', () => {
  it.each([
    ['month', '2026-02-10', '2026-02-01', '2026-02-28'],
    ['month', '2028-02-29', '2028-02-01', '2028-02-29'],
    ['quarter', '2026-11-27', '2026-10-01', '2026-12-31'],
    ['quarter', '2026-05-01', '2026-04-01', '2026-06-30'],
    ['year', '2026-07-15', '2026-01-01', '2026-12-31'],
  ] as const)('%s around %s is %s to %s', (preset, today, from, to) => {
    expect(presetPeriod(preset, today)).toEqual({ from, to });
  });
});

describe('timeline rows', () => {
  it('gives a recurring goal one row for all its periods, in the order of first appearance', () => {
    const rows = timelineRows([
      barFixture({ id: 2, title: 'Deals', from: '2026-01-01' }),
      barFixture({ id: 7 }),
      barFixture({ id: 2, title: 'Deals', from: '2026-02-01' }),
    ]);
    expect(rows.map((r) => [r.id, r.bars.map((b) => b.from)])).toEqual([
      [2, ['2026-01-01', '2026-02-01']],
      [7, ['2026-03-01']],
    ]);
  });
});
