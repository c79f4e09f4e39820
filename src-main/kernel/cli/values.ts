import type { MessageValues } from '../../shared/api';
import { minorDigits, parseMajorAmount } from '../../shared/money';

/**
 * Reads an amount typed in major units ("1234.50") into minor units, or says precisely
 * what is wrong with it (a cli.issues.* key and its values). A seller who types the Italian "12,50" must hear "use a dot",
 * not "invalid", and nothing may be rounded: parseMajorAmount refuses extra decimals.
 * `currency` must already be a valid code.
 */
export function parseAmountOption(
  raw: string,
  currency: string,
): { ok: true; minor: number } | { ok: false; message: string; values: MessageValues } {
  const minor = parseMajorAmount(raw, currency);
  if (minor !== null) return { ok: true, minor };
  const text = raw.trim();
  const no = (key: string, values: MessageValues = {}) =>
    ({ ok: false, message: `cli.issues.${key}`, values: { raw, ...values } }) as const;
  const digits = minorDigits(currency);
  if (/^-\s*\d/.test(text)) return no('negativeGot');
  if (/^\d+,\d{1,2}$/.test(text)) return no('useDot', { example: text.replace(',', '.') });
  if (/^\d+\.\d+$/.test(text)) {
    if (/^\d{14,}/.test(text)) return no('tooLargeGot');
    return digits === 0 ? no('noDecimals', { currency }) : no('maxDecimals', { currency, digits });
  }
  if (/^\d{1,3}([,.' ]\d{3})+([.,]\d+)?$/.test(text)) return no('noThousands');
  if (/^\d{14,}$/.test(text)) return no('tooLargeGot');
  return no('amountGot');
}
