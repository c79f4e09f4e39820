import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CARE_FACTS } from '../../db/careFacts';
import { DUE_DAYS, DUE_DAYS_STALE } from '../../db/dueDays';
import type { DB } from '../../db/schema';
import { isoToDayNumber } from '../../shared/dates';
import { WEEK_DAYS, type FollowUpBucket, type FollowUpKind } from './contract';

/**
 * The follow-ups of "plain" customers — active and in touch at least once — found by SQLite in
 * the kept due days (db/dueDays.ts; the queries are dueFollowUps.ts), so that the list and the
 * badge do not load every customer at a million sales. Their check-ins, their reminders that ride
 * on none of their check-ins and (on the list) their open complaints are counted and paged there;
 * the page's items are then described by the JS rules with what rides on them. Everyone else — a
 * few at most — goes through the JS rules of followups.ts, which stay the one definition: the
 * exactness tests compare the two on random books. What both share is here.
 */

export type Kind = 'complaint' | 'check_in' | 'reorder' | 'stay_in_touch';

/** Whether the kept facts answer for nobody: an import batch half counted, or a contact rule written since the due days were worked out. */
const factsStale = sql`EXISTS (SELECT 1 FROM sales_facts_deferred) OR EXISTS (SELECT 1 FROM ${sql.table(DUE_DAYS_STALE)})`;

/**
 * SQL: whether the kept facts count anything recorded after `asOf` (a conversation, a check-in
 * completed, a sale won): one probe of each table's index on the day.
 */
const anythingAfter = (asOf: string): RawBuilder<number> => sql`(
  EXISTS (SELECT 1 FROM interactions INDEXED BY interactions_occurred WHERE occurred_on > ${asOf})
  OR EXISTS (SELECT 1 FROM check_ins INDEXED BY check_ins_completed WHERE completed_on > ${asOf})
  OR EXISTS (SELECT 1 FROM sales INDEXED BY sales_closed WHERE status = 'won' AND closed_on > ${asOf}))`;

/**
 * The customers with something the kept facts count recorded after a day: for every other
 * customer the facts still say how things stood that day.
 * - `sold`: a sale won since. Their purchases have moved on: they are worked out from their rows.
 * - `contacted`: in touch since, with no sale won. Their facts still hold for that day but for
 *   their last contact and their latest answers, which are read as of then.
 */
export interface ChangedAfter {
  sold: number[];
  contacted: number[];
}

/**
 * The customers changed after `asOf` (ChangedAfter), by id; null when the facts are stale and
 * answer for nobody. Once the indexes have said that anything came after `asOf` at all (for
 * today, as a rule, nothing: nobody changed), the few rows recorded since are read from the same
 * indexes: a conversation or a sale dated ahead of today, typed in advance. Past FEW_LATER of them
 * (a day long past), the customers are read from the care facts themselves: a customer's last
 * contact is later than `asOf` exactly when they were in touch since, and their last purchase
 * exactly when they won a sale since. One pass over a row per customer (30–130 ms at a million
 * sales): gathering the customers from the rows recorded since took 2.4 s a year back (a million
 * rows merged).
 */
export async function customersChangedAfter(db: Kysely<DB>, asOf: string): Promise<ChangedAfter | null> {
  const { rows: state } = await sql<{ stale: number; later: number }>`
    SELECT ${factsStale} AS stale, ${anythingAfter(asOf)} AS later`.execute(db);
  if (state[0]!.stale === 1) return null;
  if (state[0]!.later === 0) return { sold: [], contacted: [] };
  // The same sources as the facts' last contact: a skipped check-in is no contact.
  const { rows: later } = await sql<{ customer_id: number; sold: number }>`
    SELECT customer_id, sold FROM (
      SELECT customer_id, 0 AS sold FROM interactions INDEXED BY interactions_occurred WHERE occurred_on > ${asOf}
      UNION ALL
      SELECT customer_id, 0 FROM check_ins INDEXED BY check_ins_completed WHERE completed_on > ${asOf} AND status = 'done'
      UNION ALL
      SELECT customer_id, 1 FROM sales INDEXED BY sales_closed WHERE status = 'won' AND closed_on > ${asOf}
      LIMIT ${sql.lit(FEW_LATER + 1)})`.execute(db);
  const rows =
    later.length <= FEW_LATER
      ? later
      : (
          await sql<{ customer_id: number; sold: number }>`
            SELECT customer_id, last_purchase_on > ${asOf} AS sold FROM ${sql.table(CARE_FACTS)}
            WHERE last_contact_on > ${asOf}`.execute(db)
        ).rows;
  const sold = new Set<number>();
  const contacted = new Set<number>();
  for (const r of rows) (r.sold === 1 ? sold : contacted).add(r.customer_id);
  const ascending = (ids: Iterable<number>): number[] => [...ids].sort((a, b) => a - b);
  return { sold: ascending(sold), contacted: ascending([...contacted].filter((id) => !sold.has(id))) };
}

/** The customers the JS rules see while the kept due days answer for the others (customersForRules), by id. */
export interface RuleCustomers {
  /** Their states read from the care facts, which must hold for them. */
  kept: readonly number[];
  /** Their states read from their rows as of the day asked about. */
  changed: readonly number[];
}

/** Every customer of `who`, their states read either way. */
export const ruleCustomerIds = (who: RuleCustomers): number[] => [...who.kept, ...who.changed];

/** Up to this many rows recorded after a day are read one by one (customersChangedAfter). */
const FEW_LATER = 1000;

