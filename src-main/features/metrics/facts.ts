import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, GoalValueRow } from '../../db/schema';
import { addDays, daysBetween } from '../../shared/dates';

/**
 * The facts every figure is made of, read from SQLite grouped per day (definitions.ts turns
 * them into figures). One query per kind of record, so a period total and a per-day series
 * come from the same rows and cannot drift apart.
 */

/** A goal's filters as stored: products and techniques narrow the sales, segments the customers. */
export interface GoalFilterValues {
  productIds: number[];
  segments: string[];
  techniqueIds: number[];
}

/**
 * What a figure is narrowed to: OR within a kind, AND across kinds; an empty list narrows
 * nothing. Products and techniques narrow sales (and the answers given at a check-in, through
 * its sale); segments and `customerId` narrow customers, so they apply to every record.
 */
export interface MetricFilter {
  productIds?: readonly number[];
  techniqueIds?: readonly number[];
  segments?: readonly string[];
  /** Customers' industries (what works, narrowed by industry). */
  industries?: readonly string[];
  customerId?: number | undefined;
  /** Money figures count only sales in this currency (amounts are never converted); null: every sale. */
  currency?: string | null;
}

export interface Range {
  from: string;
  to: string;
}

/**
 * The filter as SQL over a sale (`sale`, an alias whose columns may be NULL when there is no
 * sale; null where the record has no sale and only customers narrow it) and a customer column.
 */
function narrowed(f: MetricFilter, sale: string | null, customer: string): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  const products = f.productIds ?? [];
  const techniques = f.techniqueIds ?? [];
  const segments = f.segments ?? [];
  const industries = f.industries ?? [];
  if (sale !== null && products.length > 0)
    parts.push(sql`AND ${sql.ref(`${sale}.product_id`)} IN (${sql.join(products)})`);
  if (sale !== null && techniques.length > 0)
    parts.push(
      sql`AND EXISTS (SELECT 1 FROM sale_techniques st WHERE st.sale_id = ${sql.ref(`${sale}.id`)}
        AND st.technique_id IN (${sql.join(techniques)}))`,
    );
  if (segments.length > 0)
    parts.push(sql`AND ${sql.ref(customer)} IN (SELECT id FROM customers WHERE segment IN (${sql.join(segments)}))`);
  if (industries.length > 0)
    parts.push(sql`AND ${sql.ref(customer)} IN (SELECT id FROM customers WHERE industry IN (${sql.join(industries)}))`);
  if (f.customerId !== undefined) parts.push(sql`AND ${sql.ref(customer)} = ${f.customerId}`);
  return parts.length > 0 ? sql.join(parts, sql` `) : sql``;
}

/**
 * Decided sales per closing day, counted. Grouped by status first, so that without a product
 * or technique filter SQLite walks the index sales_closed (status, closed_on) in order, with
 * no sort: a goal on deals won reads its whole history here (21 -> 6 ms at 100,000 sales).
 */
export async function decidedSalesPerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; won: number; lost: number }[]> {
  if (!narrowsNothing(f)) return decidedSalesPerDayFromSales(db, range, f);
  const { rows } = await sql<{ day: string; won: number; lost: number }>`
    SELECT day, sum(won) AS won, sum(lost) AS lost FROM sales_day_facts
    WHERE day BETWEEN ${range.from} AND ${range.to}
    GROUP BY day HAVING sum(won) + sum(lost) > 0`.execute(db);
  return rows;
}

export async function decidedSalesPerDayFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; won: number; lost: number }[]> {
  const { rows } = await sql<{ day: string; won: number; lost: number }>`
    SELECT day, sum(won) AS won, sum(lost) AS lost FROM (
      SELECT s.closed_on AS day, count(*) * (s.status = 'won') AS won, count(*) * (s.status = 'lost') AS lost
      FROM sales s
      WHERE s.status IN ('won', 'lost') AND s.closed_on BETWEEN ${range.from} AND ${range.to}
        ${narrowed(f, 's', 's.customer_id')}
      GROUP BY s.status, s.closed_on
    )
    GROUP BY day`.execute(db);
  return rows;
}

/** Won sales in the filter's currency (every one when it is null) per closing day, and their amounts. */
export async function revenuePerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; won: number; amount: number }[]> {
  if (!narrowsNothing(f)) return revenuePerDayFromSales(db, range, f);
  const { rows } = await sql<{ day: string; won: number; amount: number }>`
    SELECT day, sum(won) AS won, sum(won_amount) AS amount FROM sales_day_facts
    WHERE day BETWEEN ${range.from} AND ${range.to} AND ${inCurrencyOf(f, 'currency')}
    GROUP BY day HAVING sum(won) > 0`.execute(db);
  return rows;
}

export async function revenuePerDayFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; won: number; amount: number }[]> {
  const inCurrency = f.currency == null ? sql`` : sql`AND s.currency = ${f.currency}`;
  const { rows } = await sql<{ day: string; won: number; amount: number }>`
    SELECT s.closed_on AS day, count(*) AS won, sum(s.amount_minor) AS amount
    FROM sales s
    WHERE s.status = 'won' ${inCurrency} AND s.closed_on BETWEEN ${range.from} AND ${range.to}
      ${narrowed(f, 's', 's.customer_id')}
    GROUP BY s.closed_on`.execute(db);
  return rows;
}

/**
 * Won sales in the filter's currency (every one when it is null) per closing day: their amount,
 * and the amount of those that are a repeat purchase — the customer had an earlier won sale
 * (by closing day, then by id for two on one day) among the sales the filter keeps.
 */
