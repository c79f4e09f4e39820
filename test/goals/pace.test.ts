import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/kernel/errors';
import { dayNumber, isoFromDayNumber } from '../../src-main/features/goals/calendar';
import { computePace, milestoneStates, statusFromGap, type PaceInput } from '../../src-main/features/goals/pace';
import type { DailySeries } from '../../src-main/features/goals/contract/definition';

/** A series with the value `valueOf` gives each day from `from` through `to` (0 = no point). */
function daily(from: string, to: string, valueOf: (date: string) => number): Record<string, number> {
  const series: Record<string, number> = {};
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    const value = valueOf(isoFromDayNumber(d));
    if (value !== 0) series[isoFromDayNumber(d)] = value;
  }
  return series;
}
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** A question to the pace model: a sum to reach (an empty series unless given), or what `input` says. */
function paceInput(input: Pick<PaceInput, 'target' | 'from' | 'to' | 'today'> & Partial<PaceInput>): PaceInput {
  return { series: {}, direction: 'at_least', aggregation: 'sum', ...input };
}

describe('pace of a sum goal over working days', () => {
  // January 2027 with New Year's Day off: 20 working days (4–8, 11–15, 18–22, 25–29).
  const january = paceInput({
    series: {
      '2026-12-30': 99_999, // before the period: not counted
      '2027-01-04': 30_000,
      '2027-01-07': 25_000,
      '2027-01-09': 10_000, // a Saturday sale still counts
      '2027-01-12': 40_000,
      '2027-01-14': 50_000, // after today: not yet
    },
    target: 200_000,
    from: '2027-01-01',
    to: '2027-01-31',
    today: '2027-01-13',
    calendar: { weekdays: [1, 2, 3, 4, 5], breaks: [{ from: '2027-01-01', to: '2027-01-01' }] },
  });

  it('expects the target spread evenly over the working days, today included', () => {
    const pace = computePace(january);
    // Wednesday 13th is the 8th working day: 8/20 of 200,000.
    expect(pace.workingDays).toEqual({ total: 20, elapsed: 8, remaining: 12 });
    expect(pace.model).toBe('linear');
    expect(pace.expected).toBe(80_000);
    expect(pace.actual).toBe(105_000);
    expect(pace.difference).toBe(25_000);
    expect(pace.gap).toBe(25_000 / 80_000);
    expect(pace.status).toBe('ahead');
    expect(pace.progress).toBe(105_000 / 200_000);
    // 95,000 still to go over 12 working days; a week has 5 of them.
    expect(pace.requiredPerDay).toBeCloseTo(95_000 / 12, 9);
    expect(pace.requiredPerWeek).toBeCloseTo((95_000 / 12) * 5, 9);
    // The line climbs 10,000 a working day: at 90,000 on the 9th, 100,000 on the 10th and
    // 110,000 on the 11th, so two idle days keep the seller on pace and the third does not.
    expect(pace.bufferDays).toBe(2);
    expect(pace.final).toBe(false);
    expect(pace.asOf).toBe('2027-01-13');
  });

  it('does not move on weekends and breaks', () => {
    const friday = computePace({ ...january, today: '2027-01-08' });
    const sunday = computePace({ ...january, today: '2027-01-10' });
    expect(friday.expected).toBe(50_000);
    expect(sunday.expected).toBe(50_000);
    expect(sunday.actual).toBe(65_000); // Saturday's sale is in
    const newYear = computePace({ ...january, today: '2027-01-01' });
    expect(newYear.workingDays.elapsed).toBe(0);
    expect(newYear.expected).toBe(0);
  });

  it('before the period: nothing expected, nothing required beyond the plain rate', () => {
    const pace = computePace({ ...january, today: '2026-12-31' });
    expect(pace.actual).toBe(0);
    expect(pace.expected).toBe(0);
    expect(pace.status).toBe('on_track');
    expect(pace.requiredPerDay).toBe(10_000);
    expect(pace.bufferDays).toBe(0);
    expect(pace.asOf).toBe('2026-12-31');
  });

  it('after the period the result is final', () => {
    const over = computePace({ ...january, today: '2027-02-03' });
    expect(over.final).toBe(true);
    expect(over.actual).toBe(155_000);
    expect(over.status).toBe('missed');
    expect(over.requiredPerDay).toBeNull();
    expect(over.asOf).toBe('2027-01-31');
    const made = computePace({ ...january, target: 155_000, today: '2027-02-03' });
    expect(made.status).toBe('achieved');
    expect(made.progress).toBe(1);
  });

  it('is achieved as soon as a cumulative total reaches the target, with every remaining day as buffer', () => {
    const pace = computePace({ ...january, target: 100_000 });
    expect(pace.status).toBe('achieved');
    expect(pace.final).toBe(false);
    expect(pace.requiredPerDay).toBe(0);
    expect(pace.bufferDays).toBe(12);
    expect(pace.progress).toBe(1);
  });
});

