import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { addDays, addMonths, daysBetween, localIsoDate, periodContaining, splitRange } from '../../shared/dates';
import type { DB } from '../../db/schema';
import { countFollowUps } from '../care';
import { homeGoals } from '../goals';
import {
  learningProgress,
  openPipeline,
  readMetrics,
  revenueSplit,
  shown,
  topTechniques,
  type MetricName,
  type MetricReader,
} from '../metrics';
import { getSettings } from '../settings';
import {
  HOME_TOP_TECHNIQUES,
  type HomeCard,
  type HomeCardKey,
  type HomeCharts,
  type HomeQuery,
  type HomeSummary,
} from './contract';
import { currenciesOf, hasSales, type Range } from './repository';

type Grain = HomeSummary['grain'];

/**
 * The period measured and the one compared with. A calendar period runs from its first day
 * through today (a week, month, quarter or year so far), and is compared with the same
 * number of days from the start of the period before (or a year earlier): the 1st–10th of
 * this month with the 1st–10th of last month, never with a whole month. A custom range is
 * compared with as many days just before it, or with the same dates a year earlier.
 */
export function homePeriods(q: z.output<typeof HomeQuery>, asOf: string): { current: Range; previous: Range } {
  if (q.period === 'custom') {
    const current = { from: q.from!, to: q.to! };
    if (q.compare === 'last_year') return { current, previous: shiftYear(current) };
    const length = daysBetween(current.from, current.to) + 1;
    return { current, previous: { from: addDays(current.from, -length), to: addDays(current.from, -1) } };
  }
  const whole = periodContaining(asOf, q.period);
  const current = { from: whole.from, to: asOf };
  if (q.compare === 'last_year') return { current, previous: shiftYear(current) };
  const before = periodContaining(addDays(whole.from, -1), q.period);
  const elapsed = daysBetween(current.from, current.to);
  const to = addDays(before.from, elapsed);
  return { current, previous: { from: before.from, to: to < before.to ? to : before.to } };
}

const shiftYear = (r: Range): Range => ({ from: addMonths(r.from, -12), to: addMonths(r.to, -12) });

/** Trends per day for up to a fortnight, per week up to about four months, per month beyond. */
export function grainOf(r: Range): Grain {
  const days = daysBetween(r.from, r.to) + 1;
  return days <= 14 ? 'day' : days <= 124 ? 'week' : 'month';
}

/** The metric behind each card, and whether it is money (read once per currency). */
const CARD_METRICS: Record<HomeCardKey, { metric: MetricName; money: boolean }> = {
  revenue: { metric: 'revenue', money: true },
  deals_won: { metric: 'deals_won', money: false },
  win_rate: { metric: 'win_rate', money: false },
  avg_deal: { metric: 'avg_deal', money: true },
  new_customers: { metric: 'new_customers', money: false },
  repeat_customers: { metric: 'repeat_customers', money: false },
  repeat_revenue_share: { metric: 'repeat_revenue_share', money: true },
  avg_satisfaction: { metric: 'avg_satisfaction', money: false },
  nps: { metric: 'nps', money: false },
  complaints_open: { metric: 'complaints_open', money: false },
};
/** Sums and counts: an empty period is 0 of them; the rest are null without anything to measure. */
const COUNTED: ReadonlySet<MetricName> = new Set([
  'revenue',
  'deals_won',
  'new_customers',
  'repeat_customers',
  'complaints_open',
]);

/** Home's figures for a period, every one read from the metrics module; goals and follow-ups from theirs. */
export async function homeSummary(db: Kysely<DB>, q: z.output<typeof HomeQuery>, now: Date): Promise<HomeSummary> {
  const today = localIsoDate(now);
  const asOf = q.asOf ?? today;
  const { current, previous } = homePeriods(q, asOf);
  const grain = grainOf(current);
  const buckets = splitRange(current.from, current.to, grain);
  const own = (await getSettings(db)).currency;
  const currencies = await currenciesOf(db, own, [current, previous]);

  // One reader per period and currency (null: the figures that are not money), and one for the
  // trend of repeat customers, who count once per week or month there rather than once per period.
  const reader = (range: Range, currency: string | null): MetricReader =>
    readMetrics(db, { ...range, filter: { currency }, asOf });
  const perBucket = readMetrics(db, {
    ...current,
    filter: { currency: null },
    asOf,
    windowOf: (day) => buckets.find((b) => day <= b.to)!.from,
  });

  // The period's reader per currency, shared by the cards and the charts (each fact is read once).
  const readers = new Map<string | null, MetricReader>();
  const insideOf = (currency: string | null): MetricReader => {
    let r = readers.get(currency);
    if (r === undefined) readers.set(currency, (r = reader(current, currency)));
    return r;
  };

  const cards: HomeCard[] = [];
  const cardsOf = async (currency: string | null, keys: HomeCardKey[]): Promise<void> => {
    const [inside, before] = [insideOf(currency), reader(previous, currency)];
    for (const key of keys) {
      const { metric } = CARD_METRICS[key];
      const figure = async (r: MetricReader, from?: string, to?: string): Promise<number | null> => {
        const total = from === undefined ? await r.total(metric) : await r.totalBetween(metric, from, to!);
        return total === null && COUNTED.has(metric) ? 0 : shown(metric, total);
      };
      const value = await figure(inside);
      const prior = await figure(before);
      const trendReader = metric === 'repeat_customers' ? perBucket : inside;
      const trend = [];
      for (const b of buckets) trend.push({ ...b, value: await figure(trendReader, b.from, b.to) });
      cards.push({
        key,
        currency,
        value,
        previous: prior,
        change: value === null || prior === null ? null : value - prior,
        relative: value === null || prior === null || prior === 0 ? null : (value - prior) / Math.abs(prior),
        trend,
      });
    }
  };
  const keys = Object.keys(CARD_METRICS) as HomeCardKey[];
  await cardsOf(
    null,
    keys.filter((k) => !CARD_METRICS[k].money),
  );
  for (const currency of currencies)
    await cardsOf(
      currency,
      keys.filter((k) => CARD_METRICS[k].money),
    );
  cards.sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key));

  const followUps = await countFollowUps(db, today);
  const { statuses: goals, revenuePace } = await homeGoals(db, current, now);
  const newRepeat: HomeCharts['newRepeat'] = [];
  for (const currency of currencies)
    newRepeat.push({ currency, trend: await revenueSplit(insideOf(currency), buckets) });
  const charts: HomeCharts = {
    revenuePace: revenuePace.map((g) => ({
      goalId: g.goalId,
      title: g.title,
      currency: g.currency,
      values: buckets.map((b) => {
        const days = Object.entries(g.daily).filter(([day]) => day >= b.from && day <= b.to);
        return days.length === 0 ? null : days.reduce((sum, [, rise]) => sum + rise, 0);
      }),
    })),
    newRepeat,
    pipeline: await openPipeline(db, asOf),
    techniques: await topTechniques(db, current, own, HOME_TOP_TECHNIQUES),
    learning: await learningProgress(insideOf(null), buckets),
  };

  return {
    asOf,
    period: q.period,
    compare: q.compare,
    current,
    previous,
    grain,
    currencies,
    cards,
    followUps: { today: followUps.today, overdue: followUps.overdue },
    goals: {
      onTrack: goals.filter((g) => ['achieved', 'ahead', 'on_track'].includes(g.status)).length,
      total: goals.length,
      behind: goals.filter((g) => g.phase === 'active' && ['behind', 'at_risk'].includes(g.status)).length,
    },
    hasSales: await hasSales(db),
    charts,
  };
}
