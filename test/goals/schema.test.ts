import { describe, expect, it } from 'vitest';
import {
  GoalDefinition,
  goalAggregation,
  METRICS,
  type GoalDefinitionInput,
} from '../../src-main/features/goals/contract/definition';

const revenue: GoalDefinitionInput = {
  title: 'Q1 revenue',
  metric: 'revenue',
  target: 5_000_000,
  period: { kind: 'fixed', from: '2027-01-01', to: '2027-03-31' },
};

const issues = (input: unknown): { path: string; message: string }[] => {
  const result = GoalDefinition.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('goal definition', () => {
  it('fills the defaults: at least, Monday to Friday, no breaks, natural aggregation', () => {
    const goal = GoalDefinition.parse(revenue);
    expect(goal.direction).toBe('at_least');
    expect(goal.calendar).toEqual({ weekdays: [1, 2, 3, 4, 5], breaks: [] });
    expect(goal.weight).toBe(1);
    expect(goalAggregation(goal)).toBe('sum');
    expect(goalAggregation(GoalDefinition.parse({ ...revenue, metric: 'win_rate', target: 0.4 }))).toBe('rate');
    expect(
      GoalDefinition.parse({ ...revenue, period: { kind: 'recurring', every: 'monthly', since: '2027-01-01' } }).period,
    ).toEqual({ kind: 'recurring', every: 'monthly', since: '2027-01-01', weekStartsOn: 1 });
  });

  it('gives every metric a natural aggregation, a unit and a scorecard side', () => {
    expect(METRICS.deals_won).toMatchObject({ aggregation: 'count', category: 'volume' });
    expect(METRICS.avg_satisfaction).toMatchObject({ aggregation: 'average', category: 'quality', min: 1, max: 5 });
    expect(METRICS.repeat_customers).toMatchObject({ aggregation: 'count', category: 'loyalty' });
    expect(METRICS.checkins_on_time).toMatchObject({ aggregation: 'rate', unit: 'fraction' });
  });

  it('lets only a custom metric choose its aggregation, and a custom metric needs a name', () => {
    expect(issues({ ...revenue, aggregation: 'average' })).toEqual([
      { path: 'aggregation', message: 'errors.invalid' },
    ]);
    expect(issues({ ...revenue, metric: 'custom', aggregation: 'latest' })).toEqual([
      { path: 'customName', message: 'errors.required' },
    ]);
    const custom = GoalDefinition.parse({ ...revenue, metric: 'custom', customName: 'Calls', aggregation: 'count' });
    expect(goalAggregation(custom)).toBe('count');
  });

  it.each<[Partial<GoalDefinitionInput>, string, string]>([
    [{ metric: 'win_rate', target: 1.2 }, 'target', 'errors.goalPercent'],
    [{ metric: 'avg_satisfaction', target: 0.5 }, 'target', 'errors.satisfaction'],
    [{ metric: 'nps', target: -101 }, 'target', 'errors.goalScore'],
    [{ target: -1 }, 'target', 'errors.goalNegative'],
    [{ weight: 0 }, 'weight', 'errors.goalWeight'],
    [{ calendar: { weekdays: [], breaks: [] } }, 'calendar.weekdays', 'errors.weekdaysRequired'],
    [{ target: 100.5 }, 'target', 'errors.wholeNumber'],
    [{ metric: 'deals_won', target: 2.5 }, 'target', 'errors.wholeNumber'],
    [{ period: { kind: 'fixed', from: '2027-03-31', to: '2027-01-01' } }, 'period.to', 'errors.rangeOrder'],
    [{ period: { kind: 'fixed', from: '2027-02-29', to: '2027-03-31' } }, 'period.from', 'errors.date'],
    [{ title: '  ' }, 'title', 'errors.required'],
    [
      { calendar: { weekdays: [1, 2, 3], breaks: [{ from: '2027-01-10', to: '2027-01-02' }] } },
      'calendar.breaks.0.to',
      'errors.rangeOrder',
    ],
    [{ calendar: { weekdays: [1, 1, 2], breaks: [] } }, 'calendar.weekdays', 'errors.invalid'],
    [
      { milestones: [{ kind: 'step', title: 'Plan', date: '2027-04-02' }] },
      'milestones.0.date',
      'errors.milestoneOutsidePeriod',
    ],
  ])('refuses %j', (change, path, message) => {
    expect(issues({ ...revenue, ...change })).toContainEqual({ path, message });
  });
});
