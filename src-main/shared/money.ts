/**
 * Money is an integer amount of minor units (cents) plus an ISO 4217 code.
 * Floats never hold money: parsing goes through strings so 0.1 + 0.2 never leaks in.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD'] as const;

const digitsCache = new Map<string, number>();

/** Number of minor-unit digits of a currency (2 for EUR, 0 for JPY), from Intl. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

let knownCurrencies: Set<string> | undefined;

/** A real ISO 4217 code: Intl formats any three letters, so ask for the list it knows. */
export function isCurrencyCode(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/**
 * Parses a major-unit amount written with a dot as decimal separator ("1234.50", "12")
 * into minor units. Returns null for anything else, including more decimals than the
 * currency has — rounding someone's money silently would be a lie.
 */
export function parseMajorAmount(text: string, currency: string): number | null {
  const match = /^\s*(\d{1,13})(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return null;
  const digits = minorDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units back to a plain major-unit string ("1234.50"), for CLI output and CSV. */
export function toMajorString(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}
