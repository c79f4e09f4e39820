import { describe, expect, it } from 'vitest';
import {
  CATEGORY_WEIGHTS,
  periodHistory,
  scorecard,
  streaks,
  type GoalPeriodResult,
} from '../../src-main/features/goals/scorecard';
import type { GoalStatus } from '../../src-main/features/goals/contract/definition';

const jan = { from: '2027-01-01', to: '2027-01-31' };
const feb = { from: '2027-02-01', to: '2027-02-28' };
const results: GoalPeriodResult[] = [
  { goalId: 1, category: 'volume', weight: 2, ...feb, progress: 0.3, status: 'on_track' },
  { goalId: 4, category: 'loyalty', weight: 1, ...feb, progress: 1, status: 'achieved' },
  { goalId: 1, category: 'volume', weight: 2, ...jan, progress: 0.8, status: 'missed' },
  { goalId: 2, category: 'volume', weight: 1, ...jan, progress: 1, status: 'achieved' },
  { goalId: 3, category: 'quality', weight: 1, ...jan, progress: 0.5, status: 'missed' },
];

describe('scorecard', () => {
  it('weighs goals within a side and sides within a period', () => {
    const [january, february] = scorecard(results);
    // Volume: (2 × 0.8 + 1 × 1) / 3 = 86.7; quality 50; no loyalty goal in January.
    expect(january!.sides.volume.score).toBeCloseTo(260 / 3, 10);
    expect(january!.sides.quality).toEqual({ score: 50, goals: 1 });
    expect(january!.sides.loyalty).toEqual({ score: null, goals: 0 });
    // (0.4 × 86.7 + 0.3 × 50) / (0.4 + 0.3): loyalty's weight drops out.
    expect(january!.score).toBeCloseTo((0.4 * (260 / 3) + 0.3 * 50) / 0.7, 10);
    expect([january!.achieved, january!.missed, january!.open]).toEqual([1, 2, 0]);
    // February: volume 30 (still running), loyalty 100.
    expect(february!.from).toBe('2027-02-01');
    expect(february!.score).toBeCloseTo((0.4 * 30 + 0.3 * 100) / 0.7, 10);
    expect([february!.achieved, february!.missed, february!.open]).toEqual([1, 0, 1]);
  });

  it('states its side weights and takes others', () => {
    expect(CATEGORY_WEIGHTS).toEqual({ volume: 0.4, quality: 0.3, loyalty: 0.3 });
    const volumeOnly = scorecard(results, { volume: 1, quality: 0, loyalty: 0 });
    expect(volumeOnly.map((p) => p.score)).toEqual([expect.closeTo(260 / 3, 10), expect.closeTo(30, 10)]);
    expect(scorecard([])).toEqual([]);
  });

  it.each<[Partial<GoalPeriodResult>, string]>([
    [{ progress: 1.2 }, 'Goal 1: progress must be from 0 to 1, not 1.2.'],
    [{ weight: 0 }, 'Goal 1: the weight must be more than 0.'],
    [{ to: '2026-12-31' }, 'Goal 1: the period ends (2026-12-31) before it starts (2027-01-01).'],
    [{ category: 'speed' as never }, 'Goal 1: "speed" is not a scorecard side.'],
  ])('refuses %j', (change, message) => {
    expect(() => scorecard([{ ...results[2]!, ...change }])).toThrow(message);
  });
});

describe('history and streaks', () => {
  const record = (statuses: GoalStatus[]): { from: string; status: GoalStatus }[] =>
    statuses.map((status, i) => ({ from: `2027-${String(i + 1).padStart(2, '0')}-01`, status }));

  it('count achieved periods in a row, skipping the one still running', () => {
    const history = record(['achieved', 'achieved', 'missed', 'achieved', 'achieved', 'achieved', 'on_track']);
    expect(streaks(history)).toEqual({ achieved: 5, missed: 1, current: 3, longest: 3, currentMissed: 0 });
    expect(streaks([...history].reverse())).toEqual(streaks(history));
    expect(streaks(record(['achieved', 'missed', 'missed', 'behind']))).toEqual({
      achieved: 1,
      missed: 2,
      current: 0,
      longest: 1,
      currentMissed: 2,
    });
    expect(streaks([])).toEqual({ achieved: 0, missed: 0, current: 0, longest: 0, currentMissed: 0 });
  });

  it('keeps each past period of a recurring goal', () => {
    const history = periodHistory(
      {
        series: { '2027-01-12': 1200, '2027-02-03': 500, '2027-03-08': 900, '2027-03-30': 600, '2027-04-06': 100 },
        target: 1000,
        direction: 'at_least',
        aggregation: 'sum',
        today: '2027-04-14',
      },
      'monthly',
      '2027-01-10',
    );
    expect(history.map((h) => [h.from, h.to, h.status, h.actual])).toEqual([
      ['2027-01-01', '2027-01-31', 'achieved', 1200],
      ['2027-02-01', '2027-02-28', 'missed', 500],
      ['2027-03-01', '2027-03-31', 'achieved', 1500],
      // April so far: 100 against 10/22 of 1000 expected (−78 %).
      ['2027-04-01', '2027-04-30', 'at_risk', 100],
    ]);
    expect(history[1]!.progress).toBe(0.5);
    expect(streaks(history)).toEqual({ achieved: 2, missed: 1, current: 1, longest: 1, currentMissed: 0 });
  });
});
