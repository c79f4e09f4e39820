import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumberToIso, daysBetween, isIsoDate, isoToDayNumber } from '../../src-main/shared/dates';
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
