import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CARE_FACTS } from '../../db/careFacts';
import type { DB } from '../../db/schema';
import { isoToDayNumber } from '../../shared/dates';
import { REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES, WEEK_DAYS, type FollowUpBucket } from './contract';
import type { RuleLike } from './rules';

/**
 * The stay-in-touch and reorder follow-ups of "plain" customers worked out by SQLite over
 * customer_care_facts (db/careFacts.ts), so that the list, the badge and the at-risk list do not
 * load every customer at a million sales. Plain: active, in touch at least once, with no snooze
 * and no pending check-in in view (a reminder may ride on one). Everyone else — a few thousand at
 * most — goes through the JS rules of followups.ts, which stay the one definition: these queries
 * restate contactRuleFor, stayInTouchFor and reorderFor in SQL, and the exactness tests compare
 * the two on random books.
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
const PACK = 10_000;
const pack = (r: RuleLike): number => r.idealDays * PACK + r.maxDays;

/** SQL: the packed rule contactRuleFor gives customer `c`, NULL for none (the same order of precedence). */
function packedRule(rules: readonly RuleLike[]): RawBuilder<number | null> {
  const branches: RawBuilder<unknown>[] = [];
  for (const r of rules)
    if (r.scope === 'customer') branches.push(sql`WHEN c.id = ${r.customerId} THEN ${sql.lit(pack(r))}`);
  const tags = rules
    .filter((r) => r.scope === 'tag')
    .sort((a, b) => a.maxDays - b.maxDays || a.idealDays - b.idealDays);
  for (const r of tags)
    branches.push(sql`WHEN EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ${r.value}) THEN ${sql.lit(pack(r))}`);
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

/**
 * SQL: one row per plain customer with `stay` and `reorder`, the day numbers their follow-ups
 * are due (NULL for none), plus what orders and describes them. `pendingDueBy`: the pending
 * check-ins that make a customer not plain (all of them when undefined).
 */
function plainCustomers(rules: readonly RuleLike[], asOf: string, pendingDueBy?: string): RawBuilder<unknown> {
  const today = isoToDayNumber(asOf);
  return sql`
    SELECT id, name, contact, contact_day + rule / ${sql.lit(PACK)} AS stay, open_sales, rule,
      iif(purchase_days >= ${sql.lit(REORDER_MIN_PURCHASES)} AND open_sales = 0
          AND ${sql.lit(today)} - purchase_day <= ${sql.lit(REORDER_LAPSED_FACTOR)} * usual_days, purchase_day + usual_days, NULL) AS reorder
    FROM (
      SELECT c.id, c.name, f.last_contact_on AS contact, ${dayOf('f.last_contact_on')} AS contact_day,
        ${packedRule(rules)} AS rule, f.open_sales, f.purchase_days, ${dayOf('f.last_purchase_on')} AS purchase_day,
        f.usual_days
      FROM ${sql.table(CARE_FACTS)} f JOIN customers c ON c.id = f.customer_id
      WHERE f.last_contact_on IS NOT NULL AND c.archived_at IS NULL
        AND f.customer_id NOT IN (SELECT customer_id FROM follow_up_snoozes)
        AND f.customer_id NOT IN (SELECT customer_id FROM check_ins WHERE status = 'pending'
          ${pendingDueBy === undefined ? sql`` : sql`AND due_on <= ${pendingDueBy}`})
    )`;
}

/**
 * SQL: the active customers the JS rules must see: never in touch (their last contact is the
 * day they were added, in local time), snoozed, or with a pending check-in in view.
 */
export async function unplainCustomers(db: Kysely<DB>, pendingDueBy?: string): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT c.id FROM customers c
    WHERE c.archived_at IS NULL AND (
      NOT EXISTS (SELECT 1 FROM ${sql.table(CARE_FACTS)} f WHERE f.customer_id = c.id AND f.last_contact_on IS NOT NULL)
      OR c.id IN (SELECT customer_id FROM follow_up_snoozes)
      OR c.id IN (SELECT customer_id FROM check_ins WHERE status = 'pending'
        ${pendingDueBy === undefined ? sql`` : sql`AND due_on <= ${pendingDueBy}`}))`.execute(db);
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
  const plain = plainCustomers(rules, asOf);
  const arms = kinds.map((kind) =>
    kind === 'reorder'
      ? sql`SELECT id, name, 2 AS k, reorder AS due FROM (${plain}) WHERE reorder IS NOT NULL`
      : sql`SELECT id, name, 3 AS k, stay AS due FROM (${plain}) WHERE stay IS NOT NULL`,
  );
  const items = sql.join(arms, sql` UNION ALL `);
  const bounds = bucketBounds(asOf);
  const { rows } = await sql<Record<FollowUpBucket, number>>`
    SELECT ${sql.join(
      (Object.keys(bounds) as FollowUpBucket[]).map(
        (b) =>
          sql`coalesce(sum(due BETWEEN ${sql.lit(bounds[b][0])} AND ${sql.lit(bounds[b][1])}), 0) AS ${sql.ref(b)}`,
      ),
    )}
    FROM (${items})`.execute(db);
  Object.assign(counts, rows[0]);
  for (const b of Object.keys(bounds) as FollowUpBucket[]) {
    if (counts[b] === 0) continue;
    const page = await sql<{ id: number; k: number }>`
      SELECT id, k FROM (${items}) WHERE due BETWEEN ${sql.lit(bounds[b][0])} AND ${sql.lit(bounds[b][1])}
      ORDER BY due, k, name, CAST(id AS TEXT) LIMIT ${sql.lit(limit)}`.execute(db);
    pages[b] = page.rows.map((r) => ({ kind: r.k === 2 ? 'reorder' : 'stay_in_touch', customerId: r.id }));
  }
  return { counts, pages };
}

/**
 * The plain customers with nothing ahead (no rule to keep in touch by, no reorder expected, no
 * open sale, no open complaint): how many, and the most recently in touch — every customer in
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
      AND id NOT IN (SELECT customer_id FROM complaints WHERE status IN ('open', 'in_progress'))`;
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
