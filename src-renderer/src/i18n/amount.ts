import type { Language } from '../../../src-main/shared/domain';
import { parseMajorAmount, toMajorString } from '../../../src-main/shared/money';

const SEPARATORS: Record<Language, { decimal: string; group: string }> = {
  en: { decimal: '.', group: ',' },
  it: { decimal: ',', group: '.' },
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads an amount typed by a person into minor units, or null when it is not one.
 *
 * Accepts the language's own writing ("1.234,50" in Italian, "1,234.50" in English), the same
 * without grouping ("1234,50"), and the other decimal mark when it cannot be a group mark
 * ("1234.50" typed on an Italian keypad). "1.234" in Italian is one thousand two hundred
 * thirty-four, as an Italian would read it. The conversion itself is parseMajorAmount's
 * string-and-integer arithmetic, so no float ever touches the money.
 */
export function parseLocaleAmount(text: string, currency: string, language: Language): number | null {
  const { decimal, group } = SEPARATORS[language];
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const grouped = new RegExp(`^\\d{1,3}(?:${escape(group)}\\d{3})+(?:${escape(decimal)}\\d+)?$`);

  let plain: string;
  if (grouped.test(compact)) plain = compact.split(group).join('').replace(decimal, '.');
  else if (!compact.includes(group)) plain = compact.replace(decimal, '.');
  else if (!compact.includes(decimal) && compact.split(group).length === 2) plain = compact.replace(group, '.');
  else return null;

  return parseMajorAmount(plain, currency);
}

/** Minor units as a person would type them back in this language, without grouping ("1234,50"). */
export function formatAmountInput(amountMinor: number, currency: string, language: Language): string {
  return toMajorString(amountMinor, currency).replace('.', SEPARATORS[language].decimal);
}
