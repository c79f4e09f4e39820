import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricUnit, Recurrence } from '../../../../src-main/features/goals/contract/definition';
import { useFormat, type Formatters } from '../../i18n/format';
import { formatChance, formatValue } from './goalModel';

/** What a value is measured in: the goal's unit, and its currency when it is money. */
export interface Measure {
  unit: MetricUnit;
  currency: string | null;
}

export interface GoalFormatters extends Formatters {
  value(value: number, measure: Measure): string;
  /** Short, for chart axes: "€46.9K". */
  compact(value: number, measure: Measure): string;
  /** A value that may be missing (a level with no observation yet): an en dash. */
  maybe(value: number | null, measure: Measure): string;
  chance(probability: number): string;
  /** A share 0–1 as a percentage, whole unless `digits` says otherwise. */
  percent(share: number, digits?: number): string;
  /** A period of a recurring goal or of the scorecard: "Jun 2026", "Q2 2026", "2026", "1–7 Jun 2026". */
  period(from: string, to: string, every: Recurrence): string;
  /** "1 Apr – 30 Jun 2026". */
  range(from: string, to: string): string;
}

export function useGoalFormat(): GoalFormatters {
  const format = useFormat();
  const { t } = useTranslation();
  return useMemo(() => {
    const { locale } = format;
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const dateRange = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);
    return {
      ...format,
      value: (value, { unit, currency }) => formatValue(value, unit, currency, locale),
      compact: (value, { unit, currency }) => formatValue(value, unit, currency, locale, { compact: true }),
      maybe: (value, { unit, currency }) => (value === null ? '–' : formatValue(value, unit, currency, locale)),
      chance: (probability) => formatChance(probability, locale),
      percent: (share, digits = 0) =>
        new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share),
      range: (from, to) => dateRange.formatRange(utc(from), utc(to)),
      period: (from, to, every) => {
        if (every === 'monthly') return month.format(utc(from));
        if (every === 'yearly') return from.slice(0, 4);
        if (every === 'quarterly')
          return t('goals.quarter', {
            quarter: Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1,
            year: from.slice(0, 4),
          });
        return dateRange.formatRange(utc(from), utc(to));
      },
    };
  }, [format, t]);
}
