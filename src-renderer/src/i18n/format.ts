import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../src-main/shared/dates';
import { formatMoney } from '../../../src-main/shared/money';
import { isLanguage, LOCALES } from './index';

export interface Formatters {
  locale: string;
  money(amountMinor: number, currency: string): string;
  date(isoDate: string): string;
  /** An event's ISO timestamp, in local time. */
  dateTime(isoTimestamp: string): string;
  number(value: number, fractionDigits?: number): string;
}

function useLocale(): string {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? LOCALES[i18n.language] : LOCALES.en;
}

export function useFormat(): Formatters {
  const locale = useLocale();
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale);
    const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale,
      money: (amountMinor, currency) => formatMoney(amountMinor, currency, locale),
      date: (isoDate) => formatDate(isoDate, locale),
      dateTime: (isoTimestamp) => moment.format(new Date(isoTimestamp)),
      number: (value, fractionDigits) =>
        fractionDigits === undefined
          ? integer.format(value)
          : new Intl.NumberFormat(locale, {
              minimumFractionDigits: fractionDigits,
              maximumFractionDigits: fractionDigits,
            }).format(value),
    };
  }, [locale]);
}