/**
 * Who the JS rules must see on `asOf` for the kept due days (dueFollowUps.ts) to answer for everyone
 * else, or null when they answer for nobody: the facts stale, or too many customers changed since
 * `asOf` (a day long past) for setting them apart to be quicker than reading everyone's rows.
 * - `kept`: never in touch (oddCustomers), their states read from the care facts;
 * - `changed`: with a contact or a purchase recorded after `asOf` (customersChangedAfter), their
 *   states read from their rows as of then. The kept due days count those later records.
 */
export async function customersForRules(db: Kysely<DB>, asOf: string): Promise<RuleCustomers | null> {
  const since = await customersChangedAfter(db, asOf);
  if (since === null) return null;
  const changed = [...since.sold, ...since.contacted].sort((a, b) => a - b);
  if (changed.length > FEW_CHANGED) return null;
  const moved = new Set(changed);
  return { kept: (await oddCustomers(db)).filter((id) => !moved.has(id)), changed };
}

/** More customers changed since a day than this, the follow-ups of that day read every customer's rows. */
const FEW_CHANGED = 500;

export const dayOf = (column: string): RawBuilder<number> =>
  sql`CAST(julianday(${sql.ref(column)}) - 2440587.5 AS INTEGER)`;

/**
 * SQL: the last contact of the customer whose id is `customer` by `asOf` (an interaction, a
 * check-in completed, a sale won), NULL for none: the care facts' last_contact_on as it stood
 * that day. Each source is one probe of its index by customer and day.
 */
export const lastContactBy = (asOf: string, customer: string): RawBuilder<string | null> => {
  const c = sql.ref(customer);
  return sql`nullif(max(
    coalesce((SELECT max(i.occurred_on) FROM interactions i WHERE i.customer_id = ${c} AND i.occurred_on <= ${asOf}), ''),
    coalesce((SELECT max(k.completed_on) FROM check_ins k
      WHERE k.customer_id = ${c} AND k.status = 'done' AND k.completed_on <= ${asOf}), ''),
    coalesce((SELECT max(s.closed_on) FROM sales s
      WHERE s.customer_id = ${c} AND s.status = 'won' AND s.closed_on <= ${asOf}), '')), '')`;
};

/**
 * The active customers the JS rules must see: never in touch (their last contact is the day
 * they were added, in local time). Everyone else's items are dueFollowUps.ts's.
 */
async function oddCustomers(db: Kysely<DB>): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT customer_id AS id FROM ${sql.table(DUE_DAYS)} WHERE contact IS NULL`.execute(db);
  return rows.map((r) => r.id);
}

/** The day-number bounds of each bucket (bucketOf in SQL). */
export function bucketBounds(asOf: string): Record<FollowUpBucket, [number, number]> {
  const today = isoToDayNumber(asOf);
  return {
    overdue: [Number.MIN_SAFE_INTEGER, today - 1],
    today: [today, today],
    week: [today + 1, today + WEEK_DAYS],
    later: [today + WEEK_DAYS + 1, Number.MAX_SAFE_INTEGER],
  };
}

export type PlainItem =
  | { kind: 'complaint'; complaintId: number }
  | { kind: 'check_in'; checkInId: number }
  | { kind: 'reorder' | 'stay_in_touch'; customerId: number };

/** Each kind's place among the follow-ups due the same day; a plain item's `k` in SQL is its kind's. */
export const KIND_ORDER: Readonly<Record<FollowUpKind, number>> = {
  complaint: 0,
  check_in: 1,
  reorder: 2,
  stay_in_touch: 3,
  action: 4,
};
const PLAIN_KINDS: readonly Kind[] = ['complaint', 'check_in', 'reorder', 'stay_in_touch'];
/** The plain kind whose place is `k`. */
export const kindOf = (k: number): Kind => PLAIN_KINDS.find((kind) => KIND_ORDER[kind] === k)!;

/** A row of dueFollowUps.ts's items (its id and `k`) as the item it is. */
export const plainItemOf = (r: { id: number; k: number }): PlainItem => {
  const kind = kindOf(r.k);
  if (kind === 'complaint') return { kind, complaintId: r.id };
  return kind === 'check_in' ? { kind, checkInId: r.id } : { kind, customerId: r.id };
};

export interface PlainIdle {
  total: number;
  first: { customerId: number; name: string; contact: string }[];
}

export interface CareFactRow {
  id: number;
  name: string;
  segment: string | null;
  tags: string;
  created_at: string;
  last_contact_on: string | null;
  open_sales: number | null;
  purchase_days: number | null;
  last_purchase_on: string | null;
  usual_days: number | null;
}

/**
 * The active customers of `ids` with their care facts (NULLs for a customer without a row), by
 * id; with `contactsBy`, their last contact by that day (lastContactBy) instead of their latest.
 */
export async function careFactRows(
  db: Kysely<DB>,
  ids: readonly number[],
  contactsBy?: string,
): Promise<CareFactRow[]> {
  const lastContact = contactsBy === undefined ? sql`f.last_contact_on` : lastContactBy(contactsBy, 'c.id');
  const { rows } = await sql<CareFactRow>`
    SELECT c.id, c.name, c.segment, c.tags, c.created_at, ${lastContact} AS last_contact_on, f.open_sales, f.purchase_days,
      f.last_purchase_on, f.usual_days
    FROM customers c LEFT JOIN ${sql.table(CARE_FACTS)} f ON f.customer_id = c.id
    WHERE c.archived_at IS NULL AND c.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
    ORDER BY c.id`.execute(db);
  return rows;
}
