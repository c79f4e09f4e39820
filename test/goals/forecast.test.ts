import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { dayNumber, isoFromDayNumber, weekdayOf } from '../../src-main/features/goals/calendar';
import { forecastGoal, type ForecastInput } from '../../src-main/features/goals/forecast';
import type { DayPoint } from '../../src-main/features/goals/contract/definition';
import { brierScore, calibrationTable, simulateGoals, type SimulatedGoal } from './simulate';

/** `valueOf` on every Monday-to-Friday from `from` through `to`. */
function weekdays<T extends number | DayPoint>(from: string, to: string, valueOf: (i: number) => T): Record<string, T> {
  const series: Record<string, T> = {};
  let i = 0;
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    const w = weekdayOf(d);
    if (w >= 1 && w <= 5) series[isoFromDayNumber(d)] = valueOf(i++);
  }
  return series;
}

// Monday 1 to Friday 12 March 2027: 10 working days, looked at on Friday 5th.
const march: ForecastInput = {
  series: weekdays('2027-02-01', '2027-03-05', () => 100),
  target: 1000,
  direction: 'at_least',
  aggregation: 'sum',
  from: '2027-03-01',
  to: '2027-03-12',
  today: '2027-03-05',
  seed: 7,
};

describe('forecast from the seller’s own days', () => {
  it('a seller who sells the same every day ends exactly on their run rate', () => {
    const forecast = forecastGoal(march);
    // 500 so far, 5 working days of 100 to come, in every simulated future.
    expect(forecast.projected).toBe(1000);
    expect(forecast.low).toBe(1000);
    expect(forecast.high).toBe(1000);
    expect(forecast.probability).toBe(1);
    expect(forecastGoal({ ...march, target: 1001 }).probability).toBe(0);
    expect(forecast.path).toEqual(
      ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12'].map((date, i) => {
        const v = 600 + 100 * i;
        return { date, low: v, median: v, high: v };
      }),
    );
    expect(forecast.linear).toEqual({ projected: 1000, meetsTarget: true });
    // February 2027 has 20 working days, March 1–5 five more.
    expect(forecast.basis).toEqual({
      method: 'block_bootstrap',
      samples: 2000,
      blockLength: 5,
      historyWorkingDays: 25,
      historyFrom: '2027-02-01',
      historyTo: '2027-03-05',
      minimumWorkingDays: 10,
      remainingWorkingDays: 5,
      interval: [0.1, 0.9],
    });
  });

  it('draws each day from the pool: half empty days, half 100, gives binomial odds', () => {
    // Block length 1: each future day is an independent draw, 100 with probability 1/2.
    // Two days remain (Thursday and Friday), so the end is +0, +100, +200 with 1/4, 1/2, 1/4.
    const input: ForecastInput = {
      ...march,
      series: weekdays('2027-02-01', '2027-03-10', (i) => (i % 2 === 0 ? 100 : 0)),
      today: '2027-03-10',
      blockLength: 1,
      samples: 20_000,
    };
    // Feb 1 … Mar 10 is 28 working days, 14 of them at 100; March 1–10 holds 4 of them.
    const current = 400;
    const at = (target: number): number => forecastGoal({ ...input, target }).probability!;
    // Standard error at 20,000 samples is at most 0.0036; 0.015 is four of them.
    expect(Math.abs(at(current + 200) - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(at(current + 100) - 0.75)).toBeLessThan(0.015);
    expect(at(current)).toBe(1);
    const forecast = forecastGoal({ ...input, target: current + 100 });
    expect(forecast.projected).toBe(current + 100);
    expect(forecast.low).toBe(current);
    expect(forecast.high).toBe(current + 200);
  });

  it('keeps weekend sales by adding them to the working day before', () => {
    // A seller who sells only on Saturdays, 500 each; the goal is the next Monday-to-Friday
    // week, looked at on the Sunday before. Each Saturday joins its Friday, so any five
    // consecutive working days of the pool hold exactly one Friday: every week brings 500.
    const saturdays: Record<string, number> = {};
    for (const d of ['2027-02-06', '2027-02-13', '2027-02-20', '2027-02-27', '2027-03-06']) saturdays[d] = 500;
    const forecast = forecastGoal({
      ...march,
      series: saturdays,
      historyFrom: '2027-02-01',
      from: '2027-03-08',
      to: '2027-03-12',
      today: '2027-03-07',
      target: 500,
    });
    expect(forecast.projected).toBe(500);
    expect(forecast.low).toBe(500);
    expect(forecast.high).toBe(500);
    expect(forecast.probability).toBe(1);
    expect(forecast.basis.historyWorkingDays).toBe(25);
    // No day of the period has passed: there is no run rate to carry.
    expect(forecast.linear).toEqual({ projected: null, meetsTarget: null });
  });

  it('forecasts a rate as Σ successes / Σ trials at the deadline', () => {
    // Each working day one deal is decided, won and lost in turn; March 1–10 so far: 4 of 8.
    // Two more days, each won with probability 1/2: 4, 5 or 6 of 10 with 1/4, 1/2, 1/4.
    const input: ForecastInput = {
      ...march,
      aggregation: 'rate',
      series: weekdays('2027-02-01', '2027-03-10', (i) => ({ value: i % 2 === 0 ? 1 : 0, count: 1 })),
      today: '2027-03-10',
      blockLength: 1,
      samples: 20_000,
      target: 0.6,
    };
    const forecast = forecastGoal(input);
    expect(Math.abs(forecast.probability! - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(forecastGoal({ ...input, target: 0.5 }).probability! - 0.75)).toBeLessThan(0.015);
    expect(forecast.projected).toBeCloseTo(0.5, 12);
    expect(forecast.low).toBeCloseTo(0.4, 12);
    expect(forecast.high).toBeCloseTo(0.6, 12);
    expect(forecast.linear).toEqual({ projected: 0.5, meetsTarget: false }); // a level carried as it is
    // No observation anywhere: nothing to resample.
    expect(forecastGoal({ ...input, series: {} }).probability).toBeNull();
    const undecided = forecastGoal({
      ...input,
      series: weekdays('2027-02-01', '2027-03-10', () => ({ value: 0, count: 0 })),
    });
    expect(undecided.probability).toBeNull();
    expect(undecided.basis).toMatchObject({ method: 'insufficient_history', historyWorkingDays: 28 });
  });

  it('forecasts a latest value from the day-to-day changes of the reading', () => {
    const forecast = forecastGoal({
      ...march,
      aggregation: 'latest',
      series: weekdays('2027-02-01', '2027-03-05', (i) => 1000 + 10 * i),
      target: 1300,
    });
    // 25 readings rising 10 a working day: today 1240, five more days to 1290.
    expect(forecast.projected).toBe(1290);
    expect(forecast.probability).toBe(0);
    expect(forecast.basis.historyWorkingDays).toBe(24); // changes need a day before them
    // The trend since the reading before the period (1190 on Feb 26): +50 in 5 days, +50 more.
    expect(forecast.linear).toEqual({ projected: 1290, meetsTarget: false });
  });

  it('says when there is too little history, and still gives the linear projection', () => {
    const forecast = forecastGoal({ ...march, series: weekdays('2027-03-01', '2027-03-05', () => 100) });
    expect(forecast.probability).toBeNull();
    expect(forecast.projected).toBeNull();
    expect(forecast.path).toEqual([]);
    expect(forecast.basis).toMatchObject({
      method: 'insufficient_history',
      historyWorkingDays: 5,
      minimumWorkingDays: 10,
    });
    expect(forecast.linear).toEqual({ projected: 1000, meetsTarget: true });
  });

  it('after the deadline the result stands', () => {
    const over = forecastGoal({ ...march, today: '2027-03-15', target: 600 });
    expect(over.probability).toBe(0);
    expect(over.projected).toBe(500); // the series stops on March 5
    expect(over.basis.method).toBe('final');
  });

  it('is the same for the same seed and differs for another', () => {
    const noisy: ForecastInput = { ...march, series: weekdays('2026-09-01', '2027-03-05', (i) => (i * 7919) % 301) };
    expect(forecastGoal(noisy)).toEqual(forecastGoal(noisy));
    expect(forecastGoal({ ...noisy, seed: 8 }).path).not.toEqual(forecastGoal(noisy).path);
  });

  it('gives probabilities in [0, 1] that never rise with the target, and an ordered cone', () => {
    const values = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 30, maxLength: 60 });
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 0, max: 20_000 }),
        fc.nat(5000),
        fc.nat(1000),
        (days, target, more, seed) => {
          const series = weekdays('2027-01-04', '2027-03-05', (i) => days[i % days.length]!);
          const input = { ...march, series, seed, samples: 200, target };
          const lower = forecastGoal(input);
          const higher = forecastGoal({ ...input, target: target + more });
          expect(lower.probability!).toBeGreaterThanOrEqual(0);
          expect(lower.probability!).toBeLessThanOrEqual(1);
          expect(higher.probability!).toBeLessThanOrEqual(lower.probability!);
          const atMost = forecastGoal({ ...input, direction: 'at_most' });
          expect(atMost.probability!).toBeGreaterThanOrEqual(0);
          for (const p of lower.path) {
            expect(p.low).toBeLessThanOrEqual(p.median);
            expect(p.median).toBeLessThanOrEqual(p.high);
          }
          expect(lower.path.map((p) => p.date)).toEqual([
            '2027-03-08',
            '2027-03-09',
            '2027-03-10',
            '2027-03-11',
            '2027-03-12',
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each<[Partial<ForecastInput>, string]>([
    [{ samples: 5 }, 'Samples must be a whole number from 100 to 100000, not 5.'],
    [{ seed: 1.5 }, 'The seed must be a whole number, not 1.5.'],
    [{ blockLength: 0 }, 'The block length must be 1 to 60 working days, not 0.'],
    [{ interval: [0.6, 0.9] }, 'The interval must be two quantiles around the median, not 0.6–0.9.'],
    [{ historyWorkingDays: 3 }, 'History must be 10 to 5000 working days, not 3.'],
    [{ historyFrom: '2027-02-30' }, '"2027-02-30" is not a calendar day written YYYY-MM-DD.'],
  ])('refuses %j with a clear error', (change, message) => {
    expect(() => forecastGoal({ ...march, ...change })).toThrow(AppError);
    expect(() => forecastGoal({ ...march, ...change })).toThrow(message);
  });
});

describe('calibration on simulated sellers', () => {
  // 800 monthly revenue goals (a fifth of them "at most"), each looked at 30–70 % of the way
  // through the month, each with its own seller and 60–300 working days of history.
  let results: SimulatedGoal[] = [];
  beforeAll(() => {
    results = simulateGoals({ goals: 800, seed: 1, samples: 1000 });
  });

  it('forecasts that say p come true about p of the time', () => {
    for (const bin of calibrationTable(results)) {
      if (bin.n < 30) continue;
      // If forecasts in the bin are calibrated, hits are (close to) binomial: allow three
      // standard errors for the bin's size, plus 0.02 for the bootstrap's known narrowness
      // at the extremes (a finite history holds no deal bigger than the biggest it has seen),
      // which the bench measures on a larger run.
      const p = bin.meanForecast;
      const tolerance = 3 * Math.sqrt((p * (1 - p)) / bin.n) + 0.02;
      expect(Math.abs(bin.hitRate - p), `bin ${bin.from}–${bin.to}, n = ${bin.n}`).toBeLessThanOrEqual(tolerance);
    }
    // Calibration in the large: the mean forecast matches the share of goals met.
    const mean = results.reduce((a, r) => a + r.probability, 0) / results.length;
    const met = results.filter((r) => r.outcome).length / results.length;
    const variance = results.reduce((a, r) => a + r.probability * (1 - r.probability), 0);
    expect(Math.abs(mean - met)).toBeLessThanOrEqual((3 * Math.sqrt(variance)) / results.length);
  });

  it('beats the plain linear-pace projection on Brier score', () => {
    const resample = brierScore(results.map((r) => ({ p: r.probability, outcome: r.outcome })));
    const linear = brierScore(results.map((r) => ({ p: r.linear, outcome: r.outcome })));
    // The yes/no linear projection scores its error rate; a coin (always 0.5) scores 0.25.
    expect(resample).toBeLessThan(linear);
    expect(resample).toBeLessThan(0.25);
    // Both kinds of outcome occur, so neither score is trivially low.
    expect(results.some((r) => r.outcome) && results.some((r) => !r.outcome)).toBe(true);
  });
});
