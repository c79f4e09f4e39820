import { sql, type Kysely, type RawBuilder } from 'kysely';
import { DUE_DAYS } from '../../db/dueDays';
import type { DB } from '../../db/schema';
import { isoToDayNumber } from '../../shared/dates';
import type { FollowUpBucket } from './contract';
import {
  bucketBounds,
  dayOf,
  KIND_ORDER,
  kindOf,
  plainItemOf,
  type Kind,
  type PlainIdle,
  type PlainItem,
} from './plainFollowUps';

/**
 * The plain customers' follow-ups (plainFollowUps.ts: active and in touch) read from the kept
 * due days (db/dueDays.ts), which must hold for every customer not set apart (customersForRules):
 * each reminder's day, snooze applied, and whether it rides on a check-in are kept per customer,
 * so counting a bucket or reading its first items is an index range, whatever the size of the book.
 *
 * A reminder with a day is a plain customer's: a stay-in-touch day needs a last contact, and an
 * expected reorder three purchase days, each a contact. A pending check-in or an open complaint is
 * a plain customer's when they have a row with a contact.
 */

/**
 * SQL: the items of `kind` due between day numbers `from` and `to`, as (id, k, due, who): `k`
 * the kind's place in the list (KIND_ORDER), `due` a day number, `id` the complaint's, the
 * check-in's or the customer's, `who` the customer's (a check-in's from its index, no row looked
 * up). A reminder that rides on a check-in is none. With `first`, only the first that many by
 * day, read in the order of the kind's index.
 */
function itemsOf(
  kind: Kind,
  apart: Apart,
  today: number,
  from: number,
  to: number,
  first?: number,
): RawBuilder<unknown> {
  const order = (column: string) =>
    first === undefined ? sql`` : sql`ORDER BY ${sql.ref(column)} LIMIT ${sql.lit(first)}`;
  if (kind === 'complaint')
    return sql`SELECT m.id, ${sql.lit(KIND_ORDER.complaint)} AS k, ${dayOf('m.remind_on')} AS due, m.customer_id AS who
      FROM complaints m INDEXED BY complaints_active
      WHERE ${ACTIVE} AND ${inRange('m.remind_on', from, to, isoOf)} AND m.customer_id NOT IN (${nobodys(apart)})
      ${order('m.remind_on')}`;
  if (kind === 'check_in')
    return sql`SELECT k.id, ${sql.lit(KIND_ORDER.check_in)} AS k, ${dayOf('k.due_on')} AS due, k.customer_id AS who
      FROM check_ins k INDEXED BY check_ins_pending
      WHERE k.status = 'pending' AND ${inRange('k.due_on', from, to, isoOf)} AND k.customer_id NOT IN (${nobodys(apart)})
      ${order('k.due_on')}`;
  const r = REMINDERS[kind];
  return sql`SELECT customer_id AS id, ${sql.lit(KIND_ORDER[kind])} AS k, ${sql.ref(r.day)} AS due, customer_id AS who
    FROM ${sql.table(DUE_DAYS)} INDEXED BY ${sql.raw(r.index)}
    WHERE ${reminderDue(kind, today, from, to)} ${notApart(apart)}
    ${order(r.day)}`;
}

/** Each kind of reminder in the kept due days: the column of its day, its index by that day. */
const REMINDERS = {
  reorder: { day: 'reorder_due', index: 'customer_due_days_reorder_due' },
  stay_in_touch: { day: 'stay_due', index: 'customer_due_days_stay' },
} as const;

/**
 * SQL: a due days row's reminder of `kind` due between day numbers `from` and `to` and riding on
 * no check-in (a reorder expected still, not lapsed, on day number `today`).
 */
function reminderDue(kind: keyof typeof REMINDERS, today: number, from: number, to: number): RawBuilder<unknown> {
  const due = inRange(REMINDERS[kind].day, from, to, sql.lit);
  return kind === 'reorder'
    ? sql`${due} AND reorder_rides = 0 AND reorder_until >= ${sql.lit(today)}`
    : sql`${due} AND stay_rides = 0`;
}

