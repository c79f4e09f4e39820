import {
  civilToDayNumber,
  dayNumberToCivil,
  dayNumberToIso,
  isIsoDate,
  isoToDayNumber,
  type DayNumber,
  type IsoDate,
} from '../../shared/dates';
import { DEFAULT_CALENDAR, type DateRange, type Recurrence, type WorkCalendar } from './contract/definition';
import { AppError } from '../../kernel/errors';

/**
 * Date-only arithmetic for goals, on day numbers (shared/dates.ts): no Date, no time zone,
 * so loops over years of days stay cheap and no daylight-saving change can shift a day.
 */
export type { DayNumber };

/** The day number of `YYYY-MM-DD`; a clear error for anything that is not a real day. */
export function dayNumber(date: IsoDate): DayNumber {
  if (typeof date !== 'string' || !isIsoDate(date))
    throw new AppError('invalid_input', `"${String(date)}" is not a calendar day written YYYY-MM-DD.`);
  return isoToDayNumber(date);
}

export const isoFromDayNumber = dayNumberToIso;

/** 0 Sunday … 6 Saturday, as Date.getDay and the working-days setting count them. */
export function weekdayOf(day: DayNumber): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

/** Month 1–12 of a day number. */
export function monthOf(day: DayNumber): number {
  return dayNumberToCivil(day).month;
}

/** `date` moved by `days`, after checking it is a real day. */
function shift(date: IsoDate, days: number): IsoDate {
  return dayNumberToIso(dayNumber(date) + days);
}

export function daysInMonth(year: number, month: number): number {
  return (
    civilToDayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - civilToDayNumber(year, month, 1)
  );
}

/**
 * The same day `months` later (or earlier), kept inside the target month: Jan 31 + 1 month is
 * Feb 28 (29 in a leap year), Feb 29 − 12 months is Feb 28.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  dayNumber(date);
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return isoFromDayNumber(civilToDayNumber(year, month, day));
}

// ---- recurring periods --------------------------------------------------------------------

/**
 * The calendar week (starting on `weekStartsOn`, 1 = Monday), month, quarter or year that
 * contains `date`.
 */
export function periodContaining(date: IsoDate, every: Recurrence, weekStartsOn = 1): DateRange {
  const day = dayNumber(date);
  if (every === 'weekly') {
    const start = day - ((weekdayOf(day) - weekStartsOn + 7) % 7);
    return { from: isoFromDayNumber(start), to: isoFromDayNumber(start + 6) };
  }
  const { year, month } = dayNumberToCivil(day);
  const firstMonth = every === 'monthly' ? month : every === 'quarterly' ? month - ((month - 1) % 3) : 1;
  const months = every === 'monthly' ? 1 : every === 'quarterly' ? 3 : 12;
  const lastMonth = firstMonth + months - 1;
  return {
    from: isoFromDayNumber(civilToDayNumber(year, firstMonth, 1)),
    to: isoFromDayNumber(civilToDayNumber(year, lastMonth, daysInMonth(year, lastMonth))),
  };
}

/** The period right after (`step` 1) or before (`step` −1) the one containing `date`. */
export function adjacentPeriod(date: IsoDate, every: Recurrence, step: 1 | -1, weekStartsOn = 1): DateRange {
  const current = periodContaining(date, every, weekStartsOn);
  return periodContaining(shift(step === 1 ? current.to : current.from, step), every, weekStartsOn);
}

/** The `count` periods before the one containing `date`, most recent first. */
export function previousPeriods(date: IsoDate, every: Recurrence, count: number, weekStartsOn = 1): DateRange[] {
  const periods: DateRange[] = [];
  let cursor = periodContaining(date, every, weekStartsOn);
  for (let i = 0; i < count; i++) {
    cursor = periodContaining(shift(cursor.from, -1), every, weekStartsOn);
    periods.push(cursor);
  }
  return periods;
}

/** Every period from the one containing `from` through the one containing `to`, oldest first. */
export function periodsBetween(from: IsoDate, to: IsoDate, every: Recurrence, weekStartsOn = 1): DateRange[] {
  if (dayNumber(to) < dayNumber(from)) return [];
  const periods: DateRange[] = [];
  let cursor = periodContaining(from, every, weekStartsOn);
  for (;;) {
    periods.push(cursor);
    if (cursor.to >= to) return periods;
    cursor = periodContaining(shift(cursor.to, 1), every, weekStartsOn);
  }
}

// ---- working days -------------------------------------------------------------------------

/**
 * A calendar made ready for day-number checks. Breaks are kept as sorted, merged ranges so
 * a holiday list of any length costs a binary search, not a set of every day.
 */
export interface WorkingDays {
  readonly weekdays: readonly number[];
  isWorkingDay(day: DayNumber): boolean;
}

export function workingDays(calendar: WorkCalendar = DEFAULT_CALENDAR): WorkingDays {
  if (calendar.weekdays.length === 0)
    throw new AppError('invalid_input', 'A work calendar needs at least one weekday.');
  const weekSet = new Array<boolean>(7).fill(false);
  for (const w of calendar.weekdays) {
    if (!Number.isInteger(w) || w < 0 || w > 6)
      throw new AppError('invalid_input', `Weekday ${String(w)} is not 0 (Sunday) to 6 (Saturday).`);
    weekSet[w] = true;
  }
  const ranges = calendar.breaks
    .map((b): [number, number] => {
      const from = dayNumber(b.from);
      const to = dayNumber(b.to);
      if (to < from) throw new AppError('invalid_input', `The break from ${b.from} ends before it starts (${b.to}).`);
      return [from, to];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const onBreak = (day: DayNumber): boolean => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [from, to] = merged[mid]!;
      if (day < from) hi = mid - 1;
      else if (day > to) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return {
    weekdays: [...new Set(calendar.weekdays)].sort(),
    isWorkingDay: (day) => weekSet[weekdayOf(day)]! && !onBreak(day),
  };
}

/** The working days from `from` through `to` (inclusive), as day numbers in order. */
export function workingDayNumbers(from: DayNumber, to: DayNumber, days: WorkingDays): DayNumber[] {
  const result: DayNumber[] = [];
  for (let d = from; d <= to; d++) if (days.isWorkingDay(d)) result.push(d);
  return result;
}

/** How many working days lie from `from` through `to`, both included (0 when `to` is earlier). */
export function countWorkingDays(from: IsoDate, to: IsoDate, calendar: WorkCalendar = DEFAULT_CALENDAR): number {
  return workingDayNumbers(dayNumber(from), dayNumber(to), workingDays(calendar)).length;
}

export function isWorkingDay(date: IsoDate, calendar: WorkCalendar = DEFAULT_CALENDAR): boolean {
  return workingDays(calendar).isWorkingDay(dayNumber(date));
}
