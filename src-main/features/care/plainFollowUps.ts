import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CARE_FACTS } from '../../db/careFacts';
import { DUE_DAYS, dueDaysHold, PACK } from '../../db/dueDays';
import type { DB } from '../../db/schema';
import { isoToDayNumber } from '../../shared/dates';
import { MERGE_DAYS, REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES, WEEK_DAYS, type FollowUpBucket } from './contract';
import type { RuleLike } from './rules';

/**
 * The follow-ups of "plain" customers worked out by SQLite over customer_care_facts
 * (db/careFacts.ts) and the pending check-ins, so that the list and the badge do not load every
 * customer at a million sales. Plain: active and in touch at least once. Their
 * check-ins, and their reminders that ride on none of their check-ins, are counted and paged here;
 * the page's check-ins are then described by the JS rules with what rides on them. Everyone else
 * — a few at most — goes through the JS rules of followups.ts, which stay the one definition:
 * these queries restate contactRuleFor, stayInTouchFor and reorderFor in SQL, and the exactness
 * tests compare the two on random books.
 */

export type Kind = 'check_in' | 'reorder' | 'stay_in_touch';

/** Whether the facts answer for `asOf`: nothing recorded after that day, and no import batch half counted. */
export async function careFactsHold(db: Kysely<DB>, asOf: string): Promise<boolean> {
  const { rows } = await sql<{ later: number }>`
    SELECT coalesce((SELECT max(occurred_on) FROM interactions) > ${asOf}, 0)
      OR coalesce((SELECT max(completed_on) FROM check_ins WHERE completed_on IS NOT NULL) > ${asOf}, 0)
      OR coalesce((SELECT max(closed_on) FROM sales WHERE status = 'won') > ${asOf}, 0)
      OR EXISTS (SELECT 1 FROM sales_facts_deferred) AS later`.execute(db);
  return rows[0]!.later === 0;
}

const pack = (r: RuleLike): number => r.idealDays * PACK + r.maxDays;

/**
 * SQL ending in AND: a cheap test that rules out most customers without the tag before json_each
 * reads their tags — the tag as it is, found in their JSON text. Only for printable ASCII without
 * a quote or backslash, which JSON writes as they are; nothing for any other tag.
 */