describe('status thresholds', () => {
  // Monday 1 to Friday 12 March 2027: 10 working days; on Friday 5th, 5 have passed.
  const march = (actual: number, direction: 'at_least' | 'at_most' = 'at_least', today = '2027-03-05') =>
    paceInput({
      series: actual === 0 ? {} : { '2027-03-02': actual },
      target: 1000,
      direction,
      from: '2027-03-01',
      to: '2027-03-12',
      today,
    });

  it.each([
    [600, 'ahead'],
    [550, 'ahead'], // +10 %: ahead from here
    [549, 'on_track'],
    [500, 'on_track'],
    [475, 'on_track'], // −5 %: still on track
    [474, 'behind'],
    [400, 'behind'], // −20 %: still behind
    [399, 'at_risk'],
    [0, 'at_risk'],
    [1000, 'achieved'],
  ] as const)('at least 1000, expected 500: %d is %s', (actual, status) => {
    expect(computePace(march(actual)).status).toBe(status);
  });

  it.each([
    [0, 'ahead'],
    [450, 'ahead'], // 10 % under the allowance
    [451, 'on_track'],
    [525, 'on_track'],
    [526, 'behind'],
    [600, 'behind'],
    [601, 'at_risk'],
    [1001, 'missed'], // past the limit: nothing undoes it
  ] as const)('at most 1000, allowance so far 500: %d is %s', (actual, status) => {
    expect(computePace(march(actual, 'at_most')).status).toBe(status);
  });

  it('maps the gap to a status exactly at the stated thresholds', () => {
    expect(statusFromGap(0.1)).toBe('ahead');
    expect(statusFromGap(0.0999)).toBe('on_track');
    expect(statusFromGap(-0.05)).toBe('on_track');
    expect(statusFromGap(-0.0501)).toBe('behind');
    expect(statusFromGap(-0.2)).toBe('behind');
    expect(statusFromGap(-0.2001)).toBe('at_risk');
  });

  it('an "at most" goal within its limit is achieved only when the period is over', () => {
    const last = computePace(march(1000, 'at_most', '2027-03-12'));
    expect(last.status).toBe('on_track');
    expect(last.final).toBe(false);
    const after = computePace(march(1000, 'at_most', '2027-03-13'));
    expect(after.status).toBe('achieved');
    expect(after.progress).toBe(1);
  });

  it('a sum that can go down (negative days) is not settled early', () => {
    const pace = computePace({ ...march(1200), series: { '2027-03-02': 1200, '2027-03-01': -1 } });
    expect(pace.actual).toBe(1199);
    expect(pace.status).toBe('ahead');
  });
});

