import { addDays as addCalendarDays, format, isMatch, parseISO } from 'date-fns';

/**
 * Business dates are plain calendar days, `YYYY-MM-DD`, with no time zone: a sale closed
 * on 2026-03-01 stays on that day wherever the laptop travels. Events are ISO timestamps.
 */
export type IsoDate = string;

const isoDays = new Map<string, boolean>();

/** True for a real calendar day written `YYYY-MM-DD` (rejects 2026-02-31). */
export function isIsoDate(text: string): boolean {
  // Memoised: date-fns' isMatch costs microseconds, and an import of 100,000 sales checks
  // the same few hundred days over and over. Bounded, so it cannot grow without limit.
  let valid = isoDays.get(text);
  if (valid === undefined) {
    valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && isMatch(text, 'yyyy-MM-dd');
    if (isoDays.size >= 10_000) isoDays.clear();
    isoDays.set(text, valid);
  }
  return valid;
}

/** The local calendar day of an instant, as `YYYY-MM-DD`. */
export function localIsoDate(instant: Date): IsoDate {
  return format(instant, 'yyyy-MM-dd');
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return format(addCalendarDays(parseISO(date), days), 'yyyy-MM-dd');
}

export function formatDate(date: IsoDate, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(parseISO(date));
}
