import { sql, type Kysely } from 'kysely';
import type { Stats } from './contract';
import type { DB } from '../../db/schema';

/**
 * Period statistics. Counts, customers, satisfaction and NPS cover every sale; money
 * (revenue, average deal) covers the sales in `currency` only, because adding euros to
 * dollars without a rate would be a made-up number.
 */
export async function periodStats(db: Kysely<DB>, from: string, to: string, currency: string): Promise<Stats> {
  const { rows } = await sql<{
    revenue: number | null;
    won_in_currency: number;
    deals_won: number;
    deals_lost: number;
    deals_open: number;
    customers_active: number;
    new_customers: number;
    repeat_customers: number;
    avg_satisfaction: number | null;
    rated: number;
    promoters: number;
    detractors: number;
  }>`
    WITH won_in AS MATERIALIZED (
      SELECT customer_id, amount_minor, currency, satisfaction
      FROM sales WHERE status = 'won' AND closed_on BETWEEN ${from} AND ${to}
    ),
    -- Per customer: won sales before and inside the period. A customer is new when the
    -- period holds their first purchase ever, and repeat when it holds a second or later one.
    buyers AS MATERIALIZED (
      SELECT sum(closed_on >= ${from}) AS inside, sum(closed_on < ${from}) AS before
      FROM sales WHERE status = 'won' AND closed_on <= ${to}
      GROUP BY customer_id
    ),
    closed_in AS (SELECT nps FROM sales WHERE status <> 'open' AND closed_on BETWEEN ${from} AND ${to})
    SELECT
      (SELECT sum(amount_minor) FROM won_in WHERE currency = ${currency}) AS revenue,
      (SELECT count(*) FROM won_in WHERE currency = ${currency}) AS won_in_currency,
      (SELECT count(*) FROM won_in) AS deals_won,
      (SELECT count(*) FROM sales WHERE status = 'lost' AND closed_on BETWEEN ${from} AND ${to}) AS deals_lost,
      (SELECT count(*) FROM sales WHERE status = 'open' AND opened_on BETWEEN ${from} AND ${to}) AS deals_open,
      (SELECT count(*) FROM buyers WHERE inside > 0) AS customers_active,
      (SELECT count(*) FROM buyers WHERE inside > 0 AND before = 0) AS new_customers,
      (SELECT count(*) FROM buyers WHERE inside > 1 OR (inside > 0 AND before > 0)) AS repeat_customers,
      (SELECT avg(satisfaction) FROM won_in WHERE satisfaction IS NOT NULL) AS avg_satisfaction,
      (SELECT count(nps) FROM closed_in) AS rated,
      (SELECT count(*) FROM closed_in WHERE nps >= 9) AS promoters,
      (SELECT count(*) FROM closed_in WHERE nps <= 6) AS detractors
  `.execute(db);
  const r = rows[0]!;
  const decided = r.deals_won + r.deals_lost;
  const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;
  return {
    from,
    to,
    currency,
    revenue_cents: r.revenue ?? 0,
    deals_won: r.deals_won,
    deals_lost: r.deals_lost,
    deals_open: r.deals_open,
    win_rate: decided > 0 ? round(r.deals_won / decided, 4) : null,
    avg_deal_cents: r.won_in_currency > 0 ? Math.round((r.revenue ?? 0) / r.won_in_currency) : null,
    customers_active: r.customers_active,
    new_customers: r.new_customers,
    repeat_customers: r.repeat_customers,
    avg_satisfaction: r.avg_satisfaction === null ? null : round(r.avg_satisfaction, 2),
    nps: r.rated > 0 ? round(((r.promoters - r.detractors) / r.rated) * 100, 1) : null,
  };
}