export async function repeatRevenuePerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; amount: number; repeatAmount: number }[]> {
  if (!narrowsNothing(f)) return repeatRevenuePerDayFromSales(db, range, f);
  // A won sale is a repeat purchase unless it is its customer's first: the day's first sales come off.
  const { rows } = await sql<{ day: string; amount: number; repeatAmount: number }>`
    SELECT day, sum(won_amount) AS amount, sum(won_amount - first_amount) AS repeatAmount FROM sales_day_facts
    WHERE day BETWEEN ${range.from} AND ${range.to} AND ${inCurrencyOf(f, 'currency')}
    GROUP BY day HAVING sum(won) > 0`.execute(db);
  return rows;
}

/** The same from the sales: the earlier sale is looked up in sales_won_by_customer, so no sale's history is sorted. */
export async function repeatRevenuePerDayFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; amount: number; repeatAmount: number }[]> {
  const inCurrency = f.currency == null ? sql`` : sql`AND s.currency = ${f.currency}`;
  const { rows } = await sql<{ day: string; amount: number; repeatAmount: number }>`
    SELECT s.closed_on AS day, sum(s.amount_minor) AS amount,
      coalesce(sum(CASE WHEN EXISTS (
        SELECT 1 FROM sales e INDEXED BY sales_won_by_customer
        WHERE e.customer_id = s.customer_id AND e.status = 'won'
          AND (e.closed_on < s.closed_on OR (e.closed_on = s.closed_on AND e.id < s.id))
          ${narrowed(f, 'e', 'e.customer_id')}
      ) THEN s.amount_minor END), 0) AS repeatAmount
    FROM sales s
    WHERE s.status = 'won' ${inCurrency} AND s.closed_on BETWEEN ${range.from} AND ${range.to}
      ${narrowed(f, 's', 's.customer_id')}
    GROUP BY s.closed_on`.execute(db);
  return rows;
}

/**
 * Sales still open, per day they were opened. Open sales are the pipeline, a few hundred
 * however long the history: read through sales_closed (status first), not through every sale
 * opened in the range as SQLite would choose (six times slower over a year at 100,000 sales).
 */
export async function openSalesPerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; n: number }[]> {
  if (!narrowsNothing(f)) return openSalesPerDayFromSales(db, range, f);
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT day, sum(sales) AS n FROM open_sale_days WHERE day BETWEEN ${range.from} AND ${range.to}
    GROUP BY day`.execute(db);
  return rows;
}

export async function openSalesPerDayFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; n: number }[]> {
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT s.opened_on AS day, count(*) AS n FROM sales s INDEXED BY sales_closed
    WHERE s.status = 'open' AND s.opened_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, 's', 's.customer_id')}
    GROUP BY s.opened_on`.execute(db);
  return rows;
}

/**
 * Customers per day of their first won sale (among the sales the filter keeps). It reads every
 * won sale up to the range's end, per customer in purchase order: exactly the order of the
 * covering index sales_won_by_customer. SQLite would rather walk sales_closed and sort,
 * several times slower at 100,000 sales, so it is named.
 */
