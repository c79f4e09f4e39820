import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CARE_FACTS } from '../../db/careFacts';
import type { DB } from '../../db/schema';
import { addDays, isoToDayNumber } from '../../shared/dates';
import { pendingCheckIns, type PendingCheckInRow } from './facts';
import { MERGE_DAYS, REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES, WEEK_DAYS, type FollowUpBucket } from './contract';
import type { RuleLike } from './rules';

/**
 * The stay-in-touch and reorder follow-ups of "plain" customers worked out by SQLite over
 * customer_care_facts (db/careFacts.ts), so that the list and the badge do not load every
 * customer at a million sales. Plain: active, in touch at least once, with no snooze,
 * and no reminder due within MERGE_DAYS of one of their pending check-ins (it would ride on it).
 * Everyone else — a few thousand at most — goes through the JS rules of followups.ts, which stay
 * the one definition: these queries restate contactRuleFor, stayInTouchFor and reorderFor in
 * SQL, and the exactness tests compare the two on random books.
 */

export type Kind = 'reorder' | 'stay_in_touch';

/** Whether the facts answer for `asOf`: nothing recorded after that day, and no import batch half counted. */
export async function careFactsHold(db: Kysely<DB>, asOf: string): Promise<boolean> {
  const { rows } = await sql<{ later: number }>`
    SELECT coalesce((SELECT max(occurred_on) FROM interactions) > ${asOf}, 0)
      OR coalesce((SELECT max(completed_on) FROM check_ins WHERE completed_on IS NOT NULL) > ${asOf}, 0)
      OR coalesce((SELECT max(closed_on) FROM sales WHERE status = 'won') > ${asOf}, 0)
      OR EXISTS (SELECT 1 FROM sales_facts_deferred) AS later`.execute(db);
  return rows[0]!.later === 0;
}

/** A rule's two intervals in one integer (both are at most 3650 days). */
export const PACK = 10_000;
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

const dayOf = (column: string): RawBuilder<number> => sql`CAST(julianday(${sql.ref(column)}) - 2440587.5 AS INTEGER)`;

/** SQL: the pending check-ins in view of customer `c`'s reminders (all, or those due by `dueBy`). */
const pendingOf = (c: string, dueBy: string | undefined): RawBuilder<unknown> =>
  sql`SELECT k.due_on FROM check_ins k INDEXED BY check_ins_pending_customer
    WHERE k.customer_id = ${sql.ref(c)} AND k.status = 'pending'
    ${dueBy === undefined ? sql`` : sql`AND k.due_on <= ${dueBy}`}`;

/**
 * SQL: one row per active customer in touch and without a snooze, with `stay` and `reorder`,
 * the day numbers their reminders are due (NULL for none), what orders and describes them, and
 * `merges`: whether one of the two is due within MERGE_DAYS of one of their pending check-ins in
 * view (`pendingDueBy`: those due by then; all when undefined), where it would ride on the
 * check-in. Plain customers are those that do not merge.
 */
function candidates(rules: readonly RuleLike[], asOf: string, pendingDueBy?: string): RawBuilder<unknown> {
  const today = isoToDayNumber(asOf);
  const near = (due: string) =>
    sql`abs(CAST(julianday(k.due_on) - 2440587.5 AS INTEGER) - ${sql.ref(due)}) <= ${sql.lit(MERGE_DAYS)}`;
  return sql`
    SELECT p.id, p.name, p.contact, p.stay, p.open_sales, p.rule, p.reorder,
      CASE WHEN p.id IN (SELECT customer_id FROM check_ins WHERE status = 'pending')
        THEN EXISTS (SELECT 1 FROM (${pendingOf('p.id', pendingDueBy)}) k WHERE ${near('p.stay')} OR ${near('p.reorder')})
        ELSE 0 END AS merges
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
          AND f.customer_id NOT IN (SELECT customer_id FROM follow_up_snoozes)
      )
    ) p`;
}

/** SQL: the plain customers (see candidates). */
const plainCustomers = (rules: readonly RuleLike[], asOf: string, pendingDueBy?: string): RawBuilder<unknown> =>
  sql`SELECT * FROM (${candidates(rules, asOf, pendingDueBy)}) WHERE merges = 0`;

/**
 * The active customers the JS rules must see: never in touch (their last contact is the day
 * they were added, in local time), snoozed, or with a reminder that rides on a pending check-in.
 */
