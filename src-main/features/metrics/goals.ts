import type { Kysely } from 'kysely';
import type { Aggregation, DailySeries, GoalMetric } from '../goals/contract/definition';
import type { DB } from '../../db/schema';
import type { GoalFilterValues, Range } from './facts';
import { readMetrics } from './definitions';

/**
 * A goal's metric as a daily series (goals' DailySeries) for the pure pace, forecast and
 * chart functions: the metric exactly as definitions.ts defines it for every other figure.
 */
export interface SeriesSpec {
  metric: GoalMetric;
  aggregation: Aggregation;
  /** Money metrics: only sales in this currency count (amounts are never converted). */
  currency: string | null;
  filters: GoalFilterValues;
  goalId: number;
  /**
   * repeat_customers: the first day of the goal's period containing a day (for history before
   * the period, the equally long window containing it), so a customer counts once per period.
   */
  windowOf: (day: string) => string;
}

/** The series from `range.from` through `range.to`; `asOf` is the day it is looked at from. */
export async function loadSeries(db: Kysely<DB>, spec: SeriesSpec, range: Range, asOf: string): Promise<DailySeries> {
  return readMetrics(db, {
    ...range,
    filter: { ...spec.filters, currency: spec.currency },
    asOf,
    windowOf: spec.windowOf,
    custom: { goalId: spec.goalId, aggregation: spec.aggregation },
  }).series(spec.metric);
}