const tagMayBeIn = (tag: string): RawBuilder<unknown> =>
  /^[\x20-\x7e]*$/.test(tag) && !/["\\]/.test(tag) ? sql`instr(c.tags, ${tag}) > 0 AND` : sql``;

/** SQL: the packed rule contactRuleFor gives customer `c`, NULL for none (the same order of precedence). */
export function packedRule(rules: readonly RuleLike[]): RawBuilder<number | null> {
  const branches: RawBuilder<unknown>[] = [];
  for (const r of rules)
    if (r.scope === 'customer') branches.push(sql`WHEN c.id = ${r.customerId} THEN ${sql.lit(pack(r))}`);
  const tags = rules
    .filter((r) => r.scope === 'tag')
    .sort((a, b) => a.maxDays - b.maxDays || a.idealDays - b.idealDays);
  for (const r of tags)
    branches.push(
      sql`WHEN ${tagMayBeIn(r.value!)} EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ${r.value})
        THEN ${sql.lit(pack(r))}`,
    );
  for (const r of rules)
    if (r.scope === 'segment') branches.push(sql`WHEN c.segment = ${r.value} THEN ${sql.lit(pack(r))}`);
  const fallback = rules.find((r) => r.scope === 'default');
  const otherwise = fallback ? pack(fallback) : null;
  // Numbers go in as literals: better-sqlite3 binds a JS number as a REAL, and `rule / 10000`
  // must stay an integer division.
  if (branches.length === 0) return sql.lit(otherwise);
  return sql`(CASE ${sql.join(branches, sql` `)} ELSE ${sql.lit(otherwise)} END)`;
}

export const dayOf = (column: string): RawBuilder<number> =>
  sql`CAST(julianday(${sql.ref(column)}) - 2440587.5 AS INTEGER)`;

/**
 * SQL: one row per plain customer — active and in touch — with `stay` and `reorder`, the day
 * numbers their reminders are due, snoozes applied (NULL for none), what orders and describes
 * them, and `stay_rides` / `reorder_rides`: whether that reminder is due within MERGE_DAYS of one
 * of their pending check-ins in view (`pendingDueBy`: those due by then; all when undefined),
 * where it rides on the check-in instead of being an item of its own. With `dueBy` (a day
 * number), only the customers with a reminder due by then. Worked out from `rules` for every
 * customer: the way while the kept due days are stale (dueFollowUps.ts reads them otherwise).
 */
function plainCustomers(
  rules: readonly RuleLike[],
  asOf: string,
  pendingDueBy?: string,
  dueBy?: number,
): RawBuilder<unknown> {
  const today = isoToDayNumber(asOf);
  // Over every customer (no `dueBy`), the set of those with a pending check-in first spares most
  // of them the probe; over the few due by a day, the probes are cheaper than the set.
  const pending =
    dueBy === undefined ? sql`AND p.id IN (SELECT customer_id FROM check_ins WHERE status = 'pending')` : sql``;
  const rides = (due: string) =>
    sql`CASE WHEN ${sql.ref(due)} IS NOT NULL ${pending} THEN EXISTS (
        SELECT 1 FROM check_ins k INDEXED BY check_ins_pending_customer
        WHERE k.customer_id = p.id AND k.status = 'pending'
          ${pendingDueBy === undefined ? sql`` : sql`AND k.due_on <= ${pendingDueBy}`}
          AND abs(CAST(julianday(k.due_on) - 2440587.5 AS INTEGER) - ${sql.ref(due)}) <= ${sql.lit(MERGE_DAYS)})
      ELSE 0 END`;
  return sql`
    SELECT p.id, p.name, p.contact, p.stay, p.open_sales, p.rule, p.reorder,
      ${rides('p.stay')} AS stay_rides, ${rides('p.reorder')} AS reorder_rides
    FROM (${ruledDueDays(rules, today, dueBy)}) p`;
}

/** Where the plain customers' due days come from: kept ahead, or worked out from these rules. */
export type DueSource = 'kept' | readonly RuleLike[];

/** The follow-ups' source of due days: the kept ones while they hold (db/dueDays.ts), else `rules`. */
export async function dueSource(db: Kysely<DB>, rules: readonly RuleLike[]): Promise<DueSource> {
  return (await dueDaysHold(db)) ? 'kept' : rules;
}

/**
 * SQL: the day number a reminder of `kind` computed for `due` (a day number) is due, with the
 * customer's snooze applied (followups.ts snoozed): the snooze's day while its basis is `due`.
 */
const snoozed = (kind: 'stay_in_touch' | 'reorder', customer: string, due: string): RawBuilder<number | null> =>
  sql`coalesce((SELECT ${dayOf('s.due_on')} FROM follow_up_snoozes s
    WHERE s.customer_id = ${sql.ref(customer)} AND s.kind = ${sql.lit(kind)}
      AND ${dayOf('s.basis_on')} = ${sql.ref(due)}), ${sql.ref(due)})`;

/** SQL: the plain customers (id, name, contact, stay, open_sales, rule, reorder) worked out from `rules`. */
function ruledDueDays(rules: readonly RuleLike[], today: number, dueBy?: number): RawBuilder<unknown> {
  return sql`
    SELECT * FROM (
      SELECT id, name, contact, ${snoozed('stay_in_touch', 'id', 'stay')} AS stay, open_sales, rule,
        ${snoozed('reorder', 'id', 'reorder')} AS reorder
      FROM (
        SELECT id, name, contact, contact_day + rule / ${sql.lit(PACK)} AS stay, open_sales, rule,
          iif(purchase_days >= ${sql.lit(REORDER_MIN_PURCHASES)} AND open_sales = 0
              AND ${sql.lit(today)} - purchase_day <= ${sql.lit(REORDER_LAPSED_FACTOR)} * usual_days,
            purchase_day + usual_days, NULL) AS reorder
        FROM (
          SELECT c.id, c.name, f.last_contact_on AS contact, ${dayOf('f.last_contact_on')} AS contact_day,
            ${packedRule(rules)} AS rule, f.open_sales, f.purchase_days, ${dayOf('f.last_purchase_on')} AS purchase_day,
            f.usual_days
          FROM ${sql.table(CARE_FACTS)} f JOIN customers c ON c.id = f.customer_id
          WHERE f.last_contact_on IS NOT NULL AND c.archived_at IS NULL
        )
      )
    )
    ${dueBy === undefined ? sql`` : sql`WHERE stay <= ${sql.lit(dueBy)} OR reorder <= ${sql.lit(dueBy)}`}`;
}

/**
 * SQL: the plain customers' items of `kinds`, reminders from the materialised `plain`
 * (plainCustomers), as (id, name, k, due): reminders that ride on no check-in, and pending
 * check-ins; `k` the kind's place in the list (check-ins 1, reorders 2, keeping in touch 3),
 * `due` a day number, `id` the customer's or the check-in's. Every check-in is matched with
 * `plain` (holding every plain customer); with `pendingDueBy`, for counting, only those due by
 * then, checked one by one (`plain` then holds only the customers with a reminder due) and
 * without their names.
 */
function plainItems(kinds: readonly Kind[], pendingDueBy?: string): RawBuilder<unknown> {
  const checkIns =
    pendingDueBy === undefined
      ? sql`SELECT k.id, p.name, 1 AS k, ${dayOf('k.due_on')} AS due FROM check_ins k INDEXED BY check_ins_pending
          JOIN plain p ON p.id = k.customer_id WHERE k.status = 'pending'`
      : sql`SELECT k.id, NULL AS name, 1 AS k, ${dayOf('k.due_on')} AS due FROM check_ins k INDEXED BY check_ins_pending
          WHERE k.status = 'pending' AND k.due_on <= ${pendingDueBy} AND EXISTS (
            SELECT 1 FROM ${sql.table(DUE_DAYS)} d WHERE d.customer_id = k.customer_id AND d.contact IS NOT NULL)`;
  const arms = kinds.map((kind) =>
    kind === 'check_in'
      ? checkIns
      : kind === 'reorder'
        ? sql`SELECT id, name, 2 AS k, reorder AS due FROM plain WHERE reorder IS NOT NULL AND reorder_rides = 0`
        : sql`SELECT id, name, 3 AS k, stay AS due FROM plain WHERE stay IS NOT NULL AND stay_rides = 0`,
  );
  return sql.join(arms, sql` UNION ALL `);
}

/**
 * The active customers the JS rules must see: never in touch (their last contact is the day
 * they were added, in local time). Everyone else's items are plainItems.
 */
export async function oddCustomers(db: Kysely<DB>): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT customer_id AS id FROM ${sql.table(DUE_DAYS)} WHERE contact IS NULL`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * SQL: the plain customers' follow-ups due before and on `asOf` (the badge, the reminders), as
 * plainItems rows: their pending check-ins, and their reminders that ride on none of those due
 * by `pendingDueBy`.
 */
function dueItems(rules: readonly RuleLike[], asOf: string, pendingDueBy: string): RawBuilder<unknown> {
  const today = isoToDayNumber(asOf);
  return sql`
    WITH plain AS MATERIALIZED (${plainCustomers(rules, asOf, pendingDueBy, today)})
    SELECT * FROM (${plainItems(['check_in', 'reorder', 'stay_in_touch'], asOf)}) WHERE due <= ${sql.lit(today)}`;
}

/** How many of dueItems are overdue and due today. */
export async function plainDueCounts(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  pendingDueBy: string,
): Promise<{ overdue: number; today: number }> {
  const today = isoToDayNumber(asOf);
  const { rows } = await sql<{ overdue: number | null; today: number | null }>`
    SELECT sum(due < ${sql.lit(today)}) AS overdue, sum(due = ${sql.lit(today)}) AS today
    FROM (${dueItems(rules, asOf, pendingDueBy)})`.execute(db);
  // No rows sum to NULL.
  return { overdue: rows[0]!.overdue ?? 0, today: rows[0]!.today ?? 0 };
}

/** dueItems, each as the item it is. */
export async function plainDueItems(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  pendingDueBy: string,
): Promise<PlainItem[]> {
  const { rows } = await sql<{ id: number; k: number }>`
    SELECT id, k FROM (${dueItems(rules, asOf, pendingDueBy)})`.execute(db);
  return rows.map(plainItemOf);
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
  { kind: 'check_in'; checkInId: number } | { kind: 'reorder' | 'stay_in_touch'; customerId: number };

/** A row of plainItems (its id and `k`) as the item it is. */
export const plainItemOf = (r: { id: number; k: number }): PlainItem =>
  r.k === 1
    ? { kind: 'check_in', checkInId: r.id }
    : { kind: r.k === 2 ? 'reorder' : 'stay_in_touch', customerId: r.id };

export interface PlainIdle {
  total: number;
  first: { customerId: number; name: string; contact: string }[];
}

/**
 * The plain customers' follow-ups of `kinds` (plainItems): how many fall in each bucket, and the
 * first `limit` of each in list order (due day, check-ins before reorders before keeping in
 * touch, name, id); and those with nothing ahead (no rule to keep in touch by, no reorder
 * expected, no open sale, no open complaint, no pending check-in): how many, and the most
 * recently in touch — every customer in touch on or after the `limit`-th one's day, so that the
 * caller can order the ties by name. The plain customers are read once for both (materialised).
 */
export async function plainList(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  kinds: readonly Kind[],
  limit: number,
): Promise<{ counts: Record<FollowUpBucket, number>; pages: Record<FollowUpBucket, PlainItem[]>; idle: PlainIdle }> {
  const bounds = bucketBounds(asOf);
  const buckets = Object.keys(bounds) as FollowUpBucket[];
  const within = (b: FollowUpBucket) => sql`due BETWEEN ${sql.lit(bounds[b][0])} AND ${sql.lit(bounds[b][1])}`;
  const perBucket = buckets.map(
    (b) => sql`
      SELECT ${b} AS part, NULL AS id, NULL AS k, count(*) AS n, NULL AS name, NULL AS contact FROM items WHERE ${within(b)}
      UNION ALL
      SELECT * FROM (SELECT ${b} AS part, id, k, NULL AS n, NULL AS name, NULL AS contact FROM items WHERE ${within(b)}
        ORDER BY items.due, items.k, items.name, CAST(items.id AS TEXT) LIMIT ${sql.lit(limit)})`,
  );
  const { rows } = await sql<{
    part: FollowUpBucket | 'idle';
    id: number | null;
    k: number | null;
    n: number | null;
    name: string;
    contact: string;
  }>`
    WITH plain AS MATERIALIZED (${plainCustomers(rules, asOf)}),
      items AS MATERIALIZED (${kinds.length > 0 ? plainItems(kinds) : sql`SELECT NULL AS id, NULL AS name, NULL AS k, NULL AS due WHERE 0`}),
      idle AS MATERIALIZED (
        SELECT id, name, contact FROM plain
        WHERE rule IS NULL AND reorder IS NULL AND open_sales = 0
          AND id NOT IN (SELECT customer_id FROM complaints WHERE status IN ('open', 'in_progress'))
          AND id NOT IN (SELECT customer_id FROM check_ins WHERE status = 'pending'))
    ${kinds.length > 0 ? sql`${sql.join(perBucket, sql` UNION ALL `)} UNION ALL` : sql``}
    SELECT 'idle', NULL, NULL, count(*), NULL, NULL FROM idle
    UNION ALL
    SELECT 'idle', id, NULL, NULL, name, contact FROM idle
    WHERE contact >= (SELECT contact FROM idle ORDER BY contact DESC LIMIT 1 OFFSET ${sql.lit(limit - 1)})
      OR (SELECT count(*) FROM idle) < ${sql.lit(limit)}`.execute(db);
  const counts = { overdue: 0, today: 0, week: 0, later: 0 };
  const pages: Record<FollowUpBucket, PlainItem[]> = { overdue: [], today: [], week: [], later: [] };
  const idle: PlainIdle = { total: 0, first: [] };
  for (const r of rows)
    if (r.part === 'idle') {
      if (r.n !== null) idle.total = r.n;
      else idle.first.push({ customerId: r.id!, name: r.name, contact: r.contact });
    } else if (r.n !== null) counts[r.part] = r.n;
    else pages[r.part].push(plainItemOf({ id: r.id!, k: r.k! }));
  return { counts, pages, idle };
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
