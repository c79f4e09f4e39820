import { addDays, daysBetween } from '../../../src-main/shared/dates';
import type {
  Goal,
  GoalDetail,
  GoalMilestone,
  GoalNudges,
  GoalSummary,
  GoalTimeline,
  PeriodResult,
  Scorecard,
} from '../../../src-main/features/goals/contract/api';

/*
 * Goals as the backend sends them, small and hand-made so each test can say where its
 * expected numbers come from. The fake API parses every reply with the contract, so these
 * cannot drift from it. The headline goal: €30,000 of revenue in March 2026 (22 working
 * days), looked at on Monday 16 March with €14,000 done against €15,000 expected.
 */

export const AS_OF = '2026-03-16';

export function goalFixture(patch: Partial<Goal> = {}): Goal {
  return {
    id: 7,
    title: 'March revenue',
    metric: 'revenue',
    customName: null,
    direction: 'at_least',
    aggregation: 'sum',
    unit: 'money',
    currency: 'EUR',
    target: 3_000_000,
    period: { kind: 'fixed', from: '2026-03-01', to: '2026-03-31' },
    calendar: null,
    filters: { productIds: [], segments: [], techniqueIds: [] },
    category: 'volume',
    weight: 1,
    archived: false,
    createdAt: '2026-02-20T09:00:00.000Z',
    updatedAt: '2026-02-20T09:00:00.000Z',
    ...patch,
  };
}

/** A recurring goal beside that one: 20 deals won each month, counted from `since`. */
export function monthlyDealsFixture(since: string, patch: Partial<Goal> = {}): Goal {
  return goalFixture({
    title: 'Deals won each month',
    metric: 'deals_won',
    aggregation: 'count',
    unit: 'count',
    currency: null,
    target: 20,
    period: { kind: 'recurring', every: 'monthly', since, weekStartsOn: 1 },
    ...patch,
  });
}

/** A goal.behind item: the headline goal's numbers, behind pace in `period` (March 2026 by default). */
export function behindNudge(
  goalId: number,
  title: string,
  period: GoalNudges['items'][number]['period'] = { from: '2026-03-01', to: '2026-03-31' },
): GoalNudges['items'][number] {
  return {
    goalId,
    title,
    status: 'behind',
    actual: 1_400_000,
    expected: 1_500_000,
    target: 3_000_000,
    unit: 'money',
    currency: 'EUR',
    period,
  };
}

export function milestoneFixture(patch: Partial<GoalMilestone> = {}): GoalMilestone {
  return {
    id: 11,
    title: 'Call the ten best customers',
    kind: 'step',
    date: '2026-03-06',
    target: null,
    reached: false,
    reachedOn: null,
    overdue: true,
    auto: false,
    ...patch,
  };
}

type Pace = GoalSummary['pace'];

export function paceFixture(patch: Partial<Pace> = {}): Pace {
  return {
    from: '2026-03-01',
    to: '2026-03-31',
    asOf: AS_OF,
    model: 'linear',
    target: 3_000_000,
    actual: 1_400_000,
    expected: 1_500_000,
    difference: -100_000,
    // (14,000 − 15,000) / 15,000: between −5 % and −20 %, so behind.
    gap: -1 / 15,
    status: 'behind',
    progress: 1_400_000 / 3_000_000,
    workingDays: { total: 22, elapsed: 11, remaining: 11 },
    // €16,000 still to make over 11 working days, five of them a week.
    requiredPerDay: 1_600_000 / 11,
    requiredPerWeek: (1_600_000 / 11) * 5,
    bufferDays: 0,
    final: false,
    ...patch,
  };
}

export function summaryFixture(patch: Partial<GoalSummary> = {}): GoalSummary {
  const goal = patch.goal ?? goalFixture();
  return {
    goal,
    asOf: AS_OF,
    period: { from: '2026-03-01', to: '2026-03-31' },
    phase: 'active',
    pace: paceFixture(),
    forecast: { probability: 0.64, projected: 3_120_000, low: 2_690_000, high: 3_540_000, method: 'block_bootstrap' },
    milestones: [],
    streaks: null,
    ...patch,
  };
}

/** Every day of `from`…`to` with `value(i)` for the i-th day. */
function days(from: string, to: string, value: (i: number) => number | null): { date: string; value: number | null }[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => ({ date: addDays(from, i), value: value(i) }));
}

