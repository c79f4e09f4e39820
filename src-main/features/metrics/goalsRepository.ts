import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, GoalValueRow } from '../../db/schema';

/**
 * Per-day facts the goal metrics are made of (services/goals/metrics.ts), over a range of
 * business days and narrowed by a goal's filters: products and techniques narrow the sales,
 * segments the customers (OR within a kind, AND across kinds).
 */

export interface GoalFilterValues {
  productIds: number[];
  segments: string[];
  techniqueIds: number[];
}

export interface Range {
  from: string;
  to: string;
}

/** A day's total (`value`) and how many observations made it (`n`). */
export interface DayRow {
  day: string;
  value: number;
  n: number;
}

/**
 * The filter as SQL over a sale (`sale`, an alias whose columns may be NULL when there is no
 * sale) and the customer column to match segments against.
 */
function narrowed(f: GoalFilterValues, sale: string, customer: string): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.productIds.length > 0) parts.push(sql`AND ${sql.ref(`${sale}.product_id`)} IN (${sql.join(f.productIds)})`);
  if (f.techniqueIds.length > 0)
    parts.push(
      sql`AND EXISTS (SELECT 1 FROM sale_techniques st WHERE st.sale_id = ${sql.ref(`${sale}.id`)}
        AND st.technique_id IN (${sql.join(f.techniqueIds)}))`,
    );
  if (f.segments.length > 0)
    parts.push(sql`AND ${sql.ref(customer)} IN (SELECT id FROM customers WHERE segment IN (${sql.join(f.segments)}))`);
  return parts.length > 0 ? sql.join(parts, sql` `) : sql``;
}

/**
 * Won sales per closing day: `value` is the amount in `currency` and `n` how many sales in
 * that currency; without a currency, `value` and `n` both count every won sale.
 */
export async function wonPerDay(
  db: Kysely<DB>,
  range: Range,
  f: GoalFilterValues,
  currency: string | null,
): Promise<DayRow[]> {
  const { rows } = await sql<DayRow>`
    SELECT s.closed_on AS day, ${currency === null ? sql`count(*)` : sql`sum(s.amount_minor)`} AS value, count(*) AS n
    FROM sales s
    WHERE s.status = 'won' AND s.closed_on BETWEEN ${range.from} AND ${range.to}
      ${currency === null ? sql`` : sql`AND s.currency = ${currency}`} ${narrowed(f, 's', 's.customer_id')}
    GROUP BY s.closed_on`.execute(db);
  return rows;
}

/** Decided sales per closing day: `value` won, `n` won + lost. */
export async function decidedPerDay(db: Kysely<DB>, range: Range, f: GoalFilterValues): Promise<DayRow[]> {
  const { rows } = await sql<DayRow>`
    SELECT s.closed_on AS day, sum(s.status = 'won') AS value, count(*) AS n
    FROM sales s
    WHERE s.status IN ('won', 'lost') AND s.closed_on BETWEEN ${range.from} AND ${range.to}
      ${narrowed(f, 's', 's.customer_id')}
    GROUP BY s.closed_on`.execute(db);
  return rows;
}

/*
 * First and repeat purchases read every won sale up to the range's end, per customer in
 * purchase order: exactly the order of the covering index sales_won_by_customer. SQLite would
 * rather walk sales_closed and sort, several times slower at 100,000 sales, so it is named.
 */

/** Customers per day of their first won sale (among the sales the filter keeps). */
export async function firstPurchasesPerDay(db: Kysely<DB>, range: Range, f: GoalFilterValues): Promise<DayRow[]> {
  const { rows } = await sql<DayRow>`
    WITH firsts AS (
      SELECT min(s.closed_on) AS day FROM sales s INDEXED BY sales_won_by_customer
      WHERE s.status = 'won' AND s.closed_on <= ${range.to} ${narrowed(f, 's', 's.customer_id')}
      GROUP BY s.customer_id
    )
    SELECT day, count(*) AS value, count(*) AS n FROM firsts WHERE day >= ${range.from} GROUP BY day`.execute(db);
  return rows;
}

/**
 * Each won sale in the range that is its customer's second or later (ranked over all their
 * won sales the filter keeps, by closing day then id), in no particular order.
 */
export async function repeatPurchases(
  db: Kysely<DB>,
  range: Range,
  f: GoalFilterValues,
): Promise<{ customerId: number; day: string }[]> {
  const { rows } = await sql<{ customerId: number; day: string }>`
    SELECT customer_id AS customerId, closed_on AS day FROM (
      SELECT s.customer_id, s.closed_on,
        row_number() OVER (PARTITION BY s.customer_id ORDER BY s.closed_on, s.id) AS purchase
      FROM sales s INDEXED BY sales_won_by_customer
      WHERE s.status = 'won' AND s.closed_on <= ${range.to} ${narrowed(f, 's', 's.customer_id')}
    )
    WHERE purchase >= 2 AND closed_on >= ${range.from}`.execute(db);
  return rows;
}

/**
 * Ratings per day from both places a customer gives one: closed sales (satisfaction on won
 * sales, as the stats count it; NPS on won or lost ones) by closing day, and check-ins by the
 * day they were completed. A check-in's answers pass the product and technique filters
 * through its sale. NPS answers are scored +100 (9–10), 0 (7–8), −100 (0–6), so the day's
 * mean is promoters % − detractors %.
 */
export async function ratingsPerDay(
  db: Kysely<DB>,
  range: Range,
  f: GoalFilterValues,
  kind: 'satisfaction' | 'nps',
): Promise<DayRow[]> {
  const score = (column: string): RawBuilder<unknown> =>
    kind === 'satisfaction'
      ? sql.ref(column)
      : sql`CASE WHEN ${sql.ref(column)} >= 9 THEN 100 WHEN ${sql.ref(column)} <= 6 THEN -100 ELSE 0 END`;
  const saleColumn = kind === 'satisfaction' ? 's.satisfaction' : 's.nps';
  const checkInColumn = kind === 'satisfaction' ? 'c.csat' : 'c.nps';
  const saleStatuses = kind === 'satisfaction' ? sql`('won')` : sql`('won', 'lost')`;
  // Only products and techniques need the check-in's sale; without them the answers come
  // straight from the covering index check_ins_answers.
  const throughSale =
    f.productIds.length + f.techniqueIds.length > 0 ? sql`LEFT JOIN sales s ON s.id = c.sale_id` : sql``;
  const { rows } = await sql<DayRow>`
    SELECT day, sum(score) AS value, count(*) AS n FROM (
      SELECT s.closed_on AS day, ${score(saleColumn)} AS score FROM sales s
      WHERE s.status IN ${saleStatuses} AND ${sql.ref(saleColumn)} IS NOT NULL
        AND s.closed_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, 's', 's.customer_id')}
      UNION ALL
      SELECT c.completed_on, ${score(checkInColumn)} FROM check_ins c ${throughSale}
      WHERE c.status = 'done' AND ${sql.ref(checkInColumn)} IS NOT NULL
        AND c.completed_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, 's', 'c.customer_id')}
    )
    GROUP BY day`.execute(db);
  return rows;
}

/** A goal's values from `from` through `to`, oldest first (and in logging order within a day). */
export async function valuesBetween(db: Kysely<DB>, goalId: number, from: string, to: string): Promise<GoalValueRow[]> {
  return db
    .selectFrom('goal_values')
    .selectAll()
    .where('goal_id', '=', goalId)
    .where('on_date', '>=', from)
    .where('on_date', '<=', to)
    .orderBy('on_date')
    .orderBy('id')
    .execute();
}