/**
 * The customers set apart for the JS rules although they have due days: those changed after the
 * day asked about (plainFollowUps.ts customersForRules), a few at most.
 */
type Apart = readonly number[];

const apartIds = (apart: Apart): RawBuilder<unknown> => sql`SELECT value FROM json_each(${JSON.stringify(apart)})`;

/** SQL: how many of the due days rows of those set apart meet `where`. */
const apartCount = (apart: Apart, where: RawBuilder<unknown>): RawBuilder<number> =>
  sql`(SELECT count(*) FROM ${sql.table(DUE_DAYS)} WHERE customer_id IN (${apartIds(apart)}) AND ${where})`;

/** SQL: a due days row (customer_id) not set apart; nothing when nobody is. */
const notApart = (apart: Apart): RawBuilder<unknown> =>
  apart.length === 0 ? sql`` : sql`AND customer_id NOT IN (${apartIds(apart)})`;

/**
 * SQL: the customers whose pending check-ins and open complaints are not the kept due days' to
 * count: archived (they have no due days), never in touch (the JS rules' customers:
 * oddCustomers), or set apart. A few at most, listed once per statement, not looked up per
 * check-in.
 */
const nobodys = (
  apart: Apart,
): RawBuilder<unknown> => sql`SELECT id FROM customers INDEXED BY customers_archived WHERE archived_at IS NOT NULL
  UNION ALL SELECT customer_id FROM ${sql.table(DUE_DAYS)} WHERE contact IS NULL${
    apart.length === 0 ? sql`` : sql` UNION ALL ${apartIds(apart)}`
  }`;

/**
 * SQL: `column` between day numbers `from` and `to` (`bound` writes a day as the column holds
 * it); a bucket open at one end (overdue, later) is no bound there, which SQLite would otherwise
 * test on every index entry of a count.
 */
function inRange(
  column: string,
  from: number,
  to: number,
  bound: (day: number) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  const ref = sql.ref(column);
  if (from === Number.MIN_SAFE_INTEGER) return sql`${ref} <= ${bound(to)}`;
  if (to === Number.MAX_SAFE_INTEGER) return sql`${ref} >= ${bound(from)}`;
  return sql`${ref} BETWEEN ${bound(from)} AND ${bound(to)}`;
}

/**
 * SQL: how many items of `kind` are due between day numbers `from` and `to` (itemsOf), from
 * the indexes alone: the pending check-ins or open complaints in range less those of customers
 * who are nobody's follow-ups (nobodys), read through the customer's index.
 */
function countOf(kind: Kind, apart: Apart, today: number, from: number, to: number): RawBuilder<number> {
  if (kind === 'reorder' || kind === 'stay_in_touch') {
    const all = sql<number>`(SELECT count(*) FROM (${itemsOf(kind, [], today, from, to)}))`;
    // Those set apart looked up by customer, not tested at each of the range's entries.
    return apart.length === 0 ? all : sql<number>`(${all} - ${apartCount(apart, reminderDue(kind, today, from, to))})`;
  }
  const [rows, byDay, byCustomer, range] =
    kind === 'check_in'
      ? [
          sql`check_ins k`,
          'check_ins_pending',
          'check_ins_pending_customer',
          sql`k.status = 'pending' AND ${inRange('k.due_on', from, to, isoOf)}`,
        ]
      : [
          sql`complaints m`,
          'complaints_active',
          'complaints_customer',
          sql`${ACTIVE} AND ${inRange('m.remind_on', from, to, isoOf)}`,
        ];
  const customer = sql.ref(kind === 'check_in' ? 'k.customer_id' : 'm.customer_id');
  return sql`(
    (SELECT count(*) FROM ${rows} INDEXED BY ${sql.raw(byDay)} WHERE ${range})
    - (SELECT count(*) FROM ${rows} INDEXED BY ${sql.raw(byCustomer)} WHERE ${range} AND ${customer} IN (${nobodys(apart)})))`;
}

