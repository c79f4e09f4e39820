import { beforeEach, describe, expect, it } from 'vitest';
import { adaForEachTest } from './helpers';

/**
 * Issue #10, point 7: a monthly goal of 45 deals with 4 won by Thursday 3 December 2026 (the
 * 3rd of 23 working days: 5.9 expected, 32 % short) is too early to call at risk, and sends
 * no reminder. The same shortfall late in the month is at risk and is nudged.
 */
const { call } = adaForEachTest((s) => {
  for (const [id, on] of [
    [1, '2026-12-01'],
    [2, '2026-12-02'],
    [3, '2026-12-02'],
    [4, '2026-12-03'],
  ] as const)
    s.sale({ id, customer: 1, status: 'won', on });
});
let goal: number;

beforeEach(async () => {
  ({ id: goal } = await call('goals.create', {
    title: 'Deals this month',
    metric: 'deals_won',
    target: 45,
    period: { kind: 'recurring', every: 'monthly', since: '2026-12-01' },
  }));
});

describe('a goal early in its period', () => {
  it('4 of 45 deals on 3 December is not at risk and sends no reminder', async () => {
    const { pace } = await call('goals.get', { id: goal, asOf: '2026-12-03' });
    expect(pace).toMatchObject({ actual: 4, workingDays: { total: 23, elapsed: 3, remaining: 20 } });
    expect(pace.gap).toBeLessThan(-0.2); // by the plain thresholds this would be at risk
    expect(pace.status).toBe('on_track');
    expect((await call('goals.nudges', { asOf: '2026-12-03' })).items).toEqual([]);
  });

  it('still 4 deals on 21 December is at risk, and is nudged', async () => {
    const { pace } = await call('goals.get', { id: goal, asOf: '2026-12-21' });
    expect(pace.status).toBe('at_risk');
    const nudges = await call('goals.nudges', { asOf: '2026-12-21' });
    expect(nudges.items.map((i) => [i.goalId, i.status])).toEqual([[goal, 'at_risk']]);
  });
});
