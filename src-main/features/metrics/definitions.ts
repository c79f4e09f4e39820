import type { Kysely } from 'kysely';
import type { Aggregation } from '../goals/contract/definition';
import type { DB } from '../../db/schema';
import { addDays, daysBetween, eachDay } from '../../shared/dates';
import { median } from '../../shared/statistics';
import { lowerBound } from '../../shared/sorted';
import {
  checkInsDuePerDay,
  complaintsClosedCountPerDay,
  complaintsClosedPerDay,
  complaintsOpenAt,
  complaintsOpenedPerDay,
  customersPerDay,
  decidedSalesPerDay,
  firstPurchasesPerDay,
  interactionsPerDay,
  itemsFinishedPerDay,
  learningPerDay,
  openSalesPerDay,
  purchaseDays,
  ratingsPerDay,
  repeatRevenuePerDay,
  revenuePerDay,
  takeawaysTriedPerDay,
  valuesBetween,
  narrowsNothing,
  type CustomerWindow,
  type MetricFilter,
  type Range,
  type RatingsDay,
} from './facts';

/**
 * THE definition of every figure Rapport shows: `rapport stats` / stats.summary, the goals and
 * the care metrics all read them here. Each metric is one per-day series (a day's `value` and
 * `count`, see DayPoint) read from facts.ts, and its period total is reduced from that very
 * series, so the two cannot disagree. Filters: see MetricFilter.
 *
 * - revenue: Σ amount of won sales, by closing day, in the filter's currency only.
 * - deals_won / deals_lost: sales won / lost, by closing day (every currency).
 * - deals_open: sales still open, by the day they were opened.
 * - win_rate: won / (won + lost), by closing day.
 * - avg_deal: revenue / won sales in the currency.
 * - customers_active: customers with a won sale, each once per window (the period), on their
 *   first purchase day in it.
 * - new_customers: customers on the day of their first won sale ever.
 * - repeat_customers: customers with a won sale that is their second or later, each once per
 *   window, on the first such day; repeat_purchase_rate: repeat_customers / customers_active.
 * - repeat_revenue_share: of revenue, the share from repeat purchases (a won sale whose
 *   customer had an earlier won sale, by closing day then by id), by closing day.
 * - avg_satisfaction: the mean of EVERY satisfaction answer (1–5) given in the period: the
 *   score recorded on a sale when it closed (won or lost, by closing day) and each completed
 *   check-in's (by completion day).
 * - nps: over the same answers (0–10), promoters (9–10) % − detractors (0–6) %. Each answer
 *   scores +100, 0 or −100 and the figure is their mean, so a day carries (Σ scores, answers).
 * - checkins_on_time: per due day, check-ins done by their due date over those due and
 *   decided (done, skipped, or pending past the due date as of `asOf`).
 * - complaints_opened / complaints_resolved: by the day opened / resolved (closed unresolved
 *   is not resolved); median_days_to_resolve: the median days open of those resolved.
 * - complaints_open: complaints open at the end of each day (opened by then, not closed by
 *   then, resolved or not); a period's figure is its last day's.
 * - interactions: interactions logged, by day.
 * - items_finished: library items done, by the day they were finished (status done and a
 *   finished day; abandoned ones are not finished).
 * - learning_minutes / pages_read: minutes and pages of the learning sessions (one per item
 *   and day: playback and progress add to it), by day.
 * - takeaways_tried: takeaways by the day they were first tried on a sale.
 * - custom: a goal's logged values, reduced by the goal's aggregation.
 * Sales-side filters (products, techniques) do not apply to check-ins on time, interactions
 * and complaints, which are narrowed by customer (segment) only. No filter applies to the
 * learning metrics (LEARNING_METRICS): they count the seller's own learning, with no sale and
 * no customer, so they ignore the filter (goals refuse one).
 */