/** SQL: an open complaint `m` (the follow-ups' and complaints_active's). */
const ACTIVE = sql`m.status IN ('open', 'in_progress')`;

const readItems = async (db: Kysely<DB>, of: RawBuilder<unknown>): Promise<{ id: number; k: number }[]> =>
  (await sql<{ id: number; k: number }>`SELECT id, k FROM (${of})`.execute(db)).rows;

/** SQL: the items of `kinds` due between day numbers `from` and `to` (itemsOf). */
const items = (kinds: readonly Kind[], apart: Apart, today: number, from: number, to: number): RawBuilder<unknown> =>
  sql.join(
    kinds.map((kind) => itemsOf(kind, apart, today, from, to)),
    sql` UNION ALL `,
  );

/** A day number as YYYY-MM-DD for comparing with a stored date, clamped to the years SQLite's dates hold. */
const isoOf = (day: number): RawBuilder<string> =>
  sql`date(${sql.lit(Math.min(Math.max(day, -719_162), 2_932_896) * 86_400)}, 'unixepoch')`;

const DUE_KINDS: readonly Kind[] = ['check_in', 'reorder', 'stay_in_touch'];

/** SQL: the plain customers' follow-ups due before and on day number `today` (the badge, the reminders). */
const dueItems = (apart: Apart, today: number): RawBuilder<unknown> =>
  items(DUE_KINDS, apart, today, Number.MIN_SAFE_INTEGER, today);

/**
 * How many of the plain customers' follow-ups are overdue and due today on `asOf`, from the
 * indexes (countOf), those set apart (`apart`) left out.
 */
export async function keptDueCounts(
  db: Kysely<DB>,
  asOf: string,
  apart: Apart,
): Promise<{ overdue: number; today: number }> {
  const today = isoToDayNumber(asOf);
  const bounds = bucketBounds(asOf);
  const count = (b: 'overdue' | 'today') =>
    sql.join(
      DUE_KINDS.map((kind) => countOf(kind, apart, today, ...bounds[b])),
      sql` + `,
    );
  const { rows } = await sql<{ overdue: number; today: number }>`
    SELECT ${count('overdue')} AS overdue, ${count('today')} AS today`.execute(db);
  return rows[0]!;
}

/** The plain customers' follow-ups due before and on `asOf`, those set apart (`apart`) left out. */
export async function keptDueItems(db: Kysely<DB>, asOf: string, apart: Apart): Promise<PlainItem[]> {
  return (await readItems(db, dueItems(apart, isoToDayNumber(asOf)))).map(plainItemOf);
}

/**
 * The plain customers' follow-ups of `kinds`: per bucket, the count, and the first `limit` items
 * in list order (due day, kind, name, id). Each kind's first `limit` items by day come from its index;
 * the `limit`-th day among them is the last day the page can reach, and only the items up to it
 * are read with their names and ordered. And those with nothing ahead (no rule to keep in touch
 * by, no reorder expected, no open sale, no open complaint, no pending check-in), from their own
 * index: how many, and the most recently in touch — every customer in touch on or after the
 * `limit`-th one's day, so that the caller can order the ties by name. Those set apart (`apart`)
 * are left out.
 */
