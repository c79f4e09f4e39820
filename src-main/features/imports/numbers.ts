import type { DecimalSeparator } from './contract';
import type { ImportIssueKey } from './issues';
import { minorDigits } from '../../shared/money';

/** Digits, optionally grouped in thousands by the other separator, then the decimals. */
const SHAPE: Readonly<Record<DecimalSeparator, RegExp>> = {
  ',': /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d*))?$/,
  '.': /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/,
};

/** Digits and the decimals, nothing else: the common case, read without any clean-up. */
const PLAIN: Readonly<Record<DecimalSeparator, RegExp>> = {
  ',': /^(\d+)(?:,(\d*))?$/,
  '.': /^(\d+)(?:\.(\d*))?$/,
};

export type Amount =
  { ok: true; minor: number } | { ok: false; key: ImportIssueKey; values: Readonly<Record<string, string | number>> };

const SYMBOLS = /^[€$£¥]|[€$£¥]$/g;
/** Spaces (also the non-breaking ones French and Excel use) and the Swiss apostrophe group digits. */
const GROUPING = /[\s\u00a0\u202f'’]/g;

function clean(text: string, currency: string): string {
  let s = text.trim().replace(SYMBOLS, '').replace(GROUPING, '');
  if (s.toUpperCase().startsWith(currency)) s = s.slice(currency.length);
  if (s.toUpperCase().endsWith(currency)) s = s.slice(0, -currency.length);
  return s;
}

/**
 * Reads "1.234,56" or "1,234.56" (per `decimal`) into integer minor units, by string math:
 * the digits are joined, never multiplied as floats. Refuses, with the reason, negatives,
 * malformed grouping and more decimals than the currency has (rounding money is a lie).
 * `currency` must be a valid code.
 */
export function parseAmount(text: string, decimal: DecimalSeparator, currency: string): Amount {
  // Most cells are bare digits with at most the decimal separator: no grouping to take out.
  const plain = PLAIN[decimal].exec(text);
  if (plain) return minorUnits(plain[1]!, plain[2] ?? '', currency);
  const s = clean(text, currency);
  if (/^-|^\(.*\)$|-$/.test(s)) return { ok: false, key: 'negative', values: {} };
  const group = decimal === ',' ? '.' : ',';
  const match = SHAPE[decimal].exec(s);
  if (!match) {
    if (/^[\d.,]+$/.test(s)) return { ok: false, key: 'wrongDecimal', values: { decimal } };
    return { ok: false, key: 'notNumber', values: {} };
  }
  return minorUnits(match[1]!.split(group).join(''), match[2] ?? '', currency);
}

function minorUnits(whole: string, decimals: string, currency: string): Amount {
  const digits = minorDigits(currency);
  const fraction = decimals.replace(/0+$/, '');
  if (fraction.length > digits)
    return digits === 0
      ? { ok: false, key: 'noDecimals', values: { currency } }
      : { ok: false, key: 'tooManyDecimals', values: { digits } };
  const significant = whole.replace(/^0+(?=\d)/, '');
  if (significant.length > 13) return { ok: false, key: 'tooLarge', values: {} };
  return { ok: true, minor: Number(significant) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0') };
}

/**
 * Which separator marks decimals in a column of amounts. A value with both separators, or
 * one with one or two digits after its only separator, decides; "1,234" alone could be
 * either. Returns null when the values disagree or nothing decides.
 */
export function detectDecimal(values: Iterable<string>): DecimalSeparator | null {
  const votes = { ',': 0, '.': 0 };
  for (const raw of values) {
    const s = raw.replace(GROUPING, '');
    const lastComma = s.lastIndexOf(',');
    const lastDot = s.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) votes[lastComma > lastDot ? ',' : '.']++;
    else if (lastComma >= 0 || lastDot >= 0) {
      const sep = lastComma >= 0 ? ',' : '.';
      const other = sep === ',' ? '.' : ',';
      const after = s.length - s.lastIndexOf(sep) - 1;
      if (s.indexOf(sep) !== s.lastIndexOf(sep)) votes[other]++;
      else if (after !== 3) votes[sep]++;
    }
  }
  if (votes[','] > 0 && votes['.'] > 0) return null;
  if (votes[','] > 0) return ',';
  if (votes['.'] > 0) return '.';
  return null;
}
