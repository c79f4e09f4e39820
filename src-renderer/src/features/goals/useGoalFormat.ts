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
  /** Short, for chart axes: "800.000 €", "1,3 Mln €". */
  compact(value: number, measure: Measure): string;
  /** A value that may be missing (a level with no observation yet): an en dash. */
  maybe(value: number | null, measure: Measure): string;
  chance(probability: number): string;
  /** A period of a recurring goal or of the scorecard: "Jun 2026", "Q2 2026", "2026", "1–7 Jun 2026". */
  period(from: string, to: string, every: Recurrence): string;
}

export function useGoalFormat(): GoalFormatters {
  const format = useFormat();
  const { t } = useTranslation();
  return useMemo(() => {
    const { locale } = format;
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);
    return {
      ...format,
      value: (value, { unit, currency }) => formatValue(value, unit, currency, locale),
      compact: (value, { unit, currency }) => formatValue(value, unit, currency, locale, { compact: true }),
      maybe: (value, { unit, currency }) => (value === null ? '–' : formatValue(value, unit, currency, locale)),
      chance: (probability) => formatChance(probability, locale),
      period: (from, to, every) => {
        if (every === 'monthly') return month.format(utc(from));
        if (every === 'yearly') return from.slice(0, 4);
        if (every === 'quarterly')
          return t('goals.quarter', {
            quarter: Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1,
            year: from.slice(0, 4),
          });
        return format.range(from, to);
      },
    };
  }, [format, t]);
}