describe('early in a period', () => {
  // March 2027: 23 working days; the first fifth is 4.6 of them, so through Thursday 4th.
  const march = (series: Record<string, number>, today: string, to = '2027-03-31') =>
    paceInput({
      series,
      target: 45,
      aggregation: 'count',
      from: '2027-03-01',
      to,
      today,
    });

  it('a shortfall in the first fifth of the working days still shows on track', () => {
    const early = computePace(march({ '2027-03-01': 1, '2027-03-03': 1 }, '2027-03-04'));
    expect(early.workingDays.elapsed).toBe(4);
    expect(statusFromGap(early.gap!)).toBe('at_risk'); // 2 of 7.8: −74 %
    expect(early.status).toBe('on_track');
    // The fifth working day is past the window: the same shortfall is judged.
    expect(computePace(march({ '2027-03-01': 1, '2027-03-03': 1 }, '2027-03-05')).status).toBe('at_risk');
  });

  it('says ahead at once, and never holds back a final result', () => {
    expect(computePace(march({ '2027-03-01': 5 }, '2027-03-02')).status).toBe('ahead');
    expect(computePace(march({ '2027-03-01': 45 }, '2027-03-02')).status).toBe('achieved');
  });

  it('lasts at most 10 working days in a long period', () => {
    // The year 2027 has 261 working days: a fifth would be 52; the window ends after 10.
    const year = (today: string): PaceInput => ({ ...march({}, today, '2027-12-31'), from: '2027-01-01' });
    expect(computePace(year('2027-01-14')).workingDays.elapsed).toBe(10);
    expect(computePace({ ...year('2027-01-14'), series: { '2027-01-04': 1 } }).status).toBe('on_track');
    expect(computePace({ ...year('2027-01-15'), series: { '2027-01-04': 1 } }).status).toBe('at_risk');
  });
});

describe('buffer and allowance', () => {
  const base = paceInput({
    target: 1000,
    direction: 'at_most',
    from: '2027-03-01',
    to: '2027-03-12',
    today: '2027-03-05',
  });

  it('for "at most" counts the working days of allowance still unused', () => {
    // The allowance line stands at 100 per working day; 250 used after 5 days is where it
    // stood between the 2nd and 3rd day: 2 whole days ahead.
    const pace = computePace({ ...base, series: { '2027-03-03': 250 } });
    expect(pace.bufferDays).toBe(2);
    expect(pace.requiredPerDay).toBe(150); // 750 left for 5 days
    expect(pace.requiredPerWeek).toBe(750);
    expect(pace.progress).toBe(0.5); // half the period survived within the limit
    expect(computePace(base).bufferDays).toBe(5);
    expect(computePace({ ...base, series: { '2027-03-03': 450 } }).bufferDays).toBe(0);
    expect(computePace({ ...base, series: { '2027-03-03': 700 } }).bufferDays).toBe(0);
  });

  it('a buffer is never negative and means what it says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 13 }),
        fc.constantFrom('at_least' as const, 'at_most' as const),
        (target, values, offset, direction) => {
          const series: Record<string, number> = {};
          const days = ['01', '02', '03', '04', '05', '08', '09', '10', '11', '12'];
          values.forEach((v, i) => {
            if (v > 0) series[`2027-03-${days[i]}`] = v;
          });
          const pace = computePace({
            ...base,
            target,
            direction,
            series,
            today: isoFromDayNumber(dayNumber('2027-02-28') + offset),
          });
          const { elapsed, remaining } = pace.workingDays;
          const buffer = pace.bufferDays!;
          expect(buffer).toBeGreaterThanOrEqual(0);
          expect(pace.progress).toBeGreaterThanOrEqual(0);
          expect(pace.progress).toBeLessThanOrEqual(1);
          const line = (k: number): number => (target * k) / 10;
          const actual = pace.actual!;
          if (direction === 'at_least') {
            expect(buffer).toBeLessThanOrEqual(remaining);
            if (buffer > 0) expect(line(elapsed + buffer)).toBeLessThanOrEqual(actual + 1e-6);
            if (elapsed + buffer < 10) expect(line(elapsed + buffer + 1)).toBeGreaterThan(actual);
          } else {
            expect(buffer).toBeLessThanOrEqual(elapsed);
            if (buffer > 0) expect(line(elapsed - buffer)).toBeGreaterThanOrEqual(actual - 1e-6);
            if (buffer < elapsed && line(elapsed) >= actual) expect(line(elapsed - buffer - 1)).toBeLessThan(actual);
          }
          if (
            !pace.final &&
            pace.requiredPerDay !== null &&
            remaining > 0 &&
            direction === 'at_least' &&
            actual < target
          )
            expect(actual + pace.requiredPerDay * remaining).toBeCloseTo(target, 6);
        },
      ),
    );
  });
});