export async function unplainCustomers(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  pendingDueBy?: string,
): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT c.id FROM customers c
    WHERE c.archived_at IS NULL AND (
      NOT EXISTS (SELECT 1 FROM ${sql.table(CARE_FACTS)} f WHERE f.customer_id = c.id AND f.last_contact_on IS NOT NULL)
      OR c.id IN (SELECT customer_id FROM follow_up_snoozes))
    UNION ALL
    SELECT id FROM (${candidates(rules, asOf, pendingDueBy)}) WHERE merges = 1`.execute(db);
  return rows.map((r) => r.id);
}

/** The plain customers' follow-ups due before and on `asOf` (the badge). */
export async function plainDueCounts(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  pendingDueBy: string,
): Promise<{ overdue: number; today: number }> {
  const today = isoToDayNumber(asOf);
  const { rows } = await sql<{ overdue: number | null; today: number | null }>`
    SELECT sum(coalesce(stay < ${sql.lit(today)}, 0) + coalesce(reorder < ${sql.lit(today)}, 0)) AS overdue,
      sum(coalesce(stay = ${sql.lit(today)}, 0) + coalesce(reorder = ${sql.lit(today)}, 0)) AS today
    FROM (${plainCustomers(rules, asOf, pendingDueBy)})`.execute(db);
  // A NULL due day (no such follow-up) compares to NULL, counted as none; no rows sum to NULL.
  return { overdue: rows[0]!.overdue ?? 0, today: rows[0]!.today ?? 0 };
}

/** The day-number bounds of each bucket (bucketOf in SQL). */
function bucketBounds(asOf: string): Record<FollowUpBucket, [number, number]> {
  const today = isoToDayNumber(asOf);
  return {
    overdue: [Number.MIN_SAFE_INTEGER, today - 1],
    today: [today, today],
    week: [today + 1, today + WEEK_DAYS],
    later: [today + WEEK_DAYS + 1, Number.MAX_SAFE_INTEGER],
  };
}

export interface PlainItem {
  kind: Kind;
  customerId: number;
}

/**
 * The plain customers' follow-ups of `kinds`: how many fall in each bucket, and the first
 * `limit` of each in list order (due day, reorders before keeping in touch, name, id).
 */
export async function plainPages(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  kinds: readonly Kind[],
  limit: number,
): Promise<{ counts: Record<FollowUpBucket, number>; pages: Record<FollowUpBucket, PlainItem[]> }> {
  const counts = { overdue: 0, today: 0, week: 0, later: 0 };
  const pages: Record<FollowUpBucket, PlainItem[]> = { overdue: [], today: [], week: [], later: [] };
  if (kinds.length === 0) return { counts, pages };
  // The plain customers are read once (materialised), then counted and paged per bucket.
  const arms = kinds.map((kind) =>
    kind === 'reorder'
      ? sql`SELECT id, name, 2 AS k, reorder AS due FROM plain WHERE reorder IS NOT NULL`
      : sql`SELECT id, name, 3 AS k, stay AS due FROM plain WHERE stay IS NOT NULL`,
  );
  const bounds = bucketBounds(asOf);
  const buckets = Object.keys(bounds) as FollowUpBucket[];
  const within = (b: FollowUpBucket) => sql`due BETWEEN ${sql.lit(bounds[b][0])} AND ${sql.lit(bounds[b][1])}`;
  const { rows } = await sql<{ bucket: FollowUpBucket; id: number | null; k: number | null; n: number | null }>`
    WITH plain AS MATERIALIZED (${plainCustomers(rules, asOf)}),
      items AS MATERIALIZED (${sql.join(arms, sql` UNION ALL `)})
    ${sql.join(
      buckets.map(
        (b) => sql`
          SELECT ${b} AS bucket, NULL AS id, NULL AS k, count(*) AS n FROM items WHERE ${within(b)}
          UNION ALL
          SELECT * FROM (SELECT ${b} AS bucket, id, k, NULL AS n FROM items WHERE ${within(b)}
            ORDER BY due, k, name, CAST(id AS TEXT) LIMIT ${sql.lit(limit)})`,
      ),
      sql` UNION ALL `,
    )}`.execute(db);
  for (const r of rows)
    if (r.n !== null) counts[r.bucket] = r.n;
    else pages[r.bucket].push({ kind: r.k === 2 ? 'reorder' : 'stay_in_touch', customerId: r.id! });
  return { counts, pages };
}

/**
 * The pending check-ins of active customers other than `unplain` (whose reminders may ride on
 * theirs, so the JS rules build those): how many fall in each bucket, and the first `limit` of
 * each in list order (due day, name, id), read through the pending check-ins' due-day index.
 */
export async function plainCheckInPages(
  db: Kysely<DB>,
  asOf: string,
  unplain: readonly number[],
  limit: number,
): Promise<{ counts: Record<FollowUpBucket, number>; pages: Record<FollowUpBucket, PendingCheckInRow[]> }> {
  const weekEnd = addDays(asOf, WEEK_DAYS);
  const within: Record<FollowUpBucket, RawBuilder<unknown>> = {
    overdue: sql`k.due_on < ${asOf}`,
    today: sql`k.due_on = ${asOf}`,
    week: sql`k.due_on > ${asOf} AND k.due_on <= ${weekEnd}`,
    later: sql`k.due_on > ${weekEnd}`,
  };
  const buckets = Object.keys(within) as FollowUpBucket[];
  const of = (b: FollowUpBucket) => sql`
    FROM check_ins k INDEXED BY check_ins_pending JOIN customers c ON c.id = k.customer_id
    WHERE k.status = 'pending' AND ${within[b]} AND c.archived_at IS NULL
      AND k.customer_id NOT IN (SELECT id FROM unplain)`;
  const { rows } = await sql<{ bucket: FollowUpBucket; id: number | null; n: number | null }>`
    WITH unplain (id) AS MATERIALIZED (SELECT value FROM json_each(${JSON.stringify(unplain)}))
    ${sql.join(
      buckets.map(
        (b) => sql`
          SELECT ${b} AS bucket, NULL AS id, count(*) AS n ${of(b)}
          UNION ALL
          SELECT * FROM (SELECT ${b} AS bucket, k.id, NULL AS n ${of(b)}
            ORDER BY k.due_on, c.name, CAST(k.id AS TEXT) LIMIT ${sql.lit(limit)})`,
      ),
      sql` UNION ALL `,
    )}`.execute(db);
  const counts = { overdue: 0, today: 0, week: 0, later: 0 };
  const bucketOfId = new Map<number, FollowUpBucket>();
  for (const r of rows)
    if (r.n !== null) counts[r.bucket] = r.n;
    else bucketOfId.set(r.id!, r.bucket);
  const pages: Record<FollowUpBucket, PendingCheckInRow[]> = { overdue: [], today: [], week: [], later: [] };
  for (const row of await pendingCheckIns(db, undefined, undefined, [...bucketOfId.keys()]))
    pages[bucketOfId.get(row.id)!].push(row);
  return { counts, pages };
}

/**
 * The plain customers with nothing ahead (no rule to keep in touch by, no reorder expected, no
 * open sale, no open complaint, no pending check-in): how many, and the most recently in touch — every customer in
 * touch on or after the `limit`-th one's day, so that the caller can order the ties by name.
 */
export async function plainIdle(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  limit: number,
): Promise<{ total: number; first: { customerId: number; name: string; contact: string }[] }> {
  const idle = sql`
    SELECT id, name, contact FROM (${plainCustomers(rules, asOf)})
    WHERE rule IS NULL AND reorder IS NULL AND open_sales = 0
      AND id NOT IN (SELECT customer_id FROM complaints WHERE status IN ('open', 'in_progress'))
      AND id NOT IN (SELECT customer_id FROM check_ins WHERE status = 'pending')`;
  const { rows } = await sql<{ total: number; boundary: string | null }>`
    SELECT count(*) AS total,
      (SELECT contact FROM (${idle}) ORDER BY contact DESC LIMIT 1 OFFSET ${sql.lit(limit - 1)}) AS boundary
    FROM (${idle})`.execute(db);
  const { total, boundary } = rows[0]!;
  if (total === 0) return { total, first: [] };
  const first = await sql<{ id: number; name: string; contact: string }>`
    SELECT id, name, contact FROM (${idle}) WHERE contact >= ${boundary ?? ''}`.execute(db);
  return { total, first: first.rows.map((r) => ({ customerId: r.id, name: r.name, contact: r.contact })) };
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