export const METRIC_NAMES = [
  'revenue',
  'deals_won',
  'deals_lost',
  'deals_open',
  'win_rate',
  'avg_deal',
  'customers_active',
  'new_customers',
  'repeat_customers',
  'repeat_purchase_rate',
  'repeat_revenue_share',
  'avg_satisfaction',
  'nps',
  'checkins_on_time',
  'complaints_opened',
  'complaints_resolved',
  'median_days_to_resolve',
  'complaints_open',
  'interactions',
  'items_finished',
  'learning_minutes',
  'pages_read',
  'takeaways_tried',
  'custom',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics of the care loop that can be narrowed by customer (segment) only. */
export const CARE_METRICS: readonly MetricName[] = [
  'checkins_on_time',
  'complaints_opened',
  'complaints_resolved',
  'median_days_to_resolve',
  'complaints_open',
  'interactions',
];

/** Metrics of the seller's own learning (the library): no filter narrows them. */
export const LEARNING_METRICS: readonly MetricName[] = [
  'items_finished',
  'learning_minutes',
  'pages_read',
  'takeaways_tried',
];

/**
 * One day of a metric: the day's total (sums and counts), or the numerator and denominator
 * of a mean or rate (`value` / `count`). Same shape as the goals' DayPoint.
 */
export interface DayPoint {
  value: number;
  count: number;
}
export type Series = Record<string, DayPoint>;

/**
 * How a period's total comes from its days: `sum` Σ value; `ratio` Σ value / Σ count (null
 * without any count); `median` (median_days_to_resolve: from the per-day histogram);
 * `latest` the last day's value.
 */
type Reduction = 'sum' | 'ratio' | 'median' | 'latest';
const REDUCTION: Readonly<Record<Exclude<MetricName, 'custom'>, Reduction>> = {
  revenue: 'sum',
  deals_won: 'sum',
  deals_lost: 'sum',
  deals_open: 'sum',
  win_rate: 'ratio',
  avg_deal: 'ratio',
  customers_active: 'sum',
  new_customers: 'sum',
  repeat_customers: 'sum',
  repeat_purchase_rate: 'ratio',
  repeat_revenue_share: 'ratio',
  avg_satisfaction: 'ratio',
  nps: 'ratio',
  checkins_on_time: 'ratio',
  complaints_opened: 'sum',
  complaints_resolved: 'sum',
  median_days_to_resolve: 'median',
  complaints_open: 'latest',
  interactions: 'sum',
  items_finished: 'sum',
  learning_minutes: 'sum',
  pages_read: 'sum',
  takeaways_tried: 'sum',
};
const CUSTOM_REDUCTION: Readonly<Record<Aggregation, Reduction>> = {
  sum: 'sum',
  count: 'sum',
  average: 'ratio',
  rate: 'ratio',
  latest: 'latest',
};

/** Decimal places a figure is shown with (stats, care); unlisted ones are shown as computed. */
const PLACES: Partial<Record<MetricName, number>> = {
  avg_deal: 0,
  win_rate: 4,
  repeat_purchase_rate: 4,
  repeat_revenue_share: 4,
  checkins_on_time: 4,
  avg_satisfaction: 2,
  nps: 1,
};
export const roundTo = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;
/** A figure rounded as it is shown; goals keep the exact value and round on screen. */
export function shown(metric: MetricName, value: number | null): number | null {
  const places = PLACES[metric];
  return value === null || places === undefined ? value : roundTo(value, places);
}

export interface MetricScope extends Range {
  filter: MetricFilter;
  /** The day looked from: a pending check-in counts as missed only once its due date has passed. */
  asOf: string;
  /**
   * customers_active, repeat_customers: the first day of the window containing a day, so a
   * customer counts once per window. Default: the whole range is one window.
   */
  windowOf?: (day: string) => string;
  /** custom: the goal whose values to read and how they add up. */
  custom?: { goalId: number; aggregation: Aggregation };
}

export interface MetricReader {
  /** The metric per day over the scope's range; days with nothing are left out. */
  series(metric: MetricName): Promise<Series>;
  /** The metric over the whole range, reduced from the same series (null: nothing to measure). */
  total(metric: MetricName): Promise<number | null>;
  /**
   * The metric over the days `from`–`to` of the range, reduced from the same series (a trend's
   * week or month). Counts of customers follow the scope's windows: see MetricScope.windowOf.
   */
  totalBetween(metric: MetricName, from: string, to: string): Promise<number | null>;
  /** The facts behind the figures, for reports that break them down (care). */
  facts: ReturnType<typeof factsOf>;
}

/** Each fact query runs at most once per reader, however many figures share it. */
function factsOf(db: Kysely<DB>, scope: MetricScope, windowOf: (day: string) => string) {
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let loaded: Promise<T> | undefined;
    return () => (loaded ??= load());
  };
  const f = scope.filter;
  return {
    decidedSales: once(() => decidedSalesPerDay(db, scope, f)),
    revenue: once(() => revenuePerDay(db, scope, f)),
    repeatRevenue: once(() => repeatRevenuePerDay(db, scope, f)),
    complaintsOpenBefore: once(() => complaintsOpenAt(db, addDays(scope.from, -1), f)),
    openSales: once(() => openSalesPerDay(db, scope, f)),
    firstPurchases: once(() => firstPurchasesPerDay(db, scope, f)),
    purchaseDays: once(() => purchaseDays(db, scope, f)),
    /** Without a filter, customers once per window added up ahead; null: count them from purchaseDays. */
    customers: once(async () => {
      const windows = narrowsNothing(f) ? windowsOf(scope, windowOf) : null;
      return windows === null ? null : customersPerDay(db, windows);
    }),
    ratings: once(() => ratingsPerDay(db, scope, f)),
    checkInsDue: once(() => checkInsDuePerDay(db, scope, f, scope.asOf)),
    interactions: once(() => interactionsPerDay(db, scope, f)),
    complaintsOpened: once(() => complaintsOpenedPerDay(db, scope, f)),
    complaintsClosed: once(() => complaintsClosedPerDay(db, scope, f)),
    complaintsClosedCount: once(() => complaintsClosedCountPerDay(db, scope, f)),
    itemsFinished: once(() => itemsFinishedPerDay(db, scope)),
    learning: once(() => learningPerDay(db, scope)),
    takeawaysTried: once(() => takeawaysTriedPerDay(db, scope)),
  };
}