export function detailFixture(patch: Partial<GoalDetail> = {}): GoalDetail {
  const summary = summaryFixture({
    milestones: [
      milestoneFixture(),
      milestoneFixture({
        id: 12,
        title: 'Half way',
        kind: 'target',
        date: '2026-03-15',
        target: 1_500_000,
        auto: true,
      }),
    ],
    ...patch,
  });
  const { from, to } = summary.period;
  return {
    ...summary,
    forecastDetail: {
      probability: summary.forecast.probability,
      projected: summary.forecast.projected,
      low: summary.forecast.low,
      high: summary.forecast.high,
      path: [{ date: '2026-03-31', low: 2_690_000, median: 3_120_000, high: 3_540_000 }],
      linear: { projected: 2_800_000, meetsTarget: false },
      basis: {
        method: 'block_bootstrap',
        samples: 2000,
        blockLength: 5,
        historyWorkingDays: 212,
        historyFrom: '2025-05-01',
        historyTo: AS_OF,
        minimumWorkingDays: 10,
        remainingWorkingDays: 11,
        interval: [0.1, 0.9],
      },
    },
    calendar: { weekdays: [1, 2, 3, 4, 5], breaks: [] },
    changes: [],
    chart: {
      from,
      to,
      today: AS_OF,
      // €875 a day, and a good Monday: €14,000 by today.
      actual: days(from, AS_OF, (i) => (i < 15 ? i * 87_500 : 1_400_000)),
      pace: days(from, to, (i) => (i * 3_000_000) / 30),
      cone: [
        { date: AS_OF, low: 1_400_000, median: 1_400_000, high: 1_400_000 },
        { date: '2026-03-31', low: 2_690_000, median: 3_120_000, high: 3_540_000 },
      ],
      target: [
        { date: from, value: 3_000_000 },
        { date: to, value: 3_000_000 },
      ],
      milestones: [],
      breaks: [],
      events: [],
    },
    chartTable: [
      { date: '2026-03-01', actual: 0, expected: 0, low: null, high: null },
      { date: '2026-03-08', actual: 612_500, expected: 681_818.18, low: null, high: null },
      { date: '2026-03-15', actual: 1_312_500, expected: 1_363_636.36, low: null, high: null },
      { date: '2026-03-22', actual: null, expected: 2_045_454.55, low: 1_850_000, high: 2_300_000 },
      { date: '2026-03-29', actual: null, expected: 2_727_272.73, low: 2_450_000, high: 3_200_000 },
      { date: '2026-03-31', actual: null, expected: 3_000_000, low: 2_690_000, high: 3_540_000 },
    ],
    history: { periods: [], streaks: { achieved: 0, missed: 0, current: 0, longest: 0, currentMissed: 0 } },
    ...patch,
  };
}

type Bar = GoalTimeline['bars'][number];

/**
 * A closed period of an "at least `target`" goal: `valueAtClose` as recorded the morning after
 * it ended, and `valueNow` as the data says today (the same unless a sale moved since).
 */
export function closedPeriodFixture(
  from: string,
  to: string,
  target: number,
  valueAtClose: number,
  valueNow = valueAtClose,
): PeriodResult {
  const result = (value: number) => ({
    value,
    progress: Math.min(1, value / target),
    outcome: value >= target ? ('achieved' as const) : ('missed' as const),
  });
  return {
    from,
    to,
    target,
    atClose: { ...result(valueAtClose), recordedAt: `${addDays(to, 1)}T08:00:00.000Z` },
    now: result(valueNow),
    changed: valueNow !== valueAtClose,
  };
}

export function barFixture(patch: Partial<Bar> = {}): Bar {
  return {
    id: 7,
    title: 'March revenue',
    metric: 'revenue',
    status: 'behind',
    progress: 0.47,
    from: '2026-03-01',
    to: '2026-03-31',
    start: 0 / 92,
    end: 31 / 92,
    continuesBefore: false,
    continuesAfter: false,
    milestones: [],
    ...patch,
  };
}

/** Q1 2026: 90 days (January 31, February 28, March 31), ticks on each month's first day. */
export function timelineFixture(patch: Partial<GoalTimeline> = {}): GoalTimeline {
  return {
    zoom: 'quarter',
    window: { from: '2026-01-01', to: '2026-03-31' },
    previous: '2025-12-31',
    next: '2026-04-01',
    asOf: AS_OF,
    // The middle of 16 March, the 75th day: (74 + 0.5) / 90.
    today: 74.5 / 90,
    ticks: [
      { date: '2026-01-01', at: 0 },
      { date: '2026-02-01', at: 31 / 90 },
      { date: '2026-03-01', at: 59 / 90 },
    ],
    bars: [],
    plan: [],
    ...patch,
  };
}

export function scorecardFixture(patch: Partial<Scorecard> = {}): Scorecard {
  const side = (score: number | null, goals: number) => ({ score, goals });
  return {
    every: 'monthly',
    weights: { volume: 0.4, quality: 0.3, loyalty: 0.3 },
    periods: [
      {
        from: '2026-01-01',
        to: '2026-01-31',
        score: 70,
        sides: { volume: side(70, 1), quality: side(null, 0), loyalty: side(null, 0) },
        achieved: 0,
        missed: 1,
        open: 0,
        goals: [],
      },
      {
        from: '2026-02-01',
        to: '2026-02-28',
        // (0.4 × 100 + 0.3 × 80) / (0.4 + 0.3): the sides present, by their weights.
        score: (0.4 * 100 + 0.3 * 80) / 0.7,
        sides: { volume: side(100, 1), quality: side(80, 1), loyalty: side(null, 0) },
        achieved: 1,
        missed: 1,
        open: 0,
        goals: [],
      },
    ],
    ...patch,
  };
}
