import { describe, expect, it } from 'vitest';
import { adaForEachTest, count, june } from './helpers';

/**
 * Pace end to end: sales in SQLite, the work calendar in settings, goals.get on Monday 15 June
 * 2026 (FIXED_NOW). June 2026 starts on a Monday: 22 working days Monday to Friday, 11 of them
 * by the 15th. Won sales (EUR): 06-02 500.00, 06-03 2000.00, 06-12 400.00, Saturday 06-13
 * 100.00, 06-15 250.00 — 3250.00 so far.
 */
const { t, call } = adaForEachTest((s) => {
  for (const [id, on, amount] of [
    [1, '2026-06-02', 50000],
    [2, '2026-06-03', 200000],
    [3, '2026-06-12', 40000],
    [4, '2026-06-13', 10000],
    [5, '2026-06-15', 25000],
  ] as const)
    s.sale({ id, customer: 1, amount, status: 'won', on });
});

const revenue = (target: number) => june({ metric: 'revenue', target });

describe('pace through the database', () => {
  it('spreads the target over working days; a Saturday sale counts, the Saturday does not', async () => {
    const { id } = await call('goals.create', revenue(500000));
    const { pace, phase, period } = await call('goals.get', { id });
    expect(phase).toBe('active');
    expect(period).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(pace).toMatchObject({
      model: 'linear',
      actual: 325000,
      expected: 250000, // 500000 × 11 / 22
      workingDays: { total: 22, elapsed: 11, remaining: 11 },
      status: 'ahead', // gap 75000 / 250000 = +30 %
      progress: 0.65,
      // The line reaches 325000 after 14.3 working days: 3 whole days of buffer.
      bufferDays: 3,
    });
    expect(pace.requiredPerDay).toBeCloseTo(175000 / 11, 9);
    expect(pace.requiredPerWeek).toBeCloseTo((175000 / 11) * 5, 9);
  });

  it('takes planned breaks off the working days (app-wide), unless the goal has its own calendar', async () => {
    const { id } = await call('goals.create', revenue(500000));
    await call('goals.calendar.set', {
      weekdays: [1, 2, 3, 4, 5],
      breaks: [{ from: '2026-06-22', to: '2026-06-26', label: 'Holiday' }],
    });
    const { pace, chart } = await call('goals.get', { id });
    // 17 working days; 11 done: expected 500000 × 11 / 17.
    expect(pace.workingDays).toEqual({ total: 17, elapsed: 11, remaining: 6 });
    expect(pace.expected).toBeCloseTo((500000 * 11) / 17, 6);
    expect(pace.status).toBe('on_track'); // +0.45 %
    expect(pace.bufferDays).toBe(0);
    expect(pace.requiredPerDay).toBeCloseTo(175000 / 6, 9);
    expect(chart.breaks).toEqual([{ from: '2026-06-22', to: '2026-06-26', label: 'Holiday' }]);
    // The pace line stays flat over the break.
    const line = new Map(chart.pace.map((p) => [p.date, p.value]));
    expect(line.get('2026-06-26')).toBe(line.get('2026-06-21'));

    // Monday to Thursday, no breaks: 18 working days in June, 9 by the 15th.
    const own = await call('goals.create', {
      ...revenue(500000),
      calendar: { weekdays: [1, 2, 3, 4], breaks: [] },
    });
    expect((await call('goals.get', { id: own.id })).pace.workingDays).toEqual({
      total: 18,
      elapsed: 9,
      remaining: 9,
    });
    expect(await call('goals.calendar.get')).toEqual({
      weekdays: [1, 2, 3, 4, 5],
      breaks: [{ from: '2026-06-22', to: '2026-06-26', label: 'Holiday' }],
    });
  });

  it('moves through the statuses as the target changes, recording each change and whether it eased the goal', async () => {
    const goal = await call('goals.create', revenue(500000));
    const statusWith = async (target: number, note?: string): Promise<string> => {
      await call('goals.update', { id: goal.id, goal: revenue(target), note });
      return (await call('goals.get', { id: goal.id })).pace.status;
    };
    // Expected by today is half the target; actual 325000.
    expect(await statusWith(600000)).toBe('on_track'); // +8.3 %
    expect(await statusWith(700000)).toBe('behind'); // −7.1 %
    expect(await statusWith(1000000, 'Aim high')).toBe('at_risk'); // −35 %
    expect(await statusWith(300000, 'Lost the big one')).toBe('achieved'); // already reached
    await call('goals.update', {
      id: goal.id,
      goal: { ...revenue(300000), period: { kind: 'fixed', from: '2026-06-01', to: '2026-07-31' } },
    });

    const detail = await call('goals.get', { id: goal.id });
    expect(detail.changes.map((c) => [c.field, c.from, c.to, c.easing, c.note])).toEqual([
      ['target', 500000, 600000, false, null],
      ['target', 600000, 700000, false, null],
      ['target', 700000, 1000000, false, 'Aim high'],
      ['target', 1000000, 300000, true, 'Lost the big one'],
      ['deadline', '2026-06-30', '2026-07-31', true, null],
    ]);
    expect(detail.changes.every((c) => c.on === '2026-06-15')).toBe(true);
    expect(detail.chart.events.filter((e) => e.easing).map((e) => e.field)).toEqual(['target', 'deadline']);
    expect(detail.chart.target[0]).toEqual({ date: '2026-06-01', value: 500000 });
    expect(detail.chart.target.at(-1)).toEqual({ date: '2026-07-31', value: 300000 });
    // An edit that changes neither records nothing.
    await call('goals.update', {
      id: goal.id,
      goal: { ...revenue(300000), title: 'Renamed', period: detail.goal.period },
    });
    expect(count(t, 'goal_changes')).toBe(5);
  });

  it('for "at most", passing the limit is final; the period over, the result stands', async () => {
    const { id } = await call('goals.create', { ...revenue(300000), direction: 'at_most', title: 'Discount budget' });
    expect((await call('goals.get', { id })).pace.status).toBe('missed');

    const calm = await call('goals.create', revenue(320000));
    const after = await call('goals.get', { id: calm.id, asOf: '2026-07-03' });
    expect(after).toMatchObject({
      phase: 'ended',
      pace: { status: 'achieved', final: true },
      forecast: { method: 'final' },
    });
    // Looked at from a day that has not come, June has not really closed: nothing is recorded.
    expect(after.history.periods).toEqual([
      expect.objectContaining({ from: '2026-06-01', atClose: expect.objectContaining({ recordedAt: null }) }),
    ]);
    expect(count(t, 'goal_period_results')).toBe(0);

    const july = await call('goals.create', {
      ...revenue(100000),
      period: { kind: 'fixed', from: '2026-07-01', to: '2026-07-31' },
    });
    expect(await call('goals.get', { id: july.id })).toMatchObject({
      phase: 'upcoming',
      pace: { status: 'on_track', actual: 0, progress: 0 },
    });
  });
});