export async function firstPurchasesPerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; n: number }[]> {
  if (!narrowsNothing(f)) return firstPurchasesPerDayFromSales(db, range, f);
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT day, sum(first_customers) AS n FROM sales_day_facts
    WHERE day BETWEEN ${range.from} AND ${range.to}
    GROUP BY day HAVING n > 0`.execute(db);
  return rows;
}

export async function firstPurchasesPerDayFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; n: number }[]> {
  const { rows } = await sql<{ day: string; n: number }>`
    WITH firsts AS (
      SELECT min(s.closed_on) AS day FROM sales s INDEXED BY sales_won_by_customer
      WHERE s.status = 'won' AND s.closed_on <= ${range.to} ${narrowed(f, 's', 's.customer_id')}
      GROUP BY s.customer_id
    )
    SELECT day, count(*) AS n FROM firsts WHERE day >= ${range.from} GROUP BY day`.execute(db);
  return rows;
}

/**
 * Each customer's days with a won sale in the range, oldest day first, and whether one of that
 * day's sales was their second or later (over all their won sales the filter keeps): they
 * bought before the range, or this day brings their purchases in it to two. Rows rather than
 * days, because "each customer once" depends on the window asked.
 *
 * SQLite hands over one row per day with its buyers listed, and the customers who bought
 * before the range as one list: tens of thousands of (customer, day) rows cost far more to
 * carry out of SQLite one by one than to count through here.
 */
export async function purchaseDays(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ customerId: number; day: string; repeat: 0 | 1 }[]> {
  const inside = sql`s.status = 'won' AND s.closed_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, 's', 's.customer_id')}`;
  const [days, before] = await Promise.all([
    sql<{ day: string; buyers: string }>`
      SELECT s.closed_on AS day, group_concat(s.customer_id) AS buyers FROM sales s
      WHERE ${inside} GROUP BY s.closed_on ORDER BY s.closed_on`.execute(db),
    sql<{ returners: string | null }>`
      SELECT group_concat(i.customer_id) AS returners
      FROM (SELECT DISTINCT s.customer_id FROM sales s INDEXED BY sales_won_by_customer WHERE ${inside}) i
      WHERE EXISTS (
        SELECT 1 FROM sales e INDEXED BY sales_won_by_customer
        WHERE e.customer_id = i.customer_id AND e.status = 'won' AND e.closed_on < ${range.from}
          ${narrowed(f, 'e', 'e.customer_id')})`.execute(db),
  ]);
  const purchases = new Map((before.rows[0]?.returners?.split(',') ?? []).map((id) => [Number(id), 1]));
  const rows: { customerId: number; day: string; repeat: 0 | 1 }[] = [];
  for (const { day, buyers } of days.rows) {
    const today = new Map<number, 0 | 1>();
    for (const id of buyers.split(',')) {
      const customerId = Number(id);
      const count = (purchases.get(customerId) ?? 0) + 1;
      purchases.set(customerId, count);
      today.set(customerId, count >= 2 ? 1 : 0);
    }
    for (const [customerId, repeat] of today) rows.push({ customerId, day, repeat });
  }
  return rows;
}

/** Up to this many windows are read one range each (customersPerDay); SQLite allows 500 in one compound. */
const FEW_WINDOWS = 24;

/** Days of a range in which each customer counts once (customersPerDay), from `from` through `to`. */
export interface CustomerWindow {
  from: string;
  to: string;
}

/**
 * Per day, the customers counted on it when each counts once per window (the windows cover the
 * range, in order): `active` those with a won sale that day and none earlier in its window,
 * `repeat` those whose purchase that day is a repeat one (see purchaseDays) and who had none
 * earlier in the window. Without a filter only (definitions.ts reads purchaseDays otherwise),
 * from db/salesFacts.ts: windows that start on the 1st of a month sum buyer_days, which knows the
 * month of each customer's previous purchase; others read customer_purchase_days' rows of
 * their days, which know its day.
 */
export async function customersPerDay(
  db: Kysely<DB>,
  windows: readonly CustomerWindow[],
): Promise<{ day: string; active: number; repeat: number }[]> {
  const monthly = windows.every((x) => x.from.endsWith('-01'));
  // A few windows (Home's periods and trends, a report's) are each one range of an index, summed
  // in its order: joined with the windows instead, SQLite sorted the rows to group them, or
  // compared each with its window, which took two to three times as long (at a million sales,
  // 2.1 against 1.2 ms for a year of buyer_days, 120 against 42 ms for a year from the 5th).
  if (windows.length > 0 && windows.length <= FEW_WINDOWS) {
    const ranges = windows.map((x) =>
      monthly
        ? sql`SELECT day, sum(iif(repeat = 0, customers, 0)) AS active, sum(iif(repeat = 1, customers, 0)) AS repeat
            FROM buyer_days WHERE day BETWEEN ${x.from} AND ${x.to} AND since < ${x.from.slice(0, 7)} GROUP BY day`
        : sql`SELECT day, sum(coalesce(prev_day, '') < ${x.from}) AS active,
              sum(repeat = 1 AND coalesce(prev_repeat, '') < ${x.from}) AS repeat
            FROM customer_purchase_days INDEXED BY customer_purchase_days_day
            WHERE day BETWEEN ${x.from} AND ${x.to} GROUP BY day`,
    );
    return (
      await sql<{ day: string; active: number; repeat: number }>`${sql.join(ranges, sql` UNION ALL `)}`.execute(db)
    ).rows;
  }
  // The windows read once, not their JSON parsed again for every row they are compared with.
  const w = sql`WITH w AS MATERIALIZED (
    SELECT value ->> 0 AS first, value ->> 1 AS last, substr(value ->> 0, 1, 7) AS month
    FROM json_each(${JSON.stringify(windows.map((x) => [x.from, x.to]))}))`;
  const { rows } = monthly
    ? await sql<{ day: string; active: number; repeat: number }>`
        ${w} SELECT b.day AS day, sum(iif(b.repeat = 0, b.customers, 0)) AS active,
          sum(iif(b.repeat = 1, b.customers, 0)) AS repeat
        FROM w CROSS JOIN buyer_days b
        WHERE b.day BETWEEN w.first AND w.last AND b.since < w.month
        GROUP BY b.day`.execute(db)
    : await sql<{ day: string; active: number; repeat: number }>`
        ${w} SELECT p.day AS day, sum(coalesce(p.prev_day, '') < w.first) AS active,
          sum(p.repeat = 1 AND coalesce(p.prev_repeat, '') < w.first) AS repeat
        FROM w CROSS JOIN customer_purchase_days p INDEXED BY customer_purchase_days_day
        WHERE p.day BETWEEN w.first AND w.last
        GROUP BY p.day`.execute(db);
  return rows;
}

/** The range of as many days just before `range`: what retention compares with. */
export function rangeBefore(range: Range): Range {
  const length = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/**
 * Customers who bought in the range of as many days just before `range` (rangeBefore), and of
 * those, how many bought again in `range`.
 */
export async function retentionFacts(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ previousCustomers: number; retained: number }> {
  if (!narrowsNothing(f)) return retentionFactsFromSales(db, range, f);
  const previous = rangeBefore(range);
  // A customer's days with a won sale (db/salesFacts.ts customer_purchase_days), each with the
  // customer's day before it, read from the index by day: those of the previous range whose day
  // before is earlier are its customers, once each; those of the range whose day before is in the
  // previous range, which ends where the range starts, are the customers who came back, once each
  // (their later days in the range have a day before in it). No grouping by customer: at a
  // million sales, 330 -> 36 ms for a year.
  const { rows } = await sql<{ previousCustomers: number; retained: number }>`
    SELECT
      (SELECT count(*) FROM customer_purchase_days INDEXED BY customer_purchase_days_day
        WHERE day BETWEEN ${previous.from} AND ${previous.to}
          AND (prev_day IS NULL OR prev_day < ${previous.from})) AS previousCustomers,
      (SELECT count(*) FROM customer_purchase_days INDEXED BY customer_purchase_days_day
        WHERE day BETWEEN ${range.from} AND ${range.to}
          AND prev_day BETWEEN ${previous.from} AND ${previous.to}) AS retained`.execute(db);
  return rows[0]!;
}

export async function retentionFactsFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ previousCustomers: number; retained: number }> {
  const previous = rangeBefore(range);
  const { rows } = await sql<{ previousCustomers: number; retained: number }>`
    WITH buyers AS MATERIALIZED (
      SELECT sum(s.closed_on >= ${range.from}) AS inside, sum(s.closed_on <= ${previous.to}) AS previous
      FROM sales s
      WHERE s.status = 'won' AND s.closed_on BETWEEN ${previous.from} AND ${range.to}
        ${narrowed(f, 's', 's.customer_id')}
      GROUP BY s.customer_id
    )
    SELECT count(*) FILTER (WHERE previous > 0) AS previousCustomers,
      count(*) FILTER (WHERE previous > 0 AND inside > 0) AS retained
    FROM buyers`.execute(db);
  return rows[0]!;
}

/** Every satisfaction (1–5) and NPS (0–10) answer given on a day. */
export interface RatingsDay {
  day: string;
  satisfactionAnswers: number;
  satisfactionSum: number;
  npsAnswers: number;
  promoters: number;
  detractors: number;
}

/**
 * The answers of a group of rows, as RatingsDay counts them (satisfaction 1–5; NPS 0–10 with
 * promoters 9–10 and detractors 0–6), keyed by `key`: one definition for every grouping.
 */
function answers(key: RawBuilder<unknown>, satisfaction: string, nps: string): RawBuilder<unknown> {
  const [c, n] = [sql.ref(satisfaction), sql.ref(nps)];
  return sql`${key}, count(${c}) AS satisfactionAnswers, coalesce(sum(${c}), 0) AS satisfactionSum,
    count(${n}) AS npsAnswers, coalesce(sum(${n} >= 9), 0) AS promoters, coalesce(sum(${n} <= 6), 0) AS detractors`;
}

/**
 * The answers from both places a customer gives one: a decided sale's scores by its closing
 * day, and a completed check-in's by the day it was done. A check-in's answers pass the
 * product and technique filters through its sale.
 */
export async function ratingsPerDay(db: Kysely<DB>, range: Range, f: MetricFilter): Promise<RatingsDay[]> {
  if (!narrowsNothing(f)) return ratingsPerDayFromSales(db, range, f);
  const sums = sql`sum(satisfaction_answers) AS satisfactionAnswers, sum(satisfaction_sum) AS satisfactionSum,
    sum(nps_answers) AS npsAnswers, sum(promoters) AS promoters, sum(detractors) AS detractors`;
  const { rows } = await sql<RatingsDay>`
    SELECT day, sum(satisfactionAnswers) AS satisfactionAnswers, sum(satisfactionSum) AS satisfactionSum,
      sum(npsAnswers) AS npsAnswers, sum(promoters) AS promoters, sum(detractors) AS detractors
    FROM (
      SELECT day, ${sums} FROM sales_day_facts WHERE day BETWEEN ${range.from} AND ${range.to} GROUP BY day
      UNION ALL
      SELECT day, ${sums} FROM check_in_answer_days WHERE day BETWEEN ${range.from} AND ${range.to} GROUP BY day
    )
    GROUP BY day HAVING sum(satisfactionAnswers) + sum(npsAnswers) > 0`.execute(db);
  return rows;
}

export async function ratingsPerDayFromSales(db: Kysely<DB>, range: Range, f: MetricFilter): Promise<RatingsDay[]> {
  // Only products and techniques need the check-in's sale; without them the answers come
  // straight from the covering index check_ins_answers.
  const throughSale =
    (f.productIds?.length ?? 0) + (f.techniqueIds?.length ?? 0) > 0
      ? sql`LEFT JOIN sales s ON s.id = c.sale_id`
      : sql``;
  // Each side adds up its own days first: SQLite then merges a few hundred day rows, not
  // every answer (a third faster over a year at 100,000 sales).
  const { rows } = await sql<RatingsDay>`
    SELECT day, sum(satisfactionAnswers) AS satisfactionAnswers, sum(satisfactionSum) AS satisfactionSum,
      sum(npsAnswers) AS npsAnswers, sum(promoters) AS promoters, sum(detractors) AS detractors
    FROM (
      SELECT ${answers(sql`s.closed_on AS day`, 's.satisfaction', 's.nps')} FROM sales s
      WHERE s.status IN ('won', 'lost') AND s.closed_on BETWEEN ${range.from} AND ${range.to}
        AND (s.satisfaction IS NOT NULL OR s.nps IS NOT NULL) ${narrowed(f, 's', 's.customer_id')}
      GROUP BY s.closed_on
      UNION ALL
      SELECT ${answers(sql`c.completed_on AS day`, 'c.csat', 'c.nps')} FROM check_ins c ${throughSale}
      WHERE c.status = 'done' AND c.completed_on BETWEEN ${range.from} AND ${range.to}
        AND (c.csat IS NOT NULL OR c.nps IS NOT NULL) ${narrowed(f, 's', 'c.customer_id')}
      GROUP BY c.completed_on
    )
    GROUP BY day`.execute(db);
  return rows;
}

// ---- what works, per technique ----------------------------------------------------------
// The same facts as above, grouped by the techniques the sales name (a sale naming two counts
// for each). Two sources, one answer: without a customer or product filter, the per-technique
// per-day tables that triggers keep (db/techniqueFacts.ts), a few thousand rows for a year at
// 200,000 sales (~300 ms -> ~10 ms); with one, an aggregate over sale_techniques joined to the
// sales of the range (the tables know no customer or product). Never a query per technique.
// test/metrics/techniqueFacts.test.ts holds the two to the same answer.

/** Whole days from opened to closed, computed per decided sale (db/techniqueFacts.ts counts the same). */
const DAYS_TO_CLOSE = sql`CAST(julianday(s.closed_on) - julianday(s.opened_on) AS INTEGER)`;

/** True when the filter narrows nothing but money's currency: the per-day tables answer then. */
export function narrowsNothing(f: MetricFilter): boolean {
  const lists = [f.productIds, f.techniqueIds, f.segments, f.industries];
  return lists.every((l) => (l?.length ?? 0) === 0) && f.customerId === undefined;
}

/** Money counts the won sales in `currency`, or every won sale when it is null. */
const inCurrencyOf = (f: MetricFilter, column: string): RawBuilder<unknown> =>
  f.currency == null ? sql`1` : sql`${sql.ref(column)} = ${f.currency}`;

/**
 * Decided sales per technique: how many, how many won, the won ones in `currency` (all won
 * ones when it is null) and their amounts, and the answers given at the sale (ratingsPerDay's
 * sale side).
 */
export interface TechniqueDecidedFacts extends Omit<RatingsDay, 'day'> {
  techniqueId: number;
  closed: number;
  won: number;
  wonInCurrency: number;
  wonAmount: number;
}

/** TechniqueDecidedFacts, and how many took how many whole days from opened to closed (for the median). */
export interface TechniqueClosedFacts extends TechniqueDecidedFacts {
  days: [days: number, sales: number][];
}

/** Decided sales per technique with their days to close, as [days, sales] pairs in ascending days. */
export async function decidedSalesByTechnique(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<TechniqueClosedFacts[]> {
  if (!narrowsNothing(f)) return decidedSalesByTechniqueFromSales(db, range, f);
  const [rows, days] = await Promise.all([decidedCountsByTechnique(db, range, f), closeTimesByTechnique(db, range)]);
  return rows.map((r) => ({ ...r, days: days.get(r.techniqueId) ?? [] }));
}

/**
 * Decided sales per technique without their days to close, which take most of the reading
 * (what works' ranking alone: Home's best techniques).
 */
export async function decidedCountsByTechnique(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<TechniqueDecidedFacts[]> {
  if (!narrowsNothing(f)) return decidedFromSales(db, range, f, sql``);
  const inCurrency = inCurrencyOf(f, 'currency');
  const { rows } = await sql<TechniqueDecidedFacts>`
    SELECT technique_id AS techniqueId, sum(satisfaction_answers) AS satisfactionAnswers,
      sum(satisfaction_sum) AS satisfactionSum, sum(nps_answers) AS npsAnswers, sum(promoters) AS promoters,
      sum(detractors) AS detractors, sum(closed) AS closed, sum(won) AS won,
      sum(iif(${inCurrency}, won, 0)) AS wonInCurrency, sum(iif(${inCurrency}, won_amount, 0)) AS wonAmount
    FROM technique_decided_days WHERE day BETWEEN ${range.from} AND ${range.to}
    GROUP BY technique_id HAVING sum(closed) > 0`.execute(db);
  return rows;
}

/** decidedSalesByTechnique read from the sales themselves: one pass over the decided sales of the range. */
export async function decidedSalesByTechniqueFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<TechniqueClosedFacts[]> {
  const rows = await decidedFromSales<{ days: string | null }>(
    db,
    range,
    f,
    sql`, group_concat(${DAYS_TO_CLOSE}) AS days`,
  );
  return rows.map((r) => ({ ...r, days: countedDays(r.days === null ? [] : r.days.split(',').map(Number)) }));
}

/** The decided sales of the range that the filter keeps, per technique, and the `more` columns. */
async function decidedFromSales<More extends object = object>(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
  more: RawBuilder<unknown>,
): Promise<(TechniqueDecidedFacts & More)[]> {
  const inCurrency = inCurrencyOf(f, 's.currency');
  const { rows } = await sql<TechniqueDecidedFacts & More>`
    SELECT ${answers(sql`st.technique_id AS techniqueId`, 's.satisfaction', 's.nps')},
      count(*) AS closed, sum(s.status = 'won') AS won,
      sum(s.status = 'won' AND ${inCurrency}) AS wonInCurrency,
      coalesce(sum(CASE WHEN s.status = 'won' AND ${inCurrency} THEN s.amount_minor END), 0) AS wonAmount
      ${more}
    FROM sales s JOIN sale_techniques st ON st.sale_id = s.id
    WHERE s.status IN ('won', 'lost') AND s.closed_on BETWEEN ${range.from} AND ${range.to}
      ${narrowed(f, 's', 's.customer_id')}
    GROUP BY st.technique_id`.execute(db);
  return rows;
}

/** The first of `day`'s month, and its last. */
const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;
const monthEnd = (day: string): string => addDays(`${nextMonth(day.slice(0, 7))}-01`, -1);
/** The month ('YYYY-MM') after `month`. */
function nextMonth(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12
    ? `${String(year + 1).padStart(4, '0')}-01`
    : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

/** [days, sales] pairs, ascending, of a list of days. */
function countedDays(days: readonly number[]): [number, number][] {
  const counts = new Map<number, number>();
  for (const d of days) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/**
 * Per technique, how many decided sales of the range took how many whole days to close
 * ([days, sales] pairs, ascending): the whole months of the range from
 * technique_close_times_months, the days before the first whole month and after the last from
 * technique_close_times_days.
 */
async function closeTimesByTechnique(db: Kysely<DB>, range: Range): Promise<Map<number, [number, number][]>> {
  const parts: { techniqueId: number; days: number; n: number }[][] = [];
  const daily = async (from: string, to: string) => {
    const { rows } = await sql<{ techniqueId: number; days: number; n: number }>`
      SELECT technique_id AS techniqueId, days, sum(sales) AS n FROM technique_close_times_days
      WHERE day BETWEEN ${from} AND ${to}
      GROUP BY 1, 2 HAVING n > 0`.execute(db);
    parts.push(rows);
  };
  const first = range.from === monthStart(range.from) ? range.from : addDays(monthEnd(range.from), 1);
  const last = range.to === monthEnd(range.to) ? range.to : addDays(monthStart(range.to), -1);
  if (first > last) await daily(range.from, range.to);
  else {
    const { rows } = await sql<{ techniqueId: number; days: number; n: number }>`
      SELECT technique_id AS techniqueId, days, sum(sales) AS n FROM technique_close_times_months
      WHERE month BETWEEN ${first.slice(0, 7)} AND ${last.slice(0, 7)}
      GROUP BY 1, 2 HAVING n > 0`.execute(db);
    parts.push(rows);
    if (range.from < first) await daily(range.from, addDays(first, -1));
    if (last < range.to) await daily(addDays(last, 1), range.to);
  }
  const byTechnique = new Map<number, Map<number, number>>();
  for (const { techniqueId, days, n } of parts.flat()) {
    const of = byTechnique.get(techniqueId) ?? new Map<number, number>();
    of.set(days, (of.get(days) ?? 0) + n);
    byTechnique.set(techniqueId, of);
  }
  return new Map([...byTechnique].map(([id, of]) => [id, [...of].sort((a, b) => a[0] - b[0])]));
}

/** Decided sales in the range that name two or more techniques. */
export async function multiTechniqueSales(db: Kysely<DB>, range: Range, f: MetricFilter): Promise<number> {
  if (!narrowsNothing(f)) return multiTechniqueSalesFromSales(db, range, f);
  const { rows } = await sql<{ n: number }>`
    SELECT coalesce(sum(sales), 0) AS n FROM multi_technique_days
    WHERE day BETWEEN ${range.from} AND ${range.to}`.execute(db);
  return rows[0]?.n ?? 0;
}

export async function multiTechniqueSalesFromSales(db: Kysely<DB>, range: Range, f: MetricFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM sales s
    WHERE s.status IN ('won', 'lost') AND s.closed_on BETWEEN ${range.from} AND ${range.to}
      ${narrowed(f, 's', 's.customer_id')}
      AND (SELECT count(*) FROM sale_techniques st WHERE st.sale_id = s.id) >= 2`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Sales still open, opened in the range, per technique (the open deals of deals_open). */
