import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../kernel/errors';
import { dayNumberToIso } from '../../shared/dates';
import type { LibraryKind } from '../library/contract';
import { DUE_DAYS } from '../../db/dueDays';
import { MERGE_DAYS } from './contract';
import { dayOf, lastContactBy } from './plainFollowUps';

/**
 * Set-based reads behind the follow-ups list and the at-risk customers: one query per kind
 * of fact over all active (not archived) customers, or one customer. Events after `asOf`
 * are ignored where that can be known (contacts, purchases, ratings), so a past `asOf`
 * gives the answer that day would have given.
 */

export interface CustomerFactRow {
  id: number;
  name: string;
  segment: string | null;
  tags: string;
  created_at: string;
  /** Their last contact by the day asked about (lastContactBy). */
  last_contact: string | null;
  has_open_sale: number;
}

/** Which customers a read is about: all (undefined), one, or those listed. */
export type Who = number | readonly number[] | undefined;

const onlyCustomer = (column: string, who: Who) =>
  who === undefined
    ? sql``
    : typeof who === 'number'
      ? sql`AND ${sql.ref(column)} = ${who}`
      : sql`AND ${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(who)}))`;

export async function customerFacts(db: Kysely<DB>, asOf: string, customerId?: Who): Promise<CustomerFactRow[]> {
  const { rows } = await sql<CustomerFactRow>`
    SELECT c.id, c.name, c.segment, c.tags, c.created_at,
      ${lastContactBy(asOf, 'c.id')} AS last_contact,
      -- closed_on IS NULL exactly when open (a CHECK of the sales table), and it lets
      -- SQLite use the (customer_id, closed_on) index.
      EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = c.id AND s.closed_on IS NULL) AS has_open_sale
    FROM customers c
    WHERE c.archived_at IS NULL ${onlyCustomer('c.id', customerId)}
    ORDER BY c.id`.execute(db);
  return rows;
}

/**
 * The distinct days each customer bought on (won sales), oldest first — only for customers
 * with at least `atLeast` such days (fewer say nothing about a rhythm). One row per customer
 * with the days joined by SQLite, rather than one row per purchase: at 100,000 sales that is
 * the difference between 60,000 objects and a few thousand.
 */
export async function purchaseDays(
  db: Kysely<DB>,
  asOf: string,
  atLeast: number,
  customerId?: Who,
): Promise<Map<number, string[]>> {
  // `+closed_on`: keeps SQLite on the won-by-customer index, already grouped by customer,
  // instead of a date-range index followed by a sort of every purchase.
  const { rows } = await sql<{ customer_id: number; days: string }>`
    SELECT customer_id, group_concat(day) AS days FROM (
      SELECT DISTINCT customer_id, closed_on AS day FROM sales
      WHERE status = 'won' AND +closed_on <= ${asOf} ${onlyCustomer('customer_id', customerId)}
    )
    GROUP BY customer_id HAVING count(*) >= ${atLeast}`.execute(db);
  // group_concat's order is not guaranteed: sort the handful of days per customer here.
  return new Map(rows.map((r) => [r.customer_id, r.days.split(',').sort()]));
}

export interface Rating {
  value: number;
  on: string;
}

/**
 * Each active customer's latest NPS and latest satisfaction answer, from completed check-ins
 * and won sales (a lost deal's rating is about the pitch, not about a relationship at risk);
 * on the same day a check-in's answer wins (it is the later conversation), and of one source the
 * latest id (db/ratingFacts.ts keeps the same answers for today).
 *
 * Each answer is packed into one integer that orders as "later": its day, then its source
 * (check-in over sale), then its id, with the value in the low byte. Then each source is one
 * grouped pass (check-ins over the index that holds their answers), not a probe per customer
 * and answer: at a million sales, about a second instead of several.
 */
