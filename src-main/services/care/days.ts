import { dayNumberToIso, isoToDayNumber } from '../../shared/dates';

/**
 * Calendar arithmetic on business dates comes from shared/dates.ts (whole day numbers, no
 * Date and no time zone, so a DST change or a month end cannot shift a day); these are the
 * two extra helpers the care loop needs.
 */
export { addDays, daysBetween } from '../../shared/dates';

/** Every day from `from` to `to` inclusive. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = isoToDayNumber(from); d <= isoToDayNumber(to); d++) days.push(dayNumberToIso(d));
  return days;
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
