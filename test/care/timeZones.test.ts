import { describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src-main/shared/dates';
import { planCheckIns } from '../../src-main/features/care/cadence';
import { bucketOf } from '../../src-main/features/care/followups';
import { restoreTimeZoneAfterAll } from '../helpers/timeZone';

/**
 * The care loop's dates must not depend on the laptop's time zone (the day arithmetic itself
 * is tested in test/shared/dates.test.ts). Node re-reads TZ when process.env.TZ is assigned,
 * so each zone below is really in force while its tests run: the first test of each block
 * proves it by the UTC offset around that zone's DST change.
 */
restoreTimeZoneAfterAll();

const ZONES = [
  // [zone, the day DST starts in spring, minutes west of UTC before and after]
  { zone: 'Europe/Rome', springForward: '2026-03-29', offsets: [-60, -120] },
  { zone: 'America/New_York', springForward: '2026-03-08', offsets: [300, 240] },
  { zone: 'UTC', springForward: null, offsets: [0, 0] },
] as const;

for (const { zone, springForward, offsets } of ZONES) {
  describe(`calendar days in ${zone}`, () => {
    it('runs with that zone in force', () => {
      process.env.TZ = zone;
      expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(offsets[0]);
      expect(new Date('2026-07-15T12:00:00Z').getTimezoneOffset()).toBe(offsets[1]);
      if (springForward) {
        // The hazard being guarded against: local midnights are 23 hours apart on that day.
        const [y, m, d] = springForward.split('-').map(Number) as [number, number, number];
        expect(new Date(y, m - 1, d + 1).getTime() - new Date(y, m - 1, d).getTime()).toBe(23 * 3600_000);
      }
    });

    it('plans check-ins on the same calendar days whatever the zone', () => {
      process.env.TZ = zone;
      expect(planCheckIns('2026-03-26', [3, 30, 90], '2026-03-26')).toEqual([
        { stepDays: 3, scheduledOn: '2026-03-29' },
        { stepDays: 30, scheduledOn: '2026-04-25' },
        { stepDays: 90, scheduledOn: '2026-06-24' },
      ]);
      expect(planCheckIns('2028-01-30', [30], '2028-01-30')).toEqual([{ stepDays: 30, scheduledOn: '2028-02-29' }]);
      expect(bucketOf('2026-03-29', '2026-03-28')).toBe('week');
      expect(bucketOf('2026-03-28', '2026-03-29')).toBe('overdue');
    });

    it("reads today's date as the local calendar day", () => {
      process.env.TZ = zone;
      // 23:30 UTC on 31 December is already New Year's Day in Rome, still 31 December in New York.
      const expected = { 'Europe/Rome': '2027-01-01', 'America/New_York': '2026-12-31', UTC: '2026-12-31' }[zone];
      expect(localIsoDate(new Date('2026-12-31T23:30:00Z'))).toBe(expected);
    });
  });
}

describe('check-in backfill', () => {
  it('skips cadence days more than 14 days before the day the sale is recorded', () => {
    // Recorded on 2026-06-15: 14 days back is 2026-06-01.
    expect(planCheckIns('2026-05-20', [3, 30, 90], '2026-06-15')).toEqual([
      { stepDays: 30, scheduledOn: '2026-06-19' },
      { stepDays: 90, scheduledOn: '2026-08-18' },
    ]);
    expect(planCheckIns('2026-05-29', [3], '2026-06-15')).toEqual([{ stepDays: 3, scheduledOn: '2026-06-01' }]);
    expect(planCheckIns('2026-05-28', [3], '2026-06-15')).toEqual([]);
    expect(planCheckIns('2024-01-10', [3, 30, 90], '2026-06-15')).toEqual([]);
  });
});