export async function openSalesByTechnique(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ techniqueId: number; n: number }[]> {
  if (!narrowsNothing(f)) return openSalesByTechniqueFromSales(db, range, f);
  const { rows } = await sql<{ techniqueId: number; n: number }>`
    SELECT technique_id AS techniqueId, sum(sales) AS n FROM technique_open_days
    WHERE day BETWEEN ${range.from} AND ${range.to}
    GROUP BY technique_id HAVING n > 0`.execute(db);
  return rows;
}

export async function openSalesByTechniqueFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ techniqueId: number; n: number }[]> {
  const { rows } = await sql<{ techniqueId: number; n: number }>`
    SELECT st.technique_id AS techniqueId, count(*) AS n
    FROM sales s INDEXED BY sales_closed JOIN sale_techniques st ON st.sale_id = s.id
    WHERE s.status = 'open' AND s.opened_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, 's', 's.customer_id')}
    GROUP BY st.technique_id`.execute(db);
  return rows;
}

/** The answers of ratingsPerDay per technique: RatingsDay with the technique in place of the day. */
export type TechniqueRatings = Omit<RatingsDay, 'day'> & { techniqueId: number };

/**
 * The check-in side of ratingsPerDay per technique: the answers of check-ins completed in
 * the range whose sale names the technique (decidedSalesByTechnique has the sale side).
 */
