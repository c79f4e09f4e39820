import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupsToDelete, RETENTION, type RetentionRule } from '../../src-main/db/backupFolder';

interface Backup {
  id: string;
  at: Date;
  bytes: number;
}

const START = Date.parse('2025-01-01T00:00:00Z');
const DAY = 86_400_000;

/** Backups over about a year and a half, several a day at times, with distinct ids. */
const backupsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 540 * DAY }), { maxLength: 120 })
  .chain((offsets) =>
    fc.tuple(
      fc.constant(offsets),
      fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: offsets.length, maxLength: offsets.length }),
    ),
  )
  .map(([offsets, sizes]) =>
    offsets.map((offset, i): Backup => ({ id: `b${offset}`, at: new Date(START + offset), bytes: sizes[i]! })),
  );

const ruleArb: fc.Arbitrary<RetentionRule> = fc.record({
  daily: fc.integer({ min: 0, max: 10 }),
  weekly: fc.integer({ min: 0, max: 6 }),
  monthly: fc.integer({ min: 0, max: 8 }),
  maxBytes: fc.oneof(fc.constant(Number.MAX_SAFE_INTEGER), fc.integer({ min: 0, max: 60_000_000 })),
  allWithinMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * DAY })),
});
/** Some time after the newest of the generated backups (sometimes hours, so some are recent). */
const nowArb = fc.integer({ min: 0, max: 4 * DAY }).map((after) => new Date(START + 540 * DAY + after));
const recent = (backups: readonly Backup[], now: Date, rule: RetentionRule): Backup[] =>
  backups.filter((b) => now.getTime() - b.at.getTime() < rule.allWithinMs);

const kept = (backups: readonly Backup[], now: Date, rule: RetentionRule): Backup[] => {
  const gone = new Set(backupsToDelete(backups, now, rule));
  return backups.filter((b) => !gone.has(b));
};
const newest = (backups: readonly Backup[]): Backup => backups.reduce((a, b) => (b.at > a.at ? b : a));
const size = (backups: readonly Backup[]): number => backups.reduce((sum, b) => sum + b.bytes, 0);

describe('the retention rule of automatic backups', () => {
  it('never deletes the newest backup', () => {
    fc.assert(
      fc.property(backupsArb, nowArb, ruleArb, (backups, now, rule) => {
        if (backups.length === 0) return;
        expect(kept(backups, now, rule)).toContain(newest(backups));
      }),
    );
  });

  it('never keeps more than the rule allows: the recent ones, one per period, within the size cap unless only the newest is left', () => {
    fc.assert(
      fc.property(backupsArb, nowArb, ruleArb, (backups, now, rule) => {
        const left = kept(backups, now, rule);
        const young = recent(backups, now, rule);
        const older = left.filter((b) => !young.includes(b));
        expect(older.length).toBeLessThanOrEqual(Math.max(1, rule.daily + rule.weekly + rule.monthly));
        const days = new Set(older.map((b) => b.at.toISOString().slice(0, 10)));
        expect(days.size).toBe(older.length);
        if (left.length > 1) expect(size(left)).toBeLessThanOrEqual(rule.maxBytes);
      }),
    );
  });

  it('keeps every recent backup while the size cap allows', () => {
    fc.assert(
      fc.property(backupsArb, nowArb, ruleArb, (backups, now, rule) => {
        const left = kept(backups, now, { ...rule, maxBytes: Number.MAX_SAFE_INTEGER });
        for (const young of recent(backups, now, rule)) expect(left).toContain(young);
      }),
    );
  });

  it('is idempotent: what it keeps, it keeps again', () => {
    fc.assert(
      fc.property(backupsArb, nowArb, ruleArb, (backups, now, rule) => {
        expect(backupsToDelete(kept(backups, now, rule), now, rule)).toEqual([]);
      }),
    );
  });

  it('the size cap drops the oldest first', () => {
    fc.assert(
      fc.property(backupsArb, nowArb, ruleArb, (backups, now, rule) => {
        const uncapped = kept(backups, now, { ...rule, maxBytes: Number.MAX_SAFE_INTEGER });
        const capped = kept(backups, now, rule);
        // Every backup the cap removed is older than every one it left.
        const dropped = uncapped.filter((b) => !capped.includes(b));
        for (const gone of dropped)
          for (const stays of capped) expect(gone.at.getTime()).toBeLessThan(stays.at.getTime());
      }),
    );
  });

  it('keeps the newest of each of the last 7 days, 4 weeks and 6 months by default', () => {
    // One backup a day at noon for 400 days, each 1 MB.
    const backups = Array.from({ length: 400 }, (_, i) => ({
      id: `d${i}`,
      at: new Date(START + i * DAY + DAY / 2),
      bytes: 1_000_000,
    }));
    const left = kept(backups, new Date(START + 400 * DAY), RETENTION)
      .map((b) => b.at.toISOString().slice(0, 10))
      .sort()
      .reverse();
    expect(left).toEqual([
      // 7 days (Wednesday 4 February back to Thursday 29 January)…
      '2026-02-04',
      '2026-02-03',
      '2026-02-02',
      '2026-02-01',
      '2026-01-31',
      '2026-01-30',
      '2026-01-29',
      // …the newest of the 4 last weeks (Sunday 1 February is already kept as a day)…
      '2026-01-25',
      '2026-01-18',
      // …and of the 6 last months (February's and January's are already kept).
      '2025-12-31',
      '2025-11-30',
      '2025-10-31',
      '2025-09-30',
    ]);
  });
});
