import type { GoalDetail } from '../../../../src-main/features/goals/contract/api';
import type { GoalFormatters } from './useGoalFormat';

/** A sentence to say: its message key and the values that go into it, already formatted. */
export interface Sentence {
  key: string;
  values: Record<string, string | number>;
}

/**
 * The forecast in plain words, from the facts the backend gives (forecastDetail.basis):
 * how much of the seller's own history it rests on, the chance of making the target by the
 * deadline, the most likely end value and the range most futures end in.
 */
export function forecastSentences(detail: GoalDetail, format: GoalFormatters): Sentence[] {
  const { goal, pace, forecastDetail: forecast, period } = detail;
  const measure = { unit: goal.unit, currency: goal.currency };
  const basis = forecast.basis;
  if (basis.method === 'final' || pace.final) return [{ key: 'goals.forecast.final', values: {} }];
  if (basis.method === 'insufficient_history' || forecast.probability === null || forecast.projected === null)
    return [
      {
        key: 'goals.forecast.insufficient',
        values: {
          count: basis.historyWorkingDays,
          days: format.number(basis.historyWorkingDays),
          minimum: format.number(basis.minimumWorkingDays),
        },
      },
    ];

  const [lowQuantile, highQuantile] = basis.interval;
  const range =
    forecast.low !== null && forecast.high !== null
      ? {
          low: format.value(forecast.low, measure),
          high: format.value(forecast.high, measure),
          inTen: Math.round((highQuantile - lowQuantile) * 10),
        }
      : null;
  const common = {
    count: basis.historyWorkingDays,
    days: format.number(basis.historyWorkingDays),
    target: format.value(pace.target, measure),
    date: format.date(period.to),
    chance: format.chance(forecast.probability),
    projected: format.value(forecast.projected, measure),
  };
  const sentences: Sentence[] = [
    pace.status === 'achieved'
      ? { key: 'goals.forecast.already', values: common }
      : {
          key: goal.direction === 'at_least' ? 'goals.forecast.chanceAtLeast' : 'goals.forecast.chanceAtMost',
          values: common,
        },
  ];
  if (range) sentences.push({ key: 'goals.forecast.range', values: { ...range, projected: common.projected } });
  if (forecast.linear.projected !== null)
    sentences.push({
      key: 'goals.forecast.linear',
      values: { linear: format.value(forecast.linear.projected, measure) },
    });
  return sentences;
}