export async function checkInRatingsByTechnique(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<TechniqueRatings[]> {
  if (!narrowsNothing(f)) return checkInRatingsByTechniqueFromSales(db, range, f);
  const { rows } = await sql<TechniqueRatings>`
    SELECT technique_id AS techniqueId, sum(satisfaction_answers) AS satisfactionAnswers,
      sum(satisfaction_sum) AS satisfactionSum, sum(nps_answers) AS npsAnswers, sum(promoters) AS promoters,
      sum(detractors) AS detractors
    FROM technique_answer_days WHERE day BETWEEN ${range.from} AND ${range.to}
    GROUP BY technique_id HAVING sum(satisfaction_answers) + sum(nps_answers) > 0`.execute(db);
  return rows;
}

/**
 * checkInRatingsByTechnique from the check-ins themselves: walked in technique order
 * (sale_techniques_technique) with each sale's done check-ins looked up in
 * check_ins_sale_answers (migration 0006), no sort of the answers. Only a product filter
 * needs the sale itself.
 */
export async function checkInRatingsByTechniqueFromSales(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<TechniqueRatings[]> {
  const throughSale = (f.productIds?.length ?? 0) > 0 ? sql`JOIN sales s ON s.id = st.sale_id` : sql``;
  const { rows } = await sql<TechniqueRatings>`
    SELECT ${answers(sql`st.technique_id AS techniqueId`, 'c.csat', 'c.nps')}
    FROM sale_techniques st INDEXED BY sale_techniques_technique
      JOIN check_ins c INDEXED BY check_ins_sale_answers ON c.sale_id = st.sale_id
      ${throughSale}
    WHERE c.status = 'done' AND c.sale_id IS NOT NULL AND c.completed_on BETWEEN ${range.from} AND ${range.to}
      AND (c.csat IS NOT NULL OR c.nps IS NOT NULL) ${narrowed({ ...f, techniqueIds: [] }, 's', 'c.customer_id')}
    GROUP BY st.technique_id`.execute(db);
  return rows;
}

/** Decided sales per customer segment ('' for none) and technique: the segment × technique table. */
export async function decidedSalesBySegmentAndTechnique(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ segment: string; techniqueId: number; closed: number; won: number }[]> {
  const { rows } = await sql<{ segment: string; techniqueId: number; closed: number; won: number }>`
    SELECT coalesce(c.segment, '') AS segment, st.technique_id AS techniqueId,
      count(*) AS closed, sum(s.status = 'won') AS won
    FROM sales s JOIN sale_techniques st ON st.sale_id = s.id JOIN customers c ON c.id = s.customer_id
    WHERE s.status IN ('won', 'lost') AND s.closed_on BETWEEN ${range.from} AND ${range.to}
      ${narrowed(f, 's', 's.customer_id')}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

/** Sales opened in the range per month opened ('YYYY-MM') and technique named, any status. */
export async function openedSalesByMonthAndTechnique(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ month: string; techniqueId: number; n: number }[]> {
  const { rows } = await sql<{ month: string; techniqueId: number; n: number }>`
    SELECT substr(s.opened_on, 1, 7) AS month, st.technique_id AS techniqueId, count(*) AS n
    FROM sales s JOIN sale_techniques st ON st.sale_id = s.id
    WHERE s.opened_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, 's', 's.customer_id')}
    GROUP BY 1, 2`.execute(db);
  return rows;
}

/**
 * Check-ins per due day that are decided as of `asOf`: done, skipped, or pending past their
 * due date (missed). On time is done on or before the due date, after any snooze: moving a
 * date on purpose is not being late.
 */
export interface CheckInsDueDay {
  day: string;
  due: number;
  onTime: number;
  late: number;
  skipped: number;
  missed: number;
}

export async function checkInsDuePerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
  asOf: string,
): Promise<CheckInsDueDay[]> {
  if (!narrowsNothing(f)) return checkInsDuePerDayFromCheckIns(db, range, f, asOf);
  const { rows } = await sql<CheckInsDueDay>`
    SELECT day, due, onTime, late, skipped, missed FROM (
      SELECT day, on_time + late + skipped + iif(day < ${asOf}, pending, 0) AS due, on_time AS onTime, late,
        skipped, iif(day < ${asOf}, pending, 0) AS missed
      FROM check_in_due_days WHERE day BETWEEN ${range.from} AND ${range.to}
    ) WHERE due > 0`.execute(db);
  return rows;
}

export async function checkInsDuePerDayFromCheckIns(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
  asOf: string,
): Promise<CheckInsDueDay[]> {
  const { rows } = await sql<CheckInsDueDay>`
    SELECT due_on AS day, count(*) AS due,
      sum(status = 'done' AND completed_on <= due_on) AS onTime, sum(status = 'done' AND completed_on > due_on) AS late,
      sum(status = 'skipped') AS skipped, sum(status = 'pending') AS missed
    FROM check_ins
    WHERE due_on BETWEEN ${range.from} AND ${range.to} AND (status <> 'pending' OR due_on < ${asOf})
      ${narrowed(f, null, 'customer_id')}
    GROUP BY due_on`.execute(db);
  return rows;
}

/** Check-ins completed per day, and how many of them on or before their due date. */
export async function checkInsDonePerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; done: number; onTime: number }[]> {
  if (!narrowsNothing(f)) return checkInsDonePerDayFromCheckIns(db, range, f);
  const { rows } = await sql<{ day: string; done: number; onTime: number }>`
    SELECT day, done, on_time AS onTime FROM check_in_done_days WHERE day BETWEEN ${range.from} AND ${range.to}`.execute(
    db,
  );
  return rows;
}

export async function checkInsDonePerDayFromCheckIns(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; done: number; onTime: number }[]> {
  const { rows } = await sql<{ day: string; done: number; onTime: number }>`
    SELECT completed_on AS day, count(*) AS done, sum(completed_on <= due_on) AS onTime FROM check_ins
    WHERE status = 'done' AND completed_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, null, 'customer_id')}
    GROUP BY completed_on`.execute(db);
  return rows;
}

/** Rows of a customer's record per day of `column` in the range (only customers narrow them). */
async function rowsPerDay(
  db: Kysely<DB>,
  table: 'interactions' | 'complaints',
  column: 'occurred_on' | 'opened_on' | 'resolved_on',
  range: Range,
  f: MetricFilter,
): Promise<{ day: string; n: number }[]> {
  const day = sql.ref(column);
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT ${day} AS day, count(*) AS n FROM ${sql.table(table)}
    WHERE ${day} BETWEEN ${range.from} AND ${range.to} ${narrowed(f, null, 'customer_id')}
    GROUP BY ${day}`.execute(db);
  return rows;
}

