import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  BUSINESS_DAYS,
  dayNumberToIso,
  daysBetween,
  eachDay,
  isIsoDate,
  isoToDayNumber,
} from '../../src-main/shared/dates';
import { IsoDateSchema } from '../../src-main/shared/domain';
import en from '../../src-main/shared/locales/en.json';
import it_ from '../../src-main/shared/locales/it.json';
import { restoreTimeZoneAfterAll } from '../helpers/timeZone';

restoreTimeZoneAfterAll();

/** Any real day from 1900 to 2199, written YYYY-MM-DD (built via UTC, independent of the code under test). */
const isoDay = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2199, 11, 31) / 86_400_000 })
  .map((day) => {
    const date = new Date(day * 86_400_000);
    return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
  });

describe('business-date arithmetic', () => {
  it('is immune to a zone that skipped a whole day (Samoa, 2011-12-30)', () => {
    process.env.TZ = 'Pacific/Apia';
    expect(addDays('2011-12-29', 1)).toBe('2011-12-30');
    expect(addDays('2011-12-29', 2)).toBe('2011-12-31');
    expect(daysBetween('2011-12-29', '2011-12-31')).toBe(2);
  });

  it('crosses month ends, leap days and DST changes by calendar days', () => {
    for (const zone of ['Europe/Rome', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
      process.env.TZ = zone;
      expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
      expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
      expect(addDays('2028-02-29', 365)).toBe('2029-02-28');
      expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
      expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
      expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    }
  });

  it('counts whole days over month ends, leap years and both DST changes', () => {
    const changes = [
      { zone: 'Europe/Rome', days: ['2026-03-29', '2026-10-25'] },
      { zone: 'America/New_York', days: ['2026-03-08', '2026-11-01'] },
    ];
    for (const { zone, days } of changes) {
      process.env.TZ = zone;
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
      expect(daysBetween('2026-01-31', '2026-03-02')).toBe(30);
      expect(addDays('2028-01-31', 30)).toBe('2028-03-01');
      expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
      expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
      expect(daysBetween('2027-02-01', '2027-03-01')).toBe(28);
      expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
      expect(eachDay('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
      for (const change of days) {
        const before = addDays(change, -1);
        expect(addDays(before, 2)).toBe(addDays(change, 1));
        expect(daysBetween(before, addDays(change, 1))).toBe(2);
        expect(eachDay(before, addDays(change, 1))).toHaveLength(3);
      }
    }
  });

  it('agrees with UTC for every day, and adding then measuring gives back the days added', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: -30_000, max: 30_000 }), (day, n) => {
        expect(isIsoDate(day)).toBe(true);
        expect(dayNumberToIso(isoToDayNumber(day))).toBe(day);
        expect(isoToDayNumber(day) * 86_400_000).toBe(Date.parse(`${day}T00:00:00Z`));
        const later = addDays(day, n);
        expect(isIsoDate(later)).toBe(true);
        expect(daysBetween(day, later)).toBe(n);
      }),
    );
  });
});

describe('a day written YYYY-MM-DD', () => {
  it('is real exactly when the day it names, written again, is the same text', () => {
    const digit = fc.constantFrom(...'0123456789');
    const text = fc
      .tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.array(digit, { minLength: 2, maxLength: 2 }))
      .chain(([year, month]) =>
        fc
          .array(digit, { minLength: 2, maxLength: 2 })
          .map((day) => `${year.join('')}-${month.join('')}-${day.join('')}`),
      );
    // Months and days near their bounds, where a calendar goes wrong, as often as the rest.
    const edge = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.constantFrom(0, 1, 28, 29, 30, 31, 32),
      )
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(text, edge), (day) => {
        const real = /^\d{4}-\d{2}-\d{2}$/.test(day) && dayNumberToIso(isoToDayNumber(day)) === day;
        expect(isIsoDate(day), day).toBe(real);
      }),
      { numRuns: 5_000 },
    );
    for (const day of ['2024-02-29', '2000-02-29', '0000-02-29']) expect(isIsoDate(day), day).toBe(true);
    for (const day of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00'])
      expect(isIsoDate(day), day).toBe(false);
    for (const text of ['2026-1-01', ' 2026-01-01', '2026-01-01 ', '2026/01/01', '２０２６-01-01', ''])
      expect(isIsoDate(text), text).toBe(false);
  });
});

describe('business days in every form and command', () => {
  it('refuses a day outside BUSINESS_DAYS, and the words name the same bounds', () => {
    expect(IsoDateSchema.safeParse(BUSINESS_DAYS.first).success).toBe(true);
    expect(IsoDateSchema.safeParse(BUSINESS_DAYS.last).success).toBe(true);
    for (const day of ['1899-12-31', '2100-01-01', '9999-12-31', '0226-03-01'])
      expect(IsoDateSchema.safeParse(day).error?.issues.map((issue) => issue.message)).toEqual(['errors.dateRange']);
    expect(IsoDateSchema.safeParse('2026-02-31').error?.issues.map((issue) => issue.message)).toEqual(['errors.date']);
    for (const words of [en.errors.dateRange, it_.errors.dateRange])
      expect(words).toContain(`${BUSINESS_DAYS.first.slice(0, 4)} `);
    for (const words of [en.errors.dateRange, it_.errors.dateRange, en.cli.issues.dateRange, it_.cli.issues.dateRange])
      expect(words).toContain(BUSINESS_DAYS.last.slice(0, 4));
    for (const words of [en.cli.issues.dateRange, it_.cli.issues.dateRange]) {
      expect(words).toContain(BUSINESS_DAYS.first);
      expect(words).toContain(BUSINESS_DAYS.last);
    }
  });
});