export async function keptList(
  db: Kysely<DB>,
  asOf: string,
  kinds: readonly Kind[],
  limit: number,
  apart: Apart,
): Promise<{ counts: Record<FollowUpBucket, number>; pages: Record<FollowUpBucket, PlainItem[]>; idle: PlainIdle }> {
  const today = isoToDayNumber(asOf);
  const bounds = bucketBounds(asOf);
  const counts = { overdue: 0, today: 0, week: 0, later: 0 };
  const pages: Record<FollowUpBucket, PlainItem[]> = { overdue: [], today: [], week: [], later: [] };
  if (kinds.length > 0)
    for (const b of Object.keys(bounds) as FollowUpBucket[]) {
      const [from, to] = bounds[b];
      const firstItems = kinds.map((kind) => sql`SELECT due, k FROM (${itemsOf(kind, apart, today, from, to, limit)})`);
      const { rows: head } = await sql<{ n: number; last: number | null; lastK: number | null }>`
        WITH head AS MATERIALIZED (SELECT due, k FROM (${sql.join(firstItems, sql` UNION ALL `)})
          ORDER BY due, k LIMIT 1 OFFSET ${sql.lit(limit - 1)})
        SELECT ${sql.join(
          kinds.map((kind) => countOf(kind, apart, today, from, to)),
          sql` + `,
        )} AS n, (SELECT due FROM head) AS last, (SELECT k FROM head) AS lastK`.execute(db);
      counts[b] = head[0]!.n;
      const { last, lastK } = head[0]!;
      if (last === null || lastK === null) {
        // Fewer than `limit` items: the page is all of them.
        pages[b] = (await readItems(db, items(kinds, apart, today, from, to))).map(plainItemOf);
        continue;
      }
      // The `limit`-th item in list order is due on `last` and of kind `lastK`: every item before
      // that day and kind is on the page, whatever its name; only the ties of that day and kind
      // are read with their names and ordered, for the places left.
      const before = sql.join(
        kinds.map((kind) => itemsOf(kind, apart, today, from, KIND_ORDER[kind] < lastK ? last : last - 1)),
        sql` UNION ALL `,
      );
      const firstOnes = await readItems(db, before);
      const tied = kindOf(lastK);
      const { rows: ties } = await sql<{ id: number; k: number }>`
        SELECT i.id, i.k FROM (${itemsOf(tied, apart, today, last, last)}) i JOIN customers c ON c.id = i.who
        ORDER BY c.name, CAST(i.id AS TEXT) LIMIT ${sql.lit(limit - firstOnes.length)}`.execute(db);
      pages[b] = [...firstOnes, ...ties].map(plainItemOf);
    }
  return { counts, pages, idle: await keptIdle(db, apart, today, limit) };
}

/** keptList's customers with nothing ahead, from the kept due days' index of them. */
async function keptIdle(db: Kysely<DB>, apart: Apart, today: number, limit: number): Promise<PlainIdle> {
  // No reorder expected today: none, or lapsed.
  const nothingAhead = sql`contact IS NOT NULL AND rule IS NULL AND open_sales = 0 AND busy = 0
    AND coalesce(reorder_until, ${sql.lit(today - 1)}) < ${sql.lit(today)}`;
  const from = sql`FROM ${sql.table(DUE_DAYS)} INDEXED BY customer_due_days_idle WHERE ${nothingAhead}`;
  const idle = sql`SELECT customer_id, contact ${from} ${notApart(apart)}`;
  // Those set apart looked up by customer, not tested at each of the index's entries.
  const all = sql`(SELECT count(*) ${from})`;
  const count = apart.length === 0 ? all : sql`(${all} - ${apartCount(apart, nothingAhead)})`;
  const { rows } = await sql<{ id: number | null; n: number | null; name: string; contact: string }>`
    SELECT NULL AS id, ${count} AS n, NULL AS name, NULL AS contact
    UNION ALL
    SELECT i.customer_id, NULL, c.name, i.contact FROM (${idle}) i JOIN customers c ON c.id = i.customer_id
    WHERE i.contact >= coalesce((SELECT contact FROM (${idle}) ORDER BY contact DESC LIMIT 1 OFFSET ${sql.lit(limit - 1)}), '')`.execute(
    db,
  );
  const result: PlainIdle = { total: 0, first: [] };
  for (const r of rows)
    if (r.n !== null) result.total = r.n;
    else result.first.push({ customerId: r.id!, name: r.name, contact: r.contact });
  return result;
}
