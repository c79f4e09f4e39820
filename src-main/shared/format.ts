import type { Language } from './domain';
import { isIsoDate } from './dates';
import { minorDigits } from './money';

/**
 * The one way money, numbers and dates are written for people, in both languages: the renderer
 * (tables, cards, chart axes) and the CLI's tables use it. Browser-safe: Intl only.
 *
 * - Numbers are always grouped: Italian Intl leaves 4-digit numbers bare by default ("1715,00 €"
 *   next to "23.560,00 €" in one column), so grouping is forced.
 * - Dates read "3 dic 2026" / "3 Dec 2026": day without a leading zero, short month. Ranges are
 *   Intl's own ("1 ott – 31 dic 2026"), with the day's leading zero some ICU versions give an
 *   Italian range removed, so a range and a single date look alike.
 * - Axes shorten only from a million ("1,3 Mln €", "€1.3m"); below that they show the whole
 *   grouped figure ("800.000 €"), which reads better than "800K €" in Italian.
 */
export interface Format {
  locale: string;
  money(amountMinor: number, currency: string): string;
  /** A plain number, grouped; `fractionDigits` fixes the decimals, else up to 3 as needed. */
  number(value: number, fractionDigits?: number): string;
  /** A share 0–1 as a percentage, whole unless `digits` says otherwise. */
  percent(share: number, digits?: number): string;
  /** A `YYYY-MM-DD` day. */
  date(isoDate: string): string;
  /** Two `YYYY-MM-DD` days as one range. */
  range(from: string, to: string): string;
  /** An event's ISO timestamp, in local time. */
  dateTime(isoTimestamp: string): string;
  /** Short, for chart axes: money in minor units. */
  compactMoney(amountMinor: number, currency: string): string;
  /** Short, for chart axes. */
  compactNumber(value: number): string;
  /** Time in minutes ("30 min", "1,250.5 min"): up to one decimal, or short for chart axes. */
  minutes(value: number, compact?: boolean): string;
}

/** The one place a language becomes a formatting locale (Europe-based sellers: en-GB style). */
export const LOCALES: Record<Language, string> = { en: 'en-GB', it: 'it-IT' };

const COMPACT_FROM = 1_000_000;
const GROUPED = { useGrouping: 'always' } as const;
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };

/** The calendar day of a `YYYY-MM-DD` date (or of a timestamp that starts with one), at UTC midnight. */
const utc = (isoDate: string): Date => new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
const noLeadingZero = (parts: Intl.DateTimeFormatPart[]): string =>
  parts.map((part) => (part.type === 'day' ? String(Number(part.value)) : part.value)).join('');

function create(locale: string): Format {
  const numbers = new Map<string, Intl.NumberFormat>();
  /** Intl formatters are costly to make and a table formats thousands of cells: one per shape. */
  const number = (options: Intl.NumberFormatOptions): Intl.NumberFormat => {
    const key = JSON.stringify(options);
    let made = numbers.get(key);
    if (!made) numbers.set(key, (made = new Intl.NumberFormat(locale, { ...GROUPED, ...options })));
    return made;
  };
  // Made when first used: a command that prints no date (`rapport stats`) makes none.
  let dayFormat: Intl.DateTimeFormat | undefined;
  let momentFormat: Intl.DateTimeFormat | undefined;
  const day = (): Intl.DateTimeFormat => (dayFormat ??= new Intl.DateTimeFormat(locale, DAY));
  const moment = (): Intl.DateTimeFormat =>
    (momentFormat ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const money = (amountMinor: number, currency: string, options: Intl.NumberFormatOptions = {}): string => {
    const digits = minorDigits(currency);
    return number({
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...options,
    }).format(amountMinor / 10 ** digits);
  };
  const compact = (value: number): Intl.NumberFormatOptions =>
    Math.abs(value) >= COMPACT_FROM
      ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }
      : { minimumFractionDigits: 0, maximumFractionDigits: Math.abs(value) >= 10 ? 0 : 1 };
  return {
    locale,
    money: (amountMinor, currency) => money(amountMinor, currency),
    number: (value, fractionDigits) =>
      number(
        fractionDigits === undefined
          ? {}
          : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
      ).format(value),
    percent: (share, digits = 0) => number({ style: 'percent', maximumFractionDigits: digits }).format(share),
    date: (isoDate) => noLeadingZero(day().formatToParts(utc(isoDate))),
    range: (from, to) =>
      from === to
        ? noLeadingZero(day().formatToParts(utc(from)))
        : noLeadingZero(day().formatRangeToParts(utc(from), utc(to))),
    dateTime: (isoTimestamp) => moment().format(new Date(isoTimestamp)),
    compactMoney: (amountMinor, currency) =>
      money(amountMinor, currency, compact(amountMinor / 10 ** minorDigits(currency))),
    compactNumber: (value) => number(compact(value)).format(value),
    minutes: (value, short = false) =>
      number({
        style: 'unit',
        unit: 'minute',
        unitDisplay: 'short',
        ...(short ? compact(value) : { maximumFractionDigits: 1 }),
      }).format(value),
  };
}

const made = new Map<string, Format>();

/** The formatter for a language (or a locale such as 'it-IT'), made once. */
export function formatFor(language: Language | string): Format {
  const locale = (LOCALES as Record<string, string>)[language] ?? language;
  let format = made.get(locale);
  if (!format) made.set(locale, (format = create(locale)));
  return format;
}

/**
 * How a date field writes a `YYYY-MM-DD` day: dd/mm/yyyy in both languages (English is
 * formatted as en-GB), so a field reads the same way as the rest of the screen.
 */
export function dayInputText(isoDate: string): string {
  return isIsoDate(isoDate) ? `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}` : isoDate;
}

const DAY_FIRST = /^(\d{1,2})[/.\-\s]+(\d{1,2})[/.\-\s]+(\d{4}|\d{2})$/;
const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * The `YYYY-MM-DD` day a person typed in a date field, or null when it is not a real day.
 * Forgiving: day first with `/`, `.`, `-` or spaces between ("1/3/2026", "01.03.2026"), a
 * two-digit year is this century ("1-3-26"), and an ISO date pasted from elsewhere is taken as is.
 */
export function parseDayInput(text: string): string | null {
  const trimmed = text.trim();
  const iso = ISO_LIKE.exec(trimmed);
  const dayFirst = iso ? null : DAY_FIRST.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : null;
  if (!parts) return null;
  const [year, month, day] = parts as [string, string, string];
  const candidate = `${year.length === 2 ? `20${year}` : year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(candidate) ? candidate : null;
}