export const interactionsPerDay = (db: Kysely<DB>, range: Range, f: MetricFilter) =>
  rowsPerDay(db, 'interactions', 'occurred_on', range, f);

/** The complaint's day each count is by: opened, or closed (resolved or not). */
const COMPLAINT_DAY = { opened: 'opened_on', closed: 'resolved_on' } as const;
type ComplaintCount = keyof typeof COMPLAINT_DAY;

/**
 * Complaints opened, or closed (how many the open count loses that day), per day: without a
 * filter from db/salesFacts.ts complaint_day_counts, a row per day.
 */
async function complaintsPerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
  counted: ComplaintCount,
): Promise<{ day: string; n: number }[]> {
  if (!narrowsNothing(f)) return complaintsPerDayFromComplaints(db, range, f, counted);
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT day, ${sql.ref(counted)} AS n FROM complaint_day_counts
    WHERE day BETWEEN ${range.from} AND ${range.to} AND ${sql.ref(counted)} > 0`.execute(db);
  return rows;
}

export const complaintsOpenedPerDay = (db: Kysely<DB>, range: Range, f: MetricFilter) =>
  complaintsPerDay(db, range, f, 'opened');
export const complaintsClosedCountPerDay = (db: Kysely<DB>, range: Range, f: MetricFilter) =>
  complaintsPerDay(db, range, f, 'closed');
/** The same counts read from the complaints themselves (a filter; the tests' reference). */
export const complaintsPerDayFromComplaints = (
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
  counted: ComplaintCount,
) => rowsPerDay(db, 'complaints', COMPLAINT_DAY[counted], range, f);

/**
 * Complaints open at the end of `day`: opened by then and not closed (resolved or not) by then.
 * A complaint is never closed before it is opened (a CHECK), so that is those opened by then less
 * those closed by then: without a filter a sum over complaint_day_counts' days, with one two
 * counts over an index each.
 */
export async function complaintsOpenAt(db: Kysely<DB>, day: string, f: MetricFilter): Promise<number> {
  if (narrowsNothing(f)) {
    const { rows } = await sql<{ n: number }>`
      SELECT coalesce(sum(opened - closed), 0) AS n FROM complaint_day_counts WHERE day <= ${day}`.execute(db);
    return rows[0]!.n;
  }
  const customers = narrowed(f, null, 'customer_id');
  const { rows } = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM complaints WHERE opened_on <= ${day} ${customers})
      - (SELECT count(*) FROM complaints WHERE resolved_on <= ${day} ${customers}) AS n`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Complaints closed per day, as how many (`n`) were closed `resolved` or not after how many
 * days open: a histogram per day, so the median time to resolve comes from the same rows.
 */
export interface ComplaintsClosedDay {
  day: string;
  resolved: 0 | 1;
  days: number;
  n: number;
}

export async function complaintsClosedPerDay(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<ComplaintsClosedDay[]> {
  if (!narrowsNothing(f)) return complaintsClosedPerDayFromComplaints(db, range, f);
  const { rows } = await sql<ComplaintsClosedDay>`
    SELECT day, resolved, days, complaints AS n FROM complaint_closed_days
    WHERE day BETWEEN ${range.from} AND ${range.to}`.execute(db);
  return rows;
}

export async function complaintsClosedPerDayFromComplaints(
  db: Kysely<DB>,
  range: Range,
  f: MetricFilter,
): Promise<ComplaintsClosedDay[]> {
  const { rows } = await sql<ComplaintsClosedDay>`
    SELECT resolved_on AS day, status = 'resolved' AS resolved,
      CAST(julianday(resolved_on) - julianday(opened_on) AS INTEGER) AS days, count(*) AS n
    FROM complaints
    WHERE resolved_on BETWEEN ${range.from} AND ${range.to} ${narrowed(f, null, 'customer_id')}
    GROUP BY 1, 2, 3`.execute(db);
  return rows;
}

// ---- learning ---------------------------------------------------------------------------
// The seller's own reading and listening: no sale and no customer, so no filter narrows them.

/**
 * Library items finished per day: status done with the day they were finished (an item marked
 * done without a day has no day to count on; an abandoned one was not finished). Read through
 * library_items_finished (finished_on, only rows that have one).
 */
export async function itemsFinishedPerDay(db: Kysely<DB>, range: Range): Promise<{ day: string; n: number }[]> {
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT finished_on AS day, count(*) AS n FROM library_items
    WHERE finished_on BETWEEN ${range.from} AND ${range.to} AND status = 'done'
    GROUP BY finished_on`.execute(db);
  return rows;
}

/**
 * Time and pages spent learning per day, over every item (one learning_sessions row per item
 * and day): the minutes, how many of those rows have minutes (the day's timed sessions), and
 * the pages.
 */
export async function learningPerDay(
  db: Kysely<DB>,
  range: Range,
): Promise<{ day: string; minutes: number; timed: number; pages: number }[]> {
  const { rows } = await sql<{ day: string; minutes: number; timed: number; pages: number }>`
    SELECT on_date AS day, sum(minutes) AS minutes, sum(minutes > 0) AS timed, sum(pages) AS pages
    FROM learning_sessions
    WHERE on_date BETWEEN ${range.from} AND ${range.to}
    GROUP BY on_date`.execute(db);
  return rows;
}

/** Takeaways first tried on a sale, per day they were tried. */
export async function takeawaysTriedPerDay(db: Kysely<DB>, range: Range): Promise<{ day: string; n: number }[]> {
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT tried_on AS day, count(*) AS n FROM library_takeaways
    WHERE tried_on BETWEEN ${range.from} AND ${range.to}
    GROUP BY tried_on`.execute(db);
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