/** Ranges longer than this count customers from their purchase days rather than walk every day for windows. */
const MAX_WINDOW_DAYS = 40_000;

/**
 * The range's days grouped into their windows, in order (each window from its first day in the
 * range); null when the range is too long to walk or a window comes back after another.
 */
function windowsOf(range: Range, windowOf: (day: string) => string): CustomerWindow[] | null {
  if (daysBetween(range.from, range.to) > MAX_WINDOW_DAYS) return null;
  const windows: CustomerWindow[] = [];
  const seen = new Set<string>();
  let current: string | undefined;
  for (const day of eachDay(range.from, range.to)) {
    const window = windowOf(day);
    if (window === current) {
      windows[windows.length - 1]!.to = day;
      continue;
    }
    if (seen.has(window)) return null;
    seen.add(window);
    current = window;
    windows.push({ from: day, to: day });
  }
  return windows;
}

/** Rows to a series, keeping only days that have something. */
function perDay<R extends { day: string }>(rows: readonly R[], point: (row: R) => DayPoint): Series {
  const series: Series = {};
  for (const row of rows) {
    const p = point(row);
    if (p.value === 0 && p.count === 0) continue;
    const into = (series[row.day] ??= { value: 0, count: 0 });
    into.value += p.value;
    into.count += p.count;
  }
  return series;
}
const counted = (n: number): DayPoint => ({ value: n, count: n });

/** win_rate of decided sales: won over won + lost. */
export const winRatePoint = (r: { won: number; lost: number }): DayPoint => ({ value: r.won, count: r.won + r.lost });
/** avg_satisfaction of a group of answers: their sum over how many. */
export const satisfactionPoint = (r: Omit<RatingsDay, 'day'>): DayPoint => ({
  value: r.satisfactionSum,
  count: r.satisfactionAnswers,
});
/** nps of a group of answers: each scores +100 (9–10), 0 or −100 (0–6); the figure is their mean. */
export const npsPoint = (r: Omit<RatingsDay, 'day'>): DayPoint => ({
  value: 100 * (r.promoters - r.detractors),
  count: r.npsAnswers,
});
/** A `ratio` figure of one point: value / count, null without any count. */
export const ratioOf = (p: DayPoint): number | null => (p.count > 0 ? p.value / p.count : null);

