import { isValid, parse } from 'date-fns';
import { BUSINESS_DAYS, isBusinessDay } from '../../shared/dates';
import { DATE_FORMATS, type DateEvidence, type DateFormat } from './contract';

const SHAPES: Readonly<Record<DateFormat, RegExp>> = {
  'yyyy-MM-dd': /^\d{4}-\d{1,2}-\d{1,2}$/,
  'dd/MM/yyyy': /^\d{1,2}\/\d{1,2}\/\d{4}$/,
  'MM/dd/yyyy': /^\d{1,2}\/\d{1,2}\/\d{4}$/,
  'dd.MM.yyyy': /^\d{1,2}\.\d{1,2}\.\d{4}$/,
};
/** CRM exports add a time ("2026-03-10 14:22:05", "10/03/2026 14:22"); the day is what counts. */
const TIME = /[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const REFERENCE = new Date(2000, 0, 1);

/** A time that exists: 00:00 to 23:59:59 (a leap second, :60, allowed). */
function realTime(match: RegExpMatchArray): boolean {
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((n) => (n === undefined ? 0 : Number(n)));
  return hours! <= 23 && minutes! <= 59 && seconds! <= 60;
}

type Reading = { day: string } | { problem: DayProblem };
export type DayProblem = 'notDay' | 'notTime' | 'dayOutOfRange';

/** The day `text` names in `format` (ISO always accepted), or why it names none. */
function readDay(text: string, format: DateFormat): Reading {
  const trimmed = text.trim();
  const time = TIME.exec(trimmed);
  if (time && !realTime(time)) return { problem: 'notTime' };
  const value = time ? trimmed.slice(0, time.index) : trimmed;
  for (const f of format === 'yyyy-MM-dd' ? [format] : (['yyyy-MM-dd', format] as const)) {
    if (!SHAPES[f].test(value)) continue;
    const date = parse(value, f.replace('dd', 'd').replace('MM', 'M'), REFERENCE);
    if (!isValid(date)) break;
    const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    return isBusinessDay(day) ? { day } : { problem: 'dayOutOfRange' };
  }
  return { problem: 'notDay' };
}

/**
 * Memoised: date-fns' parse is exact but slow, and a file repeats the same few hundred days
 * thousands of times. Bounded so a file of distinct dates cannot grow it without limit.
 */
const caches = new Map<DateFormat, Map<string, string | null>>();

/** A day in `format` (ISO is always accepted) as YYYY-MM-DD, or null if it is not a real day. */
export function parseDay(text: string, format: DateFormat): string | null {
  let cache = caches.get(format);
  if (!cache) caches.set(format, (cache = new Map()));
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const reading = readDay(text, format);
  const result = 'day' in reading ? reading.day : null;
  if (cache.size > 20_000) cache.clear();
  cache.set(text, result);
  return result;
}

/**
 * Why parseDay gave null, as a row issue: not a day, a time that does not exist ("25:00"), or
 * a real day outside the years a business record can have (BUSINESS_DAYS).
 */
export function dayIssue(text: string, format: DateFormat): [key: DayProblem, values: Record<string, string>] {
  const reading = readDay(text, format);
  const key = 'problem' in reading ? reading.problem : 'notDay';
  if (key === 'dayOutOfRange')
    return [key, { first: BUSINESS_DAYS.first.slice(0, 4), last: BUSINESS_DAYS.last.slice(0, 4) }];
  return [key, key === 'notDay' ? { format } : {}];
}

/**
 * The formats that read every value. Several left means the values cannot tell them apart:
 * when both dd/MM and MM/dd remain, the caller must ask (see ambiguousDates).
 */
export function candidateFormats(values: Iterable<string>): DateFormat[] {
  let left = [...DATE_FORMATS];
  for (const v of values) {
    if (v.trim() === '') continue;
    left = left.filter((f) => parseDay(v, f) !== null);
    if (left.length === 0) break;
  }
  // ISO values read under every format (ISO is always accepted), so prefer it when it fits.
  return left.includes('yyyy-MM-dd') ? ['yyyy-MM-dd'] : left;
}

export interface DateDetection {
  /** null when the user must choose (ambiguous). */
  format: DateFormat | null;
  /** Some value reads as different days day-first and month-first, and nothing settles which. */
  ambiguous: boolean;
  /** Set when a value proved day-first or month-first. */
  evidence: DateEvidence | null;
  /**
   * Day-first and month-first both fit and read every value as the same day (01/01/2026):
   * day-first is taken, and rows read later that would differ are flagged.
   */
  undecided: boolean;
}

/** The first row only `format` reads, of the two ways to write a day with slashes. */
function proof(rows: readonly { line: number; value: string }[], format: DateEvidence['format']): DateEvidence | null {
  const other = format === 'dd/MM/yyyy' ? 'MM/dd/yyyy' : 'dd/MM/yyyy';
  const row = rows.find((r) => parseDay(r.value, format) !== null && parseDay(r.value, other) === null);
  return row ? { line: row.line, value: row.value, format } : null;
}

/**
 * How a column writes its days. A value with a first part above 12 (15/01/2026) can only be
 * day-first, and then so is 03/04/2026 in the same file; a second part above 12, month-first.
 * The user is asked only when a value reads as two different days and the file proves neither
 * reading, or proves both (then no reading fits every row, and guessing would move days).
 */
export function detectDateFormat(rows: Iterable<{ line: number; value: string }>): DateDetection {
  const filled = [...rows].filter((r) => r.value.trim() !== '');
  const values = filled.map((r) => r.value);
  const left = candidateFormats(values);
  const differs = values.some((v) => readsDifferently(v) !== null);
  const slashes = ['dd/MM/yyyy', 'MM/dd/yyyy'] as const;
  if (left.length === 1) {
    const format = left[0]!;
    const evidence = format === 'dd/MM/yyyy' || format === 'MM/dd/yyyy' ? proof(filled, format) : null;
    return { format, ambiguous: false, evidence, undecided: false };
  }
  const bothFit = slashes.every((f) => left.includes(f));
  const bothProved = left.length === 0 && slashes.every((f) => proof(filled, f) !== null);
  if ((bothFit || bothProved) && differs) return { format: null, ambiguous: true, evidence: null, undecided: false };
  if (left.length > 0) return { format: left[0]!, ambiguous: false, evidence: null, undecided: bothFit };
  // No format reads every value: take the one that reads most; the rest become row errors.
  const score = (f: DateFormat): number => values.filter((v) => candidateFormats([v]).includes(f)).length;
  const format = (['dd/MM/yyyy', 'MM/dd/yyyy', 'dd.MM.yyyy'] as const).reduce<DateFormat>(
    (a, b) => (score(b) > score(a) ? b : a),
    'yyyy-MM-dd',
  );
  return { format, ambiguous: false, evidence: null, undecided: false };
}

/** For the wizard: the values that mean a different day read as dd/MM/yyyy or as MM/dd/yyyy. */
export function readsDifferently(value: string): { dayFirst: string; monthFirst: string } | null {
  const dayFirst = parseDay(value, 'dd/MM/yyyy');
  const monthFirst = parseDay(value, 'MM/dd/yyyy');
  return dayFirst && monthFirst && dayFirst !== monthFirst ? { dayFirst, monthFirst } : null;
}

export function ambiguousDates<T extends { line: number; value: string }>(
  rows: Iterable<T>,
): { line: number; value: string; dayFirst: string; monthFirst: string }[] {
  const out: { line: number; value: string; dayFirst: string; monthFirst: string }[] = [];
  for (const r of rows) {
    const both = readsDifferently(r.value);
    if (both) out.push({ line: r.line, value: r.value, ...both });
  }
  return out;
}
