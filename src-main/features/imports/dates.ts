import { isValid, parse } from 'date-fns';
import { DATE_FORMATS, type DateFormat } from './contract';

const SHAPES: Readonly<Record<DateFormat, RegExp>> = {
  'yyyy-MM-dd': /^\d{4}-\d{1,2}-\d{1,2}$/,
  'dd/MM/yyyy': /^\d{1,2}\/\d{1,2}\/\d{4}$/,
  'MM/dd/yyyy': /^\d{1,2}\/\d{1,2}\/\d{4}$/,
  'dd.MM.yyyy': /^\d{1,2}\.\d{1,2}\.\d{4}$/,
};
/** CRM exports add a time ("2026-03-10 14:22:05", "10/03/2026 14:22"); the day is what counts. */
const TIME = /[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const REFERENCE = new Date(2000, 0, 1);

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
  const value = text.trim().replace(TIME, '');
  let result: string | null = null;
  for (const f of format === 'yyyy-MM-dd' ? [format] : (['yyyy-MM-dd', format] as const)) {
    if (!SHAPES[f].test(value)) continue;
    const date = parse(value, f.replace('dd', 'd').replace('MM', 'M'), REFERENCE);
    if (isValid(date))
      result = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    break;
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(text, result);
  return result;
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

export function detectDateFormat(values: Iterable<string>): { format: DateFormat | null; ambiguous: boolean } {
  const left = candidateFormats(values);
  if (left.length === 1) return { format: left[0]!, ambiguous: false };
  const ambiguous = left.includes('dd/MM/yyyy') && left.includes('MM/dd/yyyy');
  return { format: null, ambiguous };
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
