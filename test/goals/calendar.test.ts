import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  adjacentPeriod,
  countWorkingDays,
  dayNumber,
  isoFromDayNumber,
  isWorkingDay,
  periodContaining,
  periodsBetween,
  previousPeriods,
  weekdayOf,
} from '../../src-main/features/goals/calendar';
import { AppError } from '../../src-main/kernel/errors';
import { restoreTimeZoneAfterAll } from '../helpers/timeZone';

describe('day numbers', () => {
  it('count days from 1970-01-01 and know the weekday', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    // 56 years, 14 of them leap (1972 … 2024): 56 × 365 + 14.
    expect(dayNumber('2026-01-01')).toBe(56 * 365 + 14);
    expect(weekdayOf(dayNumber('2026-01-01'))).toBe(4); // a Thursday
    expect(weekdayOf(dayNumber('2026-01-05'))).toBe(1); // the Monday after
    expect(weekdayOf(dayNumber('1969-12-28'))).toBe(0); // a Sunday before day 0
    expect(isoFromDayNumber(dayNumber('2028-02-29') + 1)).toBe('2028-03-01');
    expect(isoFromDayNumber(dayNumber('2100-02-28') + 1)).toBe('2100-03-01'); // 2100 is not leap
    expect(isoFromDayNumber(dayNumber('2000-02-28') + 1)).toBe('2000-02-29'); // 2000 is
  });

  it('agree with UTC Date arithmetic over four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 125_000 }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(isoFromDayNumber(n)).toBe(iso);
        expect(dayNumber(iso)).toBe(n);
        expect(weekdayOf(n)).toBe(new Date(n * 86_400_000).getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it.each(['2027-02-29', '2026-13-01', '2026-1-5', '05/01/2026', '', '2026-04-31'])('refuse %j clearly', (text) => {
    expect(() => dayNumber(text)).toThrow(AppError);
    expect(() => dayNumber(text)).toThrow(`"${text}" is not a calendar day written YYYY-MM-DD.`);
  });
});

describe('addMonths', () => {
  it.each([
    ['2028-01-31', 1, '2028-02-29'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2028-02-29', -12, '2027-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-01-15', -13, '2024-12-15'],
  ] as const)('%s %+d months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('recurring periods', () => {
  it.each([
    ['2027-01-31', 'monthly', '2027-01-01', '2027-01-31'],
    ['2027-02-14', 'monthly', '2027-02-01', '2027-02-28'],
    ['2028-02-29', 'monthly', '2028-02-01', '2028-02-29'],
    ['2026-12-31', 'monthly', '2026-12-01', '2026-12-31'],
    ['2026-03-31', 'quarterly', '2026-01-01', '2026-03-31'],
    ['2026-04-01', 'quarterly', '2026-04-01', '2026-06-30'],
    ['2026-09-30', 'quarterly', '2026-07-01', '2026-09-30'],
    ['2026-12-31', 'quarterly', '2026-10-01', '2026-12-31'],
    ['2028-02-29', 'yearly', '2028-01-01', '2028-12-31'],
    ['2026-12-31', 'yearly', '2026-01-01', '2026-12-31'],
    // Thursday 31 Dec 2026: its Monday-to-Sunday week runs into 2027.
    ['2026-12-31', 'weekly', '2026-12-28', '2027-01-03'],
    ['2027-01-03', 'weekly', '2026-12-28', '2027-01-03'],
    ['2027-01-04', 'weekly', '2027-01-04', '2027-01-10'],
  ] as const)('%s in a %s period: %s to %s', (date, every, from, to) => {
    expect(periodContaining(date, every)).toEqual({ from, to });
  });

  it('start weeks on the day asked for', () => {
    expect(periodContaining('2026-12-31', 'weekly', 0)).toEqual({ from: '2026-12-27', to: '2027-01-02' });
    expect(periodContaining('2026-12-27', 'weekly', 0)).toEqual({ from: '2026-12-27', to: '2027-01-02' });
    expect(periodContaining('2028-02-29', 'weekly', 6)).toEqual({ from: '2028-02-26', to: '2028-03-03' });
  });

  it('step to the next and previous period across month, leap-day and year ends', () => {
    expect(adjacentPeriod('2028-01-31', 'monthly', 1)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(adjacentPeriod('2028-03-31', 'monthly', -1)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(adjacentPeriod('2026-12-31', 'monthly', 1)).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(adjacentPeriod('2026-12-31', 'quarterly', 1)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(adjacentPeriod('2027-01-15', 'quarterly', -1)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(adjacentPeriod('2028-12-31', 'yearly', 1)).toEqual({ from: '2029-01-01', to: '2029-12-31' });
    expect(adjacentPeriod('2026-12-31', 'weekly', 1)).toEqual({ from: '2027-01-04', to: '2027-01-10' });
  });

  it('list previous periods most recent first, and every period between two days', () => {
    expect(previousPeriods('2028-03-15', 'monthly', 3)).toEqual([
      { from: '2028-02-01', to: '2028-02-29' },
      { from: '2028-01-01', to: '2028-01-31' },
      { from: '2027-12-01', to: '2027-12-31' },
    ]);
    expect(previousPeriods('2027-02-10', 'quarterly', 2)).toEqual([
      { from: '2026-10-01', to: '2026-12-31' },
      { from: '2026-07-01', to: '2026-09-30' },
    ]);
    expect(periodsBetween('2027-11-15', '2028-02-01', 'monthly').map((p) => p.from)).toEqual([
      '2027-11-01',
      '2027-12-01',
      '2028-01-01',
      '2028-02-01',
    ]);
    expect(periodsBetween('2026-05-01', '2026-04-01', 'monthly')).toEqual([]);
  });
});

describe('working days', () => {
  it('count Monday to Friday by default, both ends included', () => {
    // January 2027 starts on a Friday: Fri 1, then four full weeks (4–29), then a weekend.
    expect(countWorkingDays('2027-01-01', '2027-01-31')).toBe(21);
    // February 2028 (leap) runs Tuesday 1 to Tuesday 29: 4 + 5 + 5 + 5 + 2.
    expect(countWorkingDays('2028-02-01', '2028-02-29')).toBe(21);
    expect(countWorkingDays('2027-01-02', '2027-01-03')).toBe(0); // a weekend
    expect(countWorkingDays('2027-01-04', '2027-01-04')).toBe(1);
    expect(countWorkingDays('2027-01-05', '2027-01-04')).toBe(0);
  });

  it('skip planned breaks, overlapping or not, and honour the weekdays chosen', () => {
    const holidays = {
      weekdays: [1, 2, 3, 4, 5],
      breaks: [
        { from: '2026-12-24', to: '2027-01-06' },
        { from: '2027-01-05', to: '2027-01-05' }, // inside the first: counted once
        { from: '2027-01-29', to: '2027-01-29' },
      ],
    };
    // 21 working days minus Jan 1, 4, 5, 6 (the holidays) and Friday Jan 29.
    expect(countWorkingDays('2027-01-01', '2027-01-31', holidays)).toBe(16);
    expect(isWorkingDay('2027-01-06', holidays)).toBe(false);
    expect(isWorkingDay('2027-01-07', holidays)).toBe(true);
    // Monday to Saturday: January 2027 has 5 Saturdays (2, 9, 16, 23, 30).
    expect(countWorkingDays('2027-01-01', '2027-01-31', { weekdays: [1, 2, 3, 4, 5, 6], breaks: [] })).toBe(26);
    // Only Sundays and Wednesdays.
    expect(countWorkingDays('2027-01-01', '2027-01-31', { weekdays: [0, 3], breaks: [] })).toBe(5 + 4);
  });

  it('refuse a calendar without weekdays or with a break that ends before it starts', () => {
    expect(() => countWorkingDays('2027-01-01', '2027-01-31', { weekdays: [], breaks: [] })).toThrow(
      'A work calendar needs at least one weekday.',
    );
    expect(() => countWorkingDays('2027-01-01', '2027-01-31', { weekdays: [7], breaks: [] })).toThrow(
      'Weekday 7 is not 0 (Sunday) to 6 (Saturday).',
    );
    expect(() =>
      countWorkingDays('2027-01-01', '2027-01-31', {
        weekdays: [1],
        breaks: [{ from: '2027-01-09', to: '2027-01-08' }],
      }),
    ).toThrow('The break from 2027-01-09 ends before it starts (2027-01-08).');
  });

  const calendars = fc.record({
    weekdays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    breaks: fc.array(
      fc.tuple(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 30 })).map(([start, length]) => ({
        from: isoFromDayNumber(dayNumber('2026-01-01') + start),
        to: isoFromDayNumber(dayNumber('2026-01-01') + start + length),
      })),
      { maxLength: 6 },
    ),
  });

  it('add up over any split of a range', () => {
    fc.assert(
      fc.property(calendars, fc.integer({ min: 0, max: 700 }), fc.nat(100), fc.nat(100), (calendar, a, x, y) => {
        const base = dayNumber('2026-01-01');
        const [from, mid, to] = [base + a, base + a + x, base + a + x + y + 1];
        const whole = countWorkingDays(isoFromDayNumber(from), isoFromDayNumber(to), calendar);
        const left = countWorkingDays(isoFromDayNumber(from), isoFromDayNumber(mid), calendar);
        const right = countWorkingDays(isoFromDayNumber(mid + 1), isoFromDayNumber(to), calendar);
        expect(whole).toBe(left + right);
        expect(whole).toBeLessThanOrEqual(to - from + 1);
      }),
    );
  });
});

describe('time zones', () => {
  restoreTimeZoneAfterAll();

  it('never move a day, even where a day was skipped or midnight did not exist', () => {
    // Samoa skipped 30 Dec 2011; São Paulo's 2018 DST began at midnight; Lord Howe shifts by 30 minutes.
    const results = ['UTC', 'Pacific/Apia', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kathmandu'].map((tz) => {
      process.env.TZ = tz;
      return [
        countWorkingDays('2011-12-26', '2012-01-06'),
        periodContaining('2011-12-30', 'weekly'),
        adjacentPeriod('2018-10-31', 'monthly', 1),
        countWorkingDays('2018-11-01', '2018-11-30'),
        isoFromDayNumber(dayNumber('2011-12-29') + 1),
        addMonths('2026-03-29', 1),
      ];
    });
    expect(results[0]).toEqual([
      10,
      { from: '2011-12-26', to: '2012-01-01' },
      { from: '2018-11-01', to: '2018-11-30' },
      22,
      '2011-12-30',
      '2026-04-29',
    ]);
    for (const r of results) expect(r).toEqual(results[0]);
  });
});
