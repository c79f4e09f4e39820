import type { DecimalSeparator } from '../../shared/imports';
import { minorDigits } from '../../shared/money';

/** Digits, optionally grouped in thousands by the other separator, then the decimals. */
const SHAPE: Readonly<Record<DecimalSeparator, RegExp>> = {
  ',': /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d*))?$/,
  '.': /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/,
};

export type Amount = { ok: true; minor: number } | { ok: false; message: string };

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
  const got = `(got "${text.length > 40 ? `${text.slice(0, 40)}…` : text}")`;
  // Most cells are bare digits; only the others pay for removing symbols and spaces.
  const s = /^\d+(?:[.,]\d+)?$/.test(text) ? text : clean(text, currency);
  if (/^-|^\(.*\)$|-$/.test(s)) return { ok: false, message: `must not be negative ${got}` };
  const group = decimal === ',' ? '.' : ',';
  const match = SHAPE[decimal].exec(s);
  if (!match) {
    if (/^[\d.,]+$/.test(s))
      return { ok: false, message: `is not an amount written with "${decimal}" for decimals ${got}` };
    return { ok: false, message: `is not a number ${got}` };
  }
  const whole = match[1]!
    .split(group)
    .join('')
    .replace(/^0+(?=\d)/, '');
  const digits = minorDigits(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits)
    return {
      ok: false,
      message: `${digits === 0 ? `${currency} has no decimal places` : `has more than ${digits} decimal places`} ${got}`,
    };
  if (whole.length > 13) return { ok: false, message: `is too large ${got}` };
  return { ok: true, minor: Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0') };
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
