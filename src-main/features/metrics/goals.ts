import type { Kysely } from 'kysely';
import type { Aggregation, DailySeries, DayPoint, GoalMetric } from '../goals/contract/definition';
import type { DB } from '../../db/schema';
import { checkInFacts, interactionsPerDay } from './careRepository';
import { valuesBetween, type GoalFilterValues } from './goalsRepository';
import {
  decidedPerDay,
  firstPurchasesPerDay,
  ratingsPerDay,
  repeatPurchases,
  wonPerDay,
  type DayRow,
  type Range,
} from './goalsRepository';
import { computeCareMetrics } from './care';

/**
 * A goal's metric as a daily series (shared/goals.ts DailySeries) read from SQLite, for the
 * pure pace, forecast and chart functions. See shared/goalsApi.ts for what each metric counts.
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

/** Metrics that come from the care loop and can be narrowed by segment only. */
export const CARE_METRICS: readonly GoalMetric[] = ['checkins_on_time', 'interactions'];

/** The series from `range.from` through `range.to`; `asOf` is the day it is looked at from. */
export async function loadSeries(db: Kysely<DB>, spec: SeriesSpec, range: Range, asOf: string): Promise<DailySeries> {
  const f = spec.filters;
  const totals = (rows: readonly DayRow[]): DailySeries =>
    Object.fromEntries(rows.map((r): [string, DayPoint] => [r.day, { value: r.value, count: r.n }]));
  switch (spec.metric) {
    case 'revenue':
    case 'avg_deal':
      return totals(await wonPerDay(db, range, f, spec.currency));
    case 'deals_won':
      return totals(await wonPerDay(db, range, f, null));
    case 'win_rate':
      return totals(await decidedPerDay(db, range, f));
    case 'new_customers':
      return totals(await firstPurchasesPerDay(db, range, f));
    case 'repeat_customers':
      return repeatCustomers(await repeatPurchases(db, range, f), spec.windowOf);
    case 'avg_satisfaction':
      return totals(await ratingsPerDay(db, range, f, 'satisfaction'));
    case 'nps':
      return totals(await ratingsPerDay(db, range, f, 'nps'));
    case 'checkins_on_time':
      return checkInsOnTime(db, range, f.segments, asOf);
    case 'interactions':
      return interactions(db, range, f.segments);
    case 'custom':
      return customValues(db, spec.goalId, range, spec.aggregation);
  }
}

/** Each customer once per window, on the day of their first repeat purchase in it. */
function repeatCustomers(
  purchases: readonly { customerId: number; day: string }[],
  windowOf: (day: string) => string,
): DailySeries {
  // A few hundred distinct days behind tens of thousands of purchases: work out each day's window once.
  const windows = new Map<string, string>();
  const first = new Map<string, string>();
  for (const p of purchases) {
    let window = windows.get(p.day);
    if (window === undefined) windows.set(p.day, (window = windowOf(p.day)));
    const key = `${p.customerId}@${window}`;
    const seen = first.get(key);
    if (seen === undefined || p.day < seen) first.set(key, p.day);
  }
  const perDay: Record<string, number> = {};
  for (const day of first.values()) perDay[day] = (perDay[day] ?? 0) + 1;
  return perDay;
}

/**
 * The care loop's own on-time rule (services/care/metrics.ts): per due day, check-ins done
 * by their due date over those due and decided. Segments do not overlap, so several add up.
 */
async function checkInsOnTime(
  db: Kysely<DB>,
  range: Range,
  segments: readonly string[],
  asOf: string,
): Promise<DailySeries> {
  const series: Record<string, DayPoint> = {};
  for (const segment of segments.length > 0 ? segments : [undefined]) {
    const checkIns = await checkInFacts(db, range.from, range.to, { segment });
    const { daily } = computeCareMetrics({
      ...range,
      asOf,
      checkIns,
      interactions: [],
      complaints: [],
      purchases: { customersActive: 0, repeatCustomers: 0, previousCustomers: 0, retained: 0 },
    });
    for (const d of daily) {
      if (d.checkInsDue === 0) continue;
      const point = (series[d.date] ??= { value: 0, count: 0 });
      point.value += d.checkInsDueDoneOnTime;
      point.count += d.checkInsDue;
    }
  }
  return series;
}

async function interactions(db: Kysely<DB>, range: Range, segments: readonly string[]): Promise<DailySeries> {
  const series: Record<string, number> = {};
  for (const segment of segments.length > 0 ? segments : [undefined])
    for (const r of await interactionsPerDay(db, range.from, range.to, { segment }))
      series[r.day] = (series[r.day] ?? 0) + r.n;
  return series;
}

/**
 * Logged values: a day's points add up (sum, count), or each is one observation (average,
 * rate: a fraction per point), or the day's last one logged is its reading (latest).
 */
async function customValues(
  db: Kysely<DB>,
  goalId: number,
  range: Range,
  aggregation: Aggregation,
): Promise<DailySeries> {
  const series: Record<string, DayPoint> = {};
  for (const v of await valuesBetween(db, goalId, range.from, range.to)) {
    const point = (series[v.on_date] ??= { value: 0, count: 0 });
    point.value = aggregation === 'latest' ? v.value : point.value + v.value;
    point.count = aggregation === 'latest' ? 1 : point.count + 1;
  }
  return series;
}