/**
 * Per window, each customer once, on the first of their days `keep` selects: the days the
 * customers are counted on. `rows` come oldest day first (see purchaseDays).
 */
export function oncePerWindow(
  rows: readonly { customerId: number; day: string; repeat: 0 | 1 }[],
  windowOf: (day: string) => string,
  keep: (row: { repeat: 0 | 1 }) => boolean,
): Series {
  // A few hundred distinct days behind tens of thousands of purchases: each day's window once.
  const windows = new Map<string, Set<number>>();
  const counted = new Map<string, Set<number>>();
  const series: Series = {};
  for (const r of rows) {
    if (!keep(r)) continue;
    let seen = windows.get(r.day);
    if (seen === undefined) {
      const window = windowOf(r.day);
      seen = counted.get(window) ?? new Set();
      counted.set(window, seen);
      windows.set(r.day, seen);
    }
    if (seen.has(r.customerId)) continue;
    seen.add(r.customerId);
    const point = (series[r.day] ??= { value: 0, count: 0 });
    point.value++;
    point.count++;
  }
  return series;
}

/** Reads the metrics of one scope (range, filter, day looked from). */
export function readMetrics(db: Kysely<DB>, scope: MetricScope): MetricReader {
  const windowOf = scope.windowOf ?? (() => scope.from);
  const facts = factsOf(db, scope, windowOf);

  async function series(metric: MetricName): Promise<Series> {
    switch (metric) {
      case 'revenue':
      case 'avg_deal':
        return perDay(await facts.revenue(), (r) => ({ value: r.amount, count: r.won }));
      case 'deals_won':
        return perDay(await facts.decidedSales(), (r) => counted(r.won));
      case 'deals_lost':
        return perDay(await facts.decidedSales(), (r) => counted(r.lost));
      case 'win_rate':
        return perDay(await facts.decidedSales(), winRatePoint);
      case 'deals_open':
        return perDay(await facts.openSales(), (r) => counted(r.n));
      case 'customers_active': {
        const added = await facts.customers();
        if (added !== null) return perDay(added, (r) => counted(r.active));
        return oncePerWindow(await facts.purchaseDays(), windowOf, () => true);
      }
      case 'new_customers':
        return perDay(await facts.firstPurchases(), (r) => counted(r.n));
      case 'repeat_customers': {
        const added = await facts.customers();
        if (added !== null) return perDay(added, (r) => counted(r.repeat));
        return oncePerWindow(await facts.purchaseDays(), windowOf, (r) => r.repeat === 1);
      }
      case 'repeat_purchase_rate': {
        const [repeat, active] = [await series('repeat_customers'), await series('customers_active')];
        const rate: Series = {};
        for (const [day, p] of Object.entries(active)) rate[day] = { value: 0, count: p.value };
        for (const [day, p] of Object.entries(repeat)) (rate[day] ??= { value: 0, count: 0 }).value = p.value;
        return rate;
      }
      case 'repeat_revenue_share':
        return perDay(await facts.repeatRevenue(), (r) => ({ value: r.repeatAmount, count: r.amount }));
      case 'complaints_open': {
        // Every day, zeros too: the figure is the last day's, which must not be a stale one.
        const change = new Map<string, number>();
        for (const r of await facts.complaintsOpened()) change.set(r.day, (change.get(r.day) ?? 0) + r.n);
        for (const r of await facts.complaintsClosedCount()) change.set(r.day, (change.get(r.day) ?? 0) - r.n);
        let open = await facts.complaintsOpenBefore();
        const series: Series = {};
        for (const day of eachDay(scope.from, scope.to)) {
          open += change.get(day) ?? 0;
          series[day] = { value: open, count: 1 };
        }
        return series;
      }
      case 'avg_satisfaction':
        return perDay(await facts.ratings(), satisfactionPoint);
      case 'nps':
        return perDay(await facts.ratings(), npsPoint);
      case 'checkins_on_time':
        return perDay(await facts.checkInsDue(), (r) => ({ value: r.onTime, count: r.due }));
      case 'complaints_opened':
        return perDay(await facts.complaintsOpened(), (r) => counted(r.n));
      case 'complaints_resolved':
        return perDay(await facts.complaintsClosed(), (r) => counted(r.resolved * r.n));
      case 'median_days_to_resolve': {
        const byDay = new Map<string, number[]>();
        for (const r of await facts.complaintsClosed())
          if (r.resolved === 1) byDay.set(r.day, [...(byDay.get(r.day) ?? []), ...Array<number>(r.n).fill(r.days)]);
        return Object.fromEntries([...byDay].map(([day, days]) => [day, { value: median(days), count: days.length }]));
      }
      case 'interactions':
        return perDay(await facts.interactions(), (r) => counted(r.n));
      case 'items_finished':
        return perDay(await facts.itemsFinished(), (r) => counted(r.n));
      case 'learning_minutes':
        return perDay(await facts.learning(), (r) => ({ value: r.minutes, count: r.timed }));
      case 'pages_read':
        return perDay(await facts.learning(), (r) => counted(r.pages));
      case 'takeaways_tried':
        return perDay(await facts.takeawaysTried(), (r) => counted(r.n));
      case 'custom':
        return customValues(db, scope);
    }
  }

  const total = (metric: MetricName): Promise<number | null> => totalBetween(metric, scope.from, scope.to);

  /** Each metric's days in order, made once per reader: a card's trend reduces it once per week or month. */
  const sorted = new Map<MetricName, Promise<[string, DayPoint][]>>();
  function sortedSeries(metric: MetricName): Promise<[string, DayPoint][]> {
    let points = sorted.get(metric);
    if (points === undefined) {
      points = series(metric).then((s) => Object.entries(s).sort(([a], [b]) => (a < b ? -1 : 1)));
      sorted.set(metric, points);
    }
    return points;
  }

  async function totalBetween(metric: MetricName, from: string, to: string): Promise<number | null> {
    const reduction = metric === 'custom' ? CUSTOM_REDUCTION[customOf(scope).aggregation] : REDUCTION[metric];
    if (reduction === 'median') {
      const days = (await facts.complaintsClosed()).flatMap((r) =>
        r.resolved === 1 && r.day >= from && r.day <= to ? Array<number>(r.n).fill(r.days) : [],
      );
      return days.length > 0 ? median(days) : null;
    }
    // The days from `from` through `to`, the first found by bisection: a trend asks once per week or month.
    const points = await sortedSeries(metric);
    let value = 0;
    let count = 0;
    let last: DayPoint | null = null;
    for (let i = lowerBound(points, from, ([day]) => day); i < points.length && points[i]![0] <= to; i++) {
      last = points[i]![1];
      value += last.value;
      count += last.count;
    }
    if (reduction === 'latest') return last === null ? null : last.value;
    if (reduction === 'sum') return value;
    return count > 0 ? value / count : null;
  }

  return { series, total, totalBetween, facts };
}

function customOf(scope: MetricScope): NonNullable<MetricScope['custom']> {
  if (scope.custom === undefined) throw new Error('A custom metric needs its goal.');
  return scope.custom;
}

/**
 * Logged values: a day's points add up (sum, count), or each is one observation (average,
 * rate: a fraction per point), or the day's last one logged is its reading (latest).
 */
async function customValues(db: Kysely<DB>, scope: MetricScope): Promise<Series> {
  const { goalId, aggregation } = customOf(scope);
  const series: Series = {};
  for (const v of await valuesBetween(db, goalId, scope.from, scope.to)) {
    const point = (series[v.on_date] ??= { value: 0, count: 0 });
    point.value = aggregation === 'latest' ? v.value : point.value + v.value;
    point.count = aggregation === 'latest' ? 1 : point.count + 1;
  }
  return series;
}