describe('seasonal pace', () => {
  it('follows a year of history by month', () => {
    // A seller who works Mondays only and sells twice as much on December Mondays.
    const mondays = { weekdays: [1], breaks: [] };
    const history = daily('2026-09-28', '2027-09-27', (d) =>
      weekday(d) === 1 ? (d.slice(5, 7) === '12' ? 200 : 100) : 0,
    );
    // Q4 2027 has Mondays: October 4, November 5, December 4. Weights 1, 1, 2:
    // 4 + 5 + 8 = 17 parts.
    const q4 = paceInput({
      series: history,
      target: 17_000,
      from: '2027-10-01',
      to: '2027-12-31',
      today: '2027-11-30',
      calendar: mondays,
    });
    const end = computePace(q4);
    expect(end.model).toBe('seasonal');
    expect(end.workingDays).toEqual({ total: 13, elapsed: 9, remaining: 4 });
    expect(end.expected).toBeCloseTo((17_000 * 9) / 17, 9);
    expect(computePace({ ...q4, today: '2027-12-13' }).expected).toBeCloseTo(13_000, 9);
    // Without seasonality the same day expects 9/13 of the target.
    expect(computePace({ ...q4, seasonality: 'off' }).expected).toBeCloseTo((17_000 * 9) / 13, 9);
  });

  it('follows a year of history by weekday', () => {
    // Mondays bring three times the other days: a Mon–Fri week is 3 + 1 + 1 + 1 + 1 = 7 parts.
    const history = daily('2026-11-02', '2027-11-05', (d) => {
      const w = weekday(d);
      return w === 1 ? 300 : w >= 2 && w <= 5 ? 100 : 0;
    });
    const week = paceInput({
      series: { ...history, '2027-11-08': 300, '2027-11-09': 200 },
      target: 700,
      from: '2027-11-08',
      to: '2027-11-14',
      today: '2027-11-09',
    });
    const pace = computePace(week);
    expect(pace.model).toBe('seasonal');
    expect(pace.expected).toBeCloseTo(400, 9); // Monday 3 parts + Tuesday 1
    expect(pace.actual).toBe(500);
    // The line is at 500 after Wednesday and 600 after Thursday: one idle day is fine.
    expect(pace.bufferDays).toBe(1);
  });

  it('spreads evenly with less than a year of history', () => {
    const history = daily('2026-11-09', '2027-11-05', (d) => (weekday(d) === 1 ? 300 : 100));
    const pace = computePace(
      paceInput({
        series: history,
        target: 700,
        from: '2027-11-08',
        to: '2027-11-14',
        today: '2027-11-09',
      }),
    );
    expect(pace.model).toBe('linear');
    expect(pace.expected).toBe(280);
  });
});

