import { beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../src-main/shared/api';
import { adaForEachTest, count } from './helpers';

type GoalMetric = Input<'goals.create'>['metric'];

/**
 * The views over all goals, on three goals (FIXED_NOW is 15 June 2026):
 * - Deals (volume): 2 won deals a month since March. Won: 03-05, 03-20, 04-10, 06-03.
 * - Satisfaction (quality): at least 4 on average each month since April. Rated: 04-10 → 5,
 *   06-03 → 3; nothing in May.
 * - Touch points (loyalty, weight 2): 4 interactions from 1 April to 31 May. Logged: 04-02,
 *   04-20, 05-11.
 */
const { t, call } = adaForEachTest((s) => {
  s.sale({ id: 1, customer: 1, status: 'won', on: '2026-03-05' });
  s.sale({ id: 2, customer: 1, status: 'won', on: '2026-03-20' });
  s.sale({ id: 3, customer: 1, status: 'won', on: '2026-04-10', satisfaction: 5 });
  s.sale({ id: 4, customer: 1, status: 'won', on: '2026-06-03', satisfaction: 3 });
  for (const on of ['2026-04-02', '2026-04-20', '2026-05-11']) s.interaction(1, on);
});
let deals: number;
let satisfaction: number;
let touch: number;

beforeEach(async () => {
  deals = await monthlyGoal('Deals', 'deals_won', 2, '2026-03-01');
  satisfaction = await monthlyGoal('Satisfaction', 'avg_satisfaction', 4, '2026-04-01');
  touch = (
    await call('goals.create', {
      title: 'Touch points',
      metric: 'interactions',
      target: 4,
      weight: 2,
      period: { kind: 'fixed', from: '2026-04-01', to: '2026-05-31' },
    })
  ).id;
});

/** Creates a goal due every month from `since` on; its id. */
async function monthlyGoal(title: string, metric: GoalMetric, target: number, since: string): Promise<number> {
  const goal = await call('goals.create', {
    title,
    metric,
    target,
    period: { kind: 'recurring', every: 'monthly', since },
  });
  return goal.id;
}

describe('scorecard', () => {
  it('scores each month from the goals whose period ends in it, closed ones as recorded', async () => {
    // Archiving does not take a goal's past out of the scorecard.
    await call('goals.archive', { id: touch, archived: true });
    const card = await call('goals.scorecard', { from: '2026-03-01' });
    expect(card.weights).toEqual({ volume: 0.4, quality: 0.3, loyalty: 0.3 });
    const rows = card.periods.map((p) => ({
      from: p.from,
      score: p.score,
      volume: p.sides.volume.score,
      quality: p.sides.quality.score,
      loyalty: p.sides.loyalty.score,
    }));
    // March: deals achieved. April: deals 1 of 2, satisfaction 5. May: deals 0, no rating
    // (missed, 0), touch points 3 of 4. June so far: deals 1 of 2, satisfaction 3 of 4.
    expect(rows[0]).toEqual({ from: '2026-03-01', score: 100, volume: 100, quality: null, loyalty: null });
    expect(rows[1]).toMatchObject({ from: '2026-04-01', volume: 50, quality: 100, loyalty: null });
    expect(rows[1]!.score).toBeCloseTo((0.4 * 50 + 0.3 * 100) / 0.7, 9);
    expect(rows[2]).toEqual({ from: '2026-05-01', score: 22.5, volume: 0, quality: 0, loyalty: 75 });
    expect(rows[3]).toMatchObject({ from: '2026-06-01', volume: 50, quality: 75, loyalty: null });
    expect(rows[3]!.score).toBeCloseTo((0.4 * 50 + 0.3 * 75) / 0.7, 9);
    expect(card.periods[2]!.goals.map((g) => [g.title, g.from, g.to, g.status])).toEqual([
      ['Deals', '2026-05-01', '2026-05-31', 'missed'],
      ['Satisfaction', '2026-05-01', '2026-05-31', 'missed'],
      ['Touch points', '2026-04-01', '2026-05-31', 'missed'],
    ]);
    expect(card.periods[3]).toMatchObject({ open: 2, achieved: 0, missed: 0 });

    const weighted = await call('goals.scorecard', {
      from: '2026-05-01',
      to: '2026-05-31',
      weights: { volume: 1, quality: 1, loyalty: 2 },
    });
    expect(weighted.periods.map((p) => p.score)).toEqual([(2 * 75) / 4]);
  });
});

describe('timeline', () => {
  it('puts every goal on one axis: a bar per period in the window, with today marked', async () => {
    const quarter = await call('goals.timeline', { zoom: 'quarter' });
    expect(quarter.window).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    // 91 days; 15 June is the 76th.
    expect(quarter.today).toBeCloseTo(75.5 / 91, 12);
    expect(quarter.bars.map((b) => [b.title, b.from, b.to, b.status])).toEqual([
      ['Deals', '2026-04-01', '2026-04-30', 'missed'],
      ['Satisfaction', '2026-04-01', '2026-04-30', 'achieved'],
      ['Touch points', '2026-04-01', '2026-05-31', 'missed'],
      ['Deals', '2026-05-01', '2026-05-31', 'missed'],
      ['Satisfaction', '2026-05-01', '2026-05-31', 'missed'],
      ['Deals', '2026-06-01', '2026-06-30', 'on_track'],
      ['Satisfaction', '2026-06-01', '2026-06-30', 'at_risk'],
    ]);
    const bar = quarter.bars.find((b) => b.title === 'Touch points')!;
    expect([bar.start, bar.end]).toEqual([0, 61 / 91]);

    const missed = await call('goals.timeline', { zoom: 'quarter', status: ['missed'], category: 'volume' });
    expect(missed.bars.map((b) => b.from)).toEqual(['2026-04-01', '2026-05-01']);
    const march = await call('goals.timeline', { zoom: 'month', date: '2026-03-10' });
    expect(march.bars.map((b) => [b.title, b.status])).toEqual([['Deals', 'achieved']]);
    expect(march.today).toBeNull();
  });
});

describe('nudges', () => {
  it('nudges a goal behind pace at most once a day, and records it', async () => {
    // June: deals 1 of an expected 1 (on track); satisfaction 3 against 4 (at risk).
    const first = await call('goals.nudges', {});
    expect(first.items.map((i) => [i.goalId, i.status])).toEqual([[satisfaction, 'at_risk']]);
    expect(first.items[0]).toMatchObject({ actual: 3, expected: 4, target: 4, unit: 'rating' });
    expect((await call('goals.nudges', {})).items).toEqual([]);
    expect(count(t, 'goal_nudges')).toBe(1);
    // The next day it may nudge again; by then deals are behind too (1 of 2 × 12/22 expected).
    expect((await call('goals.nudges', { asOf: '2026-06-16' })).items.map((i) => i.goalId)).toEqual([
      deals,
      satisfaction,
    ]);
    // Archived goals are left alone.
    await call('goals.archive', { id: satisfaction, archived: true });
    expect((await call('goals.nudges', { asOf: '2026-06-17' })).items.map((i) => i.goalId)).toEqual([deals]);
  });
});
