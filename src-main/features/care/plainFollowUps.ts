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
 * The customers of what the kept facts count that was recorded after `asOf` (a contact, a
 * check-in completed, a sale won), one query each, by its index on the day: left to itself,
 * SQLite walked every interaction and check-in by customer to merge them (110 ms at a million
 * sales when nothing came after `asOf`).
 */
const recordedAfter = (asOf: string): RawBuilder<unknown>[] => [
  sql`SELECT customer_id FROM interactions INDEXED BY interactions_occurred WHERE occurred_on > ${asOf}`,
  sql`SELECT customer_id FROM check_ins INDEXED BY check_ins_completed WHERE completed_on > ${asOf}`,
  sql`SELECT customer_id FROM sales INDEXED BY sales_closed WHERE status = 'won' AND closed_on > ${asOf}`,
];

/**
 * Whether the kept facts answer for `asOf`: nothing recorded after that day, and they are not
 * stale. Otherwise the JS rules read every customer.
 */
export async function careFactsHold(db: Kysely<DB>, asOf: string): Promise<boolean> {
  const later = recordedAfter(asOf).map((rows) => sql`EXISTS (${rows})`);
  const { rows } = await sql<{ later: number }>`
    SELECT ${sql.join(later, sql` OR `)} OR ${factsStale} AS later`.execute(db);
  return rows[0]!.later === 0;
}

/**
 * The customers with something the kept facts count recorded after `asOf`: for every other
 * customer the facts still say how things stood on `asOf`, so only these must be worked out from
 * their rows (a report's at-risk list as of its last day). Null when the facts are stale and
 * answer for nobody.
 */
export async function customersChangedAfter(db: Kysely<DB>, asOf: string): Promise<number[] | null> {
  const { rows: state } = await sql<{ stale: number }>`SELECT ${factsStale} AS stale`.execute(db);
  if (state[0]!.stale === 1) return null;
  const { rows } = await sql<{ customer_id: number }>`${sql.join(recordedAfter(asOf), sql` UNION `)}`.execute(db);
  return rows.map((r) => r.customer_id);
}

export const dayOf = (column: string): RawBuilder<number> =>
  sql`CAST(julianday(${sql.ref(column)}) - 2440587.5 AS INTEGER)`;

/**
 * The active customers the JS rules must see: never in touch (their last contact is the day
 * they were added, in local time). Everyone else's items are dueFollowUps.ts's.
 */
export async function oddCustomers(db: Kysely<DB>): Promise<number[]> {
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

/** The active customers of `ids` with their care facts (NULLs for a customer without a row), by id. */
export async function careFactRows(db: Kysely<DB>, ids: readonly number[]): Promise<CareFactRow[]> {
  const { rows } = await sql<CareFactRow>`
    SELECT c.id, c.name, c.segment, c.tags, c.created_at, f.last_contact_on, f.open_sales, f.purchase_days,
      f.last_purchase_on, f.usual_days
    FROM customers c LEFT JOIN ${sql.table(CARE_FACTS)} f ON f.customer_id = c.id
    WHERE c.archived_at IS NULL AND c.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))
    ORDER BY c.id`.execute(db);
  return rows;
}