export async function latestRatings(
  db: Kysely<DB>,
  asOf: string,
  customerId?: Who,
): Promise<Map<number, { nps?: Rating; csat?: Rating }>> {
  const packed = (day: string, source: 0 | 1, value: string) =>
    sql`max(iif(${sql.ref(value)} IS NULL, NULL,
      (${dayOf(day)} << 41) | (${sql.lit(source)} << 40) | (id << 8) | ${sql.ref(value)}))`;
  const later = (answer: string) =>
    sql`max(coalesce(k.${sql.raw(answer)}, s.${sql.raw(answer)}), coalesce(s.${sql.raw(answer)}, k.${sql.raw(answer)}))`;
  const { rows } = await sql<{
    id: number;
    nps_day: number | null;
    nps: number | null;
    csat_day: number | null;
    csat: number | null;
  }>`
    WITH k AS MATERIALIZED (
      SELECT customer_id, ${packed('completed_on', 1, 'nps')} AS nps, ${packed('completed_on', 1, 'csat')} AS csat
      FROM check_ins INDEXED BY check_ins_latest_answers
      WHERE status = 'done' AND completed_on <= ${asOf} ${onlyCustomer('customer_id', customerId)}
      GROUP BY customer_id
    ), s AS MATERIALIZED (
      SELECT customer_id, ${packed('closed_on', 0, 'nps')} AS nps, ${packed('closed_on', 0, 'satisfaction')} AS csat
      FROM sales
      WHERE status = 'won' AND closed_on <= ${asOf} ${onlyCustomer('customer_id', customerId)}
      GROUP BY customer_id
    )
    SELECT id, nps >> 41 AS nps_day, nps & 255 AS nps, csat >> 41 AS csat_day, csat & 255 AS csat FROM (
      SELECT c.id, ${later('nps')} AS nps, ${later('csat')} AS csat
      FROM customers c LEFT JOIN k ON k.customer_id = c.id LEFT JOIN s ON s.customer_id = c.id
      WHERE c.archived_at IS NULL ${onlyCustomer('c.id', customerId)}
    )
    WHERE nps IS NOT NULL OR csat IS NOT NULL`.execute(db);
  const rating = (day: number | null, value: number | null): Rating | undefined =>
    day === null || value === null ? undefined : { on: dayNumberToIso(day), value };
  const latest = new Map<number, { nps?: Rating; csat?: Rating }>();
  for (const r of rows) {
    const [nps, csat] = [rating(r.nps_day, r.nps), rating(r.csat_day, r.csat)];
    latest.set(r.id, { ...(nps ? { nps } : {}), ...(csat ? { csat } : {}) });
  }
  return latest;
}

export interface PendingCheckInRow {
  id: number;
  sale_id: number;
  sale_title: string;
  closed_on: string | null;
  customer_id: number;
  customer_name: string;
  step_days: number;
  scheduled_on: string;
  due_on: string;
}

/** Pending check-ins of active customers; only those due by `dueBy` when given. */
export async function pendingCheckIns(db: Kysely<DB>, customerId?: Who, dueBy?: string): Promise<PendingCheckInRow[]> {
  const { rows } = await sql<PendingCheckInRow>`
    SELECT k.id, k.sale_id, s.title AS sale_title, s.closed_on, k.customer_id, c.name AS customer_name,
      k.step_days, k.scheduled_on, k.due_on
    FROM check_ins k
    JOIN sales s ON s.id = k.sale_id
    JOIN customers c ON c.id = k.customer_id
    WHERE k.status = 'pending' AND c.archived_at IS NULL ${onlyCustomer('k.customer_id', customerId)}
      ${dueBy === undefined ? sql`` : sql`AND k.due_on <= ${dueBy}`}`.execute(db);
  return rows;
}

/**
 * The pending check-ins `ids` of active customers, and those of their customers' other pending
 * check-ins that a reminder may ride on (within MERGE_DAYS of the day keeping in touch or a
 * reorder is due, when the kept due days say that reminder rides: db/dueDays.ts, which must
 * hold), in id order; `rides` is 1 for a customer with a reminder that rides. What a page of
 * check-ins is described with (features/care/followups.ts describePlain): every other check-in of
 * theirs takes no reminder and changes nothing on the page.
 */