describe('levels: average, rate and latest', () => {
  const winRate = paceInput({
    series: { '2027-03-01': { value: 3, count: 4 }, '2027-03-02': { value: 0, count: 2 } },
    target: 0.5,
    aggregation: 'rate',
    from: '2027-03-01',
    to: '2027-03-31',
    today: '2027-03-10',
  });

  it('a rate sits at the target all along and has no per-day requirement', () => {
    const pace = computePace(winRate);
    expect(pace.model).toBe('flat');
    expect(pace.actual).toBe(0.5); // 3 won of 6 decided
    expect(pace.expected).toBe(0.5);
    expect(pace.status).toBe('on_track');
    expect(pace.progress).toBe(1);
    expect(pace.requiredPerDay).toBeNull();
    expect(pace.bufferDays).toBeNull();
    const worse = computePace({ ...winRate, series: { ...winRate.series, '2027-03-03': { value: 0, count: 4 } } });
    expect(worse.actual).toBe(0.3); // 3 of 10
    expect(worse.gap).toBeCloseTo(-0.4, 12);
    expect(worse.status).toBe('at_risk');
    expect(worse.progress).toBeCloseTo(0.6, 12);
  });

  it('a level with no observation yet is not judged, and is missed if none come', () => {
    const empty = computePace({ ...winRate, series: {} });
    expect(empty.actual).toBeNull();
    expect(empty.difference).toBeNull();
    expect(empty.status).toBe('on_track');
    expect(empty.progress).toBe(0);
    expect(computePace({ ...winRate, series: {}, today: '2027-04-01' }).status).toBe('missed');
  });

  it('an average is Σ values / Σ counts, in either direction', () => {
    const satisfaction: PaceInput = {
      ...winRate,
      aggregation: 'average',
      target: 4.5,
      series: { '2027-03-01': { value: 9, count: 2 }, '2027-03-04': 4 },
    };
    expect(computePace(satisfaction).actual).toBeCloseTo(13 / 3, 12);
    expect(computePace(satisfaction).status).toBe('on_track'); // −3.7 %
    const discount = computePace({ ...satisfaction, direction: 'at_most', target: 4 });
    expect(discount.gap).toBeCloseTo(-(13 / 3 - 4) / 4, 12);
    expect(discount.status).toBe('behind');
    expect(discount.progress).toBeCloseTo(4 / (13 / 3), 12);
  });

  it('a latest value with a reading before the period follows a line from it', () => {
    const pipeline = paceInput({
      series: { '2027-02-20': 100, '2027-03-03': 140, '2027-03-05': 160 },
      target: 200,
      aggregation: 'latest',
      from: '2027-03-01',
      to: '2027-03-12',
      today: '2027-03-05',
    });
    const pace = computePace(pipeline);
    expect(pace.model).toBe('trend');
    expect(pace.expected).toBe(150); // halfway from 100 to 200
    expect(pace.actual).toBe(160);
    expect(pace.status).toBe('on_track');
    expect(pace.progress).toBeCloseTo(0.6, 12);
    expect(pace.requiredPerDay).toBe(8); // 40 more over 5 days
    expect(pace.bufferDays).toBeNull();
    const flat = computePace({ ...pipeline, series: { '2027-03-05': 160 } });
    expect(flat.model).toBe('flat');
    expect(flat.expected).toBe(200);
    expect(flat.status).toBe('behind');
    expect(computePace({ ...pipeline, today: '2027-03-02' }).actual).toBe(100);
  });
});

