import { minorDigits, parseMajorAmount } from '../../shared/money';

/**
 * Reads an amount typed in major units ("1234.50") into minor units, or says precisely
 * what is wrong with it. A seller who types the Italian "12,50" must hear "use a dot",
 * not "invalid", and nothing may be rounded: parseMajorAmount refuses extra decimals.
 * `currency` must already be a valid code.
 */
export function parseAmountOption(
  raw: string,
  currency: string,
): { ok: true; minor: number } | { ok: false; message: string } {
  const minor = parseMajorAmount(raw, currency);
  if (minor !== null) return { ok: true, minor };
  const text = raw.trim();
  const got = `(got "${raw}")`;
  const digits = minorDigits(currency);
  if (/^-\s*\d/.test(text)) return { ok: false, message: `must not be negative ${got}` };
  if (/^\d+,\d{1,2}$/.test(text)) {
    return { ok: false, message: `use a dot for decimals, e.g. "${text.replace(',', '.')}" ${got}` };
  }
  if (/^\d+\.\d+$/.test(text)) {
    if (/^\d{14,}/.test(text)) return { ok: false, message: `is too large ${got}` };
    return {
      ok: false,
      message:
        digits === 0
          ? `${currency} has no decimal places ${got}`
          : `${currency} has at most ${digits} decimal places ${got}`,
    };
  }
  if (/^\d{1,3}([,.' ]\d{3})+([.,]\d+)?$/.test(text)) {
    return { ok: false, message: `write the amount without thousands separators, e.g. "1234.50" ${got}` };
  }
  if (/^\d{14,}$/.test(text)) return { ok: false, message: `is too large ${got}` };
  return { ok: false, message: `must be a number such as 1234.50 ${got}` };
}
