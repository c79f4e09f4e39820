import type { Kysely } from 'kysely';
import type { Stats } from './contract';
import type { DB } from '../../db/schema';
import { LEARNING_METRICS, readMetrics, shown, type MetricName } from './definitions';

/**
 * Period statistics (stats.summary, `rapport stats`): the metrics of definitions.ts over the
 * whole period, unfiltered. Counts, customers, satisfaction and NPS cover every sale; money
 * (revenue, average deal) covers the sales in `currency` only, because adding euros to
 * dollars without a rate would be a made-up number.
 */
export async function periodStats(db: Kysely<DB>, from: string, to: string, currency: string): Promise<Stats> {
  const read = readMetrics(db, { from, to, filter: { currency }, asOf: to });
  const figure = async (metric: MetricName): Promise<number | null> => shown(metric, await read.total(metric));
  const count = async (metric: MetricName): Promise<number> => (await read.total(metric)) ?? 0;
  return {
    from,
    to,
    currency,
    revenue_cents: await count('revenue'),
    deals_won: await count('deals_won'),
    deals_lost: await count('deals_lost'),
    deals_open: await count('deals_open'),
    win_rate: await figure('win_rate'),
    avg_deal_cents: await figure('avg_deal'),
    customers_active: await count('customers_active'),
    new_customers: await count('new_customers'),
    repeat_customers: await count('repeat_customers'),
    avg_satisfaction: await figure('avg_satisfaction'),
    nps: await figure('nps'),
  };
}

/**
 * A customer's average satisfaction over their whole history (the customer page), by the same
 * definition as every other satisfaction figure: every answer, at the sale and at check-ins.
 */
export async function customerSatisfaction(db: Kysely<DB>, customerId: number): Promise<number | null> {
  const always = { from: '0001-01-01', to: '9999-12-31' };
  const read = readMetrics(db, { ...always, filter: { customerId, currency: null }, asOf: always.to });
  return shown('avg_satisfaction', await read.total('avg_satisfaction'));
}

/** The seller's own learning over a period (the library): each of LEARNING_METRICS as a whole-period total. */
export interface LearningTotals {
  items_finished: number;
  learning_minutes: number;
  pages_read: number;
  takeaways_tried: number;
}

/**
 * Learning totals of a period (the coach report), by the same definitions the learning goals
 * are paced on (definitions.ts LEARNING_METRICS); no filter narrows them.
 */
export async function periodLearning(db: Kysely<DB>, from: string, to: string): Promise<LearningTotals> {
  const read = readMetrics(db, { from, to, filter: { currency: null }, asOf: to });
  const totals = await Promise.all(LEARNING_METRICS.map(async (m) => (await read.total(m)) ?? 0));
  const at = (m: MetricName): number => totals[LEARNING_METRICS.indexOf(m)]!;
  return {
    items_finished: at('items_finished'),
    learning_minutes: at('learning_minutes'),
    pages_read: at('pages_read'),
    takeaways_tried: at('takeaways_tried'),
  };
}