export async function checkInsToDescribe(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<(PendingCheckInRow & { rides: number })[]> {
  const page = sql`SELECT value FROM json_each(${JSON.stringify(ids)})`;
  const near = (due: string) => sql`abs(${dayOf('r.due_on')} - d.${sql.raw(due)}) <= ${sql.lit(MERGE_DAYS)}`;
  const { rows } = await sql<PendingCheckInRow & { rides: number }>`
    SELECT k.id, k.sale_id, s.title AS sale_title, s.closed_on, k.customer_id, c.name AS customer_name,
      k.step_days, k.scheduled_on, k.due_on, o.stay_rides OR o.reorder_rides AS rides
    FROM check_ins k
    JOIN sales s ON s.id = k.sale_id
    JOIN customers c ON c.id = k.customer_id
    JOIN ${sql.table(DUE_DAYS)} o ON o.customer_id = k.customer_id
    WHERE k.status = 'pending' AND c.archived_at IS NULL AND k.id IN (
      ${page}
      UNION
      SELECT r.id FROM ${sql.table(DUE_DAYS)} d
      JOIN check_ins r INDEXED BY check_ins_pending_customer ON r.customer_id = d.customer_id AND r.status = 'pending'
      WHERE d.customer_id IN (SELECT customer_id FROM check_ins WHERE id IN (${page}))
        AND ((d.stay_rides AND ${near('stay_due')}) OR (d.reorder_rides AND ${near('reorder_due')})))
    ORDER BY k.id`.execute(db);
  return rows;
}

export interface ActiveComplaintRow {
  id: number;
  customer_id: number;
  customer_name: string;
  sale_id: number | null;
  sale_title: string | null;
  opened_on: string;
  remind_on: string;
  status: 'open' | 'in_progress';
  severity: 'low' | 'medium' | 'high';
  category: 'product' | 'delivery' | 'billing' | 'service' | 'other';
}

/** Open or in-progress complaints of active customers; only those reminding by `dueBy` when given. */
export function activeComplaints(db: Kysely<DB>, customerId?: Who, dueBy?: string): Promise<ActiveComplaintRow[]> {
  return complaintRows(
    db,
    sql`${onlyCustomer('m.customer_id', customerId)} ${dueBy === undefined ? sql`` : sql`AND m.remind_on <= ${dueBy}`}`,
  );
}

/** Those of the complaints `ids` that are open or in progress, of active customers (a page's). */
export function activeComplaintsOf(db: Kysely<DB>, ids: readonly number[]): Promise<ActiveComplaintRow[]> {
  return complaintRows(db, sql`AND m.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
}

async function complaintRows(db: Kysely<DB>, where: RawBuilder<unknown>): Promise<ActiveComplaintRow[]> {
  const { rows } = await sql<ActiveComplaintRow>`
    SELECT m.id, m.customer_id, c.name AS customer_name, m.sale_id, s.title AS sale_title, m.opened_on,
      m.remind_on, m.status, m.severity, m.category
    FROM complaints m
    JOIN customers c ON c.id = m.customer_id
    LEFT JOIN sales s ON s.id = m.sale_id
    WHERE m.status IN ('open', 'in_progress') AND c.archived_at IS NULL ${where}`.execute(db);
  return rows;
}

/** A library item's action item still to do (a seminar note's `- [ ]` line), with its item. */
export interface OpenActionRow {
  id: number;
  item_id: number;
  item_title: string;
  item_kind: LibraryKind;
  text: string;
  due_on: string;
}

/**
 * Open action items that have a due day (undated ones are notes to self, not follow-ups);
 * only those due by `dueBy` when given. Read through library_actions_open (due_on, open ones
 * only): a few dozen rows however large the library.
 */
export async function openActions(db: Kysely<DB>, dueBy?: string): Promise<OpenActionRow[]> {
  let q = db
    .selectFrom('library_actions as a')
    .innerJoin('library_items as i', 'i.id', 'a.item_id')
    .select(['a.id', 'a.item_id', 'i.title as item_title', 'i.kind as item_kind', 'a.text', 'a.due_on'])
    .where('a.done_at', 'is', null)
    .where('a.due_on', 'is not', null);
  if (dueBy !== undefined) q = q.where('a.due_on', '<=', dueBy);
  return (await q.execute()) as OpenActionRow[];
}

/**
 * The due day of an open, dated action item, the follow-up `followUpId`. A done or undated
 * one is no current follow-up.
 */
export async function openActionDue(db: Kysely<DB>, id: number, followUpId: string): Promise<string> {
  const row = await db
    .selectFrom('library_actions')
    .select(['due_on', 'done_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Action item', id);
  if (row.done_at !== null || row.due_on === null)
    throw new AppError('not_found', 'failures.notCurrentFollowUp', undefined, { id: followUpId });
  return row.due_on;
}