describe('milestones', () => {
  it('are reached automatically on the day the metric gets there, or when ticked', () => {
    const input = paceInput({
      series: { '2027-01-04': 30_000, '2027-01-07': 25_000, '2027-01-12': 40_000 },
      target: 200_000,
      from: '2027-01-01',
      to: '2027-01-31',
      today: '2027-01-13',
    });
    const states = milestoneStates(input, [
      { kind: 'target', title: 'Half way', date: '2027-01-15', target: 50_000, auto: true, doneOn: null },
      { kind: 'target', title: 'Big week', date: '2027-01-12', target: 150_000, auto: true, doneOn: null },
      { kind: 'target', title: 'Signed off', date: '2027-01-20', target: 100_000, auto: false, doneOn: '2027-01-11' },
      { kind: 'step', title: 'Call the top ten', date: '2027-01-08', doneOn: null },
      { kind: 'step', title: 'Plan Q2', date: '2027-01-29', doneOn: null },
    ]);
    expect(states.map((s) => [s.title, s.reachedOn, s.overdue])).toEqual([
      ['Half way', '2027-01-07', false], // 30,000 + 25,000
      ['Big week', null, true],
      ['Signed off', '2027-01-11', false],
      ['Call the top ten', null, true],
      ['Plan Q2', null, false],
    ]);
    expect(states[0]).toMatchObject({ kind: 'target', target: 50_000, reached: true });
    expect(states[3]).toMatchObject({ kind: 'step', target: null, reached: false });
  });

  it('for "at most" are met when the metric is within them on their date', () => {
    const input = paceInput({
      series: { '2027-03-01': 200, '2027-03-04': 300 },
      target: 1000,
      direction: 'at_most',
      from: '2027-03-01',
      to: '2027-03-12',
      today: '2027-03-08',
    });
    const states = milestoneStates(input, [
      { kind: 'target', title: 'Tuesday', date: '2027-03-02', target: 250, auto: true, doneOn: null },
      { kind: 'target', title: 'Thursday', date: '2027-03-04', target: 400, auto: true, doneOn: null },
      { kind: 'target', title: 'Next week', date: '2027-03-10', target: 700, auto: true, doneOn: null },
    ]);
    expect(states.map((s) => s.reachedOn)).toEqual(['2027-03-02', null, null]);
    expect(states.map((s) => s.overdue)).toEqual([false, true, false]);
  });
});

describe('bad input', () => {
  const good = paceInput({
    series: { '2027-03-01': 5 },
    target: 10,
    aggregation: 'count',
    from: '2027-03-01',
    to: '2027-03-12',
    today: '2027-03-05',
  });

  it.each<[string, Partial<PaceInput>, string]>([
    [
      'a period that ends first',
      { from: '2027-03-12', to: '2027-03-01' },
      'The period ends (2027-03-01) before it starts (2027-03-12).',
    ],
    [
      'a period without working days',
      { from: '2027-03-06', to: '2027-03-07' },
      'The period 2027-03-06 to 2027-03-07 has no working days.',
    ],
    [
      'a day that does not exist',
      { series: { '2027-02-30': 1 } },
      '"2027-02-30" is not a calendar day written YYYY-MM-DD.',
    ],
    [
      'a fractional count',
      { series: { '2027-03-02': 1.5 } },
      'A count for 2027-03-02 must be a whole number of at least 0, not 1.5.',
    ],
    [
      'a value that is not a number',
      { series: { '2027-03-02': Number.NaN } },
      'The value for 2027-03-02 is not a number.',
    ],
    [
      'more successes than trials',
      { aggregation: 'rate', target: 0.5, series: { '2027-03-02': { value: 3, count: 2 } } },
      'A rate for 2027-03-02 needs 0 ≤ successes ≤ trials, not 3 of 2.',
    ],
    [
      'a target that is not a number',
      { target: Number.POSITIVE_INFINITY },
      'The target must be a finite number, not Infinity.',
    ],
    ['an unknown direction', { direction: 'exactly' as never }, 'Direction "exactly" is not at_least or at_most.'],
    ['a bad today', { today: 'tomorrow' }, '"tomorrow" is not a calendar day written YYYY-MM-DD.'],
  ])('%s gets a clear error and changes nothing', (_, change, message) => {
    const input = { ...good, ...change };
    const before = structuredClone(input) as PaceInput;
    expect(() => computePace(input)).toThrow(AppError);
    expect(() => computePace(input)).toThrow(message);
    expect(input).toEqual(before);
  });

  it('leaves the series it was given untouched', () => {
    const series: DailySeries = { '2027-03-01': 5, '2027-03-02': { value: 2, count: 1 } };
    const copy = structuredClone(series);
    computePace({ ...good, series });
    expect(series).toEqual(copy);
  });
});
