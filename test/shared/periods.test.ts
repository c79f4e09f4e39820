import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayNumberToIso, periodContaining, splitRange } from '../../src-main/shared/dates';

/** Calendar periods (Home's week, month, quarter, year) and their cutting into days, weeks, months. */

const day = fc.integer({ min: 0, max: 40_000 }).map(dayNumberToIso); // 1970 to 2079

describe('calendar periods', () => {
  it('finds the week (Monday first), month, quarter and year of a day', () => {
    expect(periodContaining('2026-06-17', 'week')).toEqual({ from: '2026-06-15', to: '2026-06-21' });
    expect(periodContaining('2026-06-14', 'week')).toEqual({ from: '2026-06-08', to: '2026-06-14' });
    expect(periodContaining('2024-02-10', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodContaining('2026-06-17', 'quarter')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodContaining('2026-12-31', 'quarter')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodContaining('2026-06-17', 'year')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('moves by months to the same day, or the month’s last when it has none', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2026-06-17', -12)).toBe('2025-06-17');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('holds the day, and the period after a period starts the day after it ends (property)', () => {
    fc.assert(
      fc.property(day, fc.constantFrom('week', 'month', 'quarter', 'year' as const), (d, unit) => {
        const p = periodContaining(d, unit);
        expect(p.from <= d && d <= p.to).toBe(true);
        expect(periodContaining(p.from, unit)).toEqual(p);
        expect(periodContaining(addDays(p.to, 1), unit).from).toBe(addDays(p.to, 1));
      }),
    );
  });

  it('cuts a range into consecutive pieces that cover it exactly, each in one period (property)', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom('day', 'week', 'month' as const),
        (from, n, unit) => {
          const to = addDays(from, n);
          const pieces = splitRange(from, to, unit);
          expect(pieces[0]!.from).toBe(from);
          expect(pieces.at(-1)!.to).toBe(to);
          pieces.forEach((p, i) => {
            if (i > 0) expect(p.from).toBe(addDays(pieces[i - 1]!.to, 1));
            if (unit === 'day') expect(p.to).toBe(p.from);
            else expect(p.to <= periodContaining(p.from, unit).to).toBe(true);
          });
        },
      ),
    );
  });
});
