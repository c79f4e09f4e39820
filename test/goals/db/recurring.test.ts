import { describe, expect, it } from 'vitest';
import { FIXED_NOW } from '../../helpers/store';
import { adaForEachTest, count, seed } from './helpers';

/**
 * Recurring goals across month, quarter and year ends. Won sales fall on both sides of each
 * boundary; FIXED_NOW is 15 June 2026, so November 2025 to May 2026 are closed.
 *
 *   Nov 2025: 30th                   → 1
 *   Dec 2025: 1st, 31st              → 2
 *   Jan 2026: 1st, 31st              → 2
 *   Feb 2026: 1st, 28th              → 2
 *   Mar 2026: 1st                    → 1
 *   Apr 2026: 1st, 30th              → 2
 *   May 2026: 31st                   → 1
 *   Jun 2026: 1st                    → 1 so far
 */
const DAYS = [
  '2025-11-30',
  '2025-12-01',
  '2025-12-31',
  '2026-01-01',
  '2026-01-31',
  '2026-02-01',
  '2026-02-28',
  '2026-03-01',
  '2026-04-01',
  '2026-04-30',
  '2026-05-31',
  '2026-06-01',
];

const { t, call } = adaForEachTest((s) => {
  DAYS.forEach((on, i) => s.sale({ id: i + 1, customer: 1, status: 'won', on }));
});

const monthly = {
  title: 'Two deals a month',
  metric: 'deals_won',
  target: 2,
  // Since the middle of November: the first period is all of November.
  period: { kind: 'recurring', every: 'monthly', since: '2025-11-10' },
} as const;

describe('recurring periods', () => {
  it('keeps each closed month apart at month and year ends, records them once, and counts streaks', async () => {
    const { id } = await call('goals.create', monthly);
    const detail = await call('goals.get', { id });
    expect(detail.period).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(detail.pace).toMatchObject({ actual: 1, target: 2 });
    expect(detail.history.periods.map((p) => [p.from, p.to, p.atClose.value, p.atClose.outcome])).toEqual([
      ['2026-05-01', '2026-05-31', 1, 'missed'],
      ['2026-04-01', '2026-04-30', 2, 'achieved'],
      ['2026-03-01', '2026-03-31', 1, 'missed'],
      ['2026-02-01', '2026-02-28', 2, 'achieved'],
      ['2026-01-01', '2026-01-31', 2, 'achieved'],
      ['2025-12-01', '2025-12-31', 2, 'achieved'],
      ['2025-11-01', '2025-11-30', 1, 'missed'],
    ]);
    expect(detail.history.periods.every((p) => p.atClose.recordedAt === FIXED_NOW.toISOString())).toBe(true);
    expect(detail.history.streaks).toEqual({ achieved: 4, missed: 3, current: 0, longest: 3, currentMissed: 1 });
    expect((await call('goals.list', {})).items[0]!.streaks).toEqual(detail.history.streaks);
    expect(count(t, 'goal_period_results')).toBe(7);
    await call('goals.get', { id });
    expect(count(t, 'goal_period_results')).toBe(7);
  });

  it('shows a closed period "at close" and "now" when the data changes later, and never rewrites it', async () => {
    const { id } = await call('goals.create', monthly);
    await call('goals.get', { id });
    // A March deal recorded late, and the target eased today: March was judged against 2.
    seed(t).sale({ id: 99, customer: 1, status: 'won', on: '2026-03-15' });
    await call('goals.update', { id, goal: { ...monthly, target: 1 } });
    const march = (await call('goals.get', { id })).history.periods.find((p) => p.from === '2026-03-01')!;
    expect(march).toMatchObject({
      target: 2,
      atClose: { value: 1, outcome: 'missed', progress: 0.5 },
      now: { value: 2, outcome: 'achieved', progress: 1 },
      changed: true,
    });
    expect(
      t.store.sqlite.prepare(`SELECT value, outcome FROM goal_period_results WHERE from_on = '2026-03-01'`).get(),
    ).toEqual({ value: 1, outcome: 'missed' });
  });

  it('judges a period first seen closed against the target in force at its end', async () => {
    const { id } = await call('goals.create', { ...monthly, target: 3 });
    // Eased to 2 today, before anyone looked: the closed months were still due 3.
    await call('goals.update', { id, goal: monthly });
    const periods = (await call('goals.get', { id })).history.periods;
    expect(periods.every((p) => p.target === 3 && p.atClose.outcome === 'missed')).toBe(true);
    expect((await call('goals.get', { id })).pace.target).toBe(2);
  });

  it('closes quarters at their ends', async () => {
    const { id } = await call('goals.create', {
      ...monthly,
      title: 'Four a quarter',
      target: 4,
      period: { kind: 'recurring', every: 'quarterly', since: '2025-10-01' },
    });
    const detail = await call('goals.get', { id });
    expect(detail.period).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(detail.pace.actual).toBe(4); // Apr 1st, Apr 30th, May 31st, Jun 1st
    expect(detail.history.periods.map((p) => [p.from, p.to, p.atClose.value, p.atClose.outcome])).toEqual([
      ['2026-01-01', '2026-03-31', 5, 'achieved'],
      ['2025-10-01', '2025-12-31', 3, 'missed'],
    ]);
  });
});
