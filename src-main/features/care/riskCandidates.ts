import { sql, type Kysely, type RawBuilder } from 'kysely';
import { latestRatings, type Rating } from './facts';
import { RATING_FACTS } from '../../db/ratingFacts';
import type { DB } from '../../db/schema';
import { daysBetween, isoToDayNumber, localIsoDate } from '../../shared/dates';
import { CSAT_AT_RISK, NPS_AT_RISK } from './contract';
import { DUE_DAYS } from '../../db/dueDays';
import { contactRuleFor, type RuleLike } from './rules';

/**
 * The at-risk customers found by SQLite (atRisk.ts listAtRisk's fast way), each with how many
 * kinds of reason they have and the weight of their gravest open complaint (0 for none): what
 * the list is ordered by before the name. The reasons restate atRiskOf's in SQL over the kept
 * facts (db/careFacts.ts, db/ratingFacts.ts, db/dueDays.ts), which must hold for `asOf` but for the
 * customers set apart (customersChangedAfter): open complaints, a latest NPS or satisfaction at risk, check-ins due before `asOf`, a late
 * reorder, no contact beyond the rule's maximum (for customers never in touch, whose last contact
 * is the local day they were added, by the JS rules).
 */
export interface RiskCandidate {
  id: number;
  name: string;
  reasons: number;
  gravest: number;
}

/**
 * How many customers are at risk, and the candidates for the first `limit`: those of every
 * (reasons, gravest) group up to the one that fills the page; the caller orders them by name.
 * The customers `apart` (whose facts have moved on since `asOf`) are the caller's.
 *
 * SQLite lists the customers of each kind of reason, each by an index, as one string of ids per
 * kind; they are counted here in arrays indexed by customer id. At a million sales some 90,000
 * reasons name 65,000 customers: grouping them in SQL (a temporary table, sorted twice) took
 * 55 ms of CPU, counting them here 12.
 */
export async function riskCandidates(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  limit: number,
  apart: readonly number[],
): Promise<{ total: number; candidates: RiskCandidate[] }> {
  const today = isoToDayNumber(asOf);
  const silent = (await neverInTouch(db)).flatMap((c) => {
    const own = contactRuleFor(rules, { id: c.id, segment: c.segment, tags: JSON.parse(c.tags) as string[] });
    return own && daysBetween(localIsoDate(new Date(c.created_at)), asOf) > own.maxDays ? [c.id] : [];
  });
  const ids = (of: RawBuilder<unknown>) => sql`(SELECT group_concat(id) FROM (${of}))`;
  const { rows } = await sql<{ last: number | null; complaints: string | null; archived: string | null } & Kinds>`
    SELECT (SELECT max(id) FROM customers) AS last,
      -- Each customer with open complaints once, as id:weight of the gravest.
      (SELECT group_concat(customer_id || ':' || gravest) FROM (
        SELECT customer_id, max(CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END) AS gravest
        FROM complaints WHERE status IN ('open', 'in_progress') GROUP BY customer_id)) AS complaints,
      ${ids(sql`SELECT customer_id AS id FROM ${sql.table(RATING_FACTS)} WHERE nps <= ${sql.lit(NPS_AT_RISK)}`)} AS nps,
      ${ids(sql`SELECT customer_id AS id FROM ${sql.table(RATING_FACTS)} WHERE csat <= ${sql.lit(CSAT_AT_RISK)}`)} AS csat,
      ${ids(sql`SELECT DISTINCT customer_id AS id FROM check_ins INDEXED BY check_ins_pending
        WHERE status = 'pending' AND due_on < ${asOf}`)} AS overdue,
      -- A reorder late: expected before today, and not lapsed (which never goes stale).
      ${ids(sql`SELECT customer_id AS id FROM ${sql.table(DUE_DAYS)}
        WHERE reorder < ${sql.lit(today)} AND reorder_until >= ${sql.lit(today)}`)} AS reorder,
      ${ids(sql`SELECT customer_id AS id FROM ${sql.table(DUE_DAYS)} WHERE quiet_until < ${sql.lit(today)}`)} AS quiet,
      -- Of the active customers: the archived are a few, found by their own index (db/dueDays.ts).
      ${ids(sql`SELECT id FROM customers INDEXED BY customers_archived WHERE archived_at IS NOT NULL`)} AS archived`.execute(
    db,
  );
  const row = rows[0]!;
  const size = (row.last ?? 0) + 1;
  const reasons = new Uint8Array(size);
  const gravest = new Uint8Array(size);
  for (const pair of idList(row.complaints)) {
    const [id, weight] = pair.split(':').map(Number) as [number, number];
    reasons[id]!++;
    gravest[id] = weight;
  }
  for (const kind of KINDS) for (const id of idList(row[kind])) reasons[Number(id)]!++;
  for (const id of silent) reasons[id]!++;
  for (const id of idList(row.archived)) reasons[Number(id)] = 0;
  for (const id of apart) reasons[id] = 0;

  // The (reasons, gravest) groups, most reasons and gravest first, and how many come before each.
  const key = (id: number): number => reasons[id]! * 4 + gravest[id]!;
  const groups = new Map<number, number>();
  let total = 0;
  for (let id = 1; id < size; id++)
    if (reasons[id]! > 0) {
      total++;
      groups.set(key(id), (groups.get(key(id)) ?? 0) + 1);
    }
  const kept = new Set<number>();
  let before = 0;
  for (const [group, count] of [...groups].sort(([a], [b]) => b - a)) {
    if (before >= limit) break;
    kept.add(group);
    before += count;
  }
  const chosen: number[] = [];
  for (let id = 1; id < size; id++) if (reasons[id]! > 0 && kept.has(key(id))) chosen.push(id);
  const { rows: names } = await sql<{ id: number; name: string }>`
    SELECT id, name FROM customers WHERE id IN (SELECT value FROM json_each(${JSON.stringify(chosen)}))`.execute(db);
  return {
    total,
    candidates: names.map((n) => ({ id: n.id, name: n.name, reasons: reasons[n.id]!, gravest: gravest[n.id]! })),
  };
}

/** The kinds of reason other than complaints that SQLite lists by customer, each a customer once. */
const KINDS = ['nps', 'csat', 'overdue', 'reorder', 'quiet'] as const;
type Kinds = Record<(typeof KINDS)[number], string | null>;

/** The items of a group_concat (none for NULL, its value over no rows). */
const idList = (list: string | null): string[] => (list === null ? [] : list.split(','));

/**
 * The active customers never in touch, whose last contact is the local day they were added
 * (customerStates): the JS rules say whether that is too long ago.
 */
async function neverInTouch(
  db: Kysely<DB>,
): Promise<{ id: number; segment: string | null; tags: string; created_at: string }[]> {
  const { rows } = await sql<{ id: number; segment: string | null; tags: string; created_at: string }>`
    SELECT c.id, c.segment, c.tags, c.created_at FROM customers c
    WHERE c.id IN (SELECT customer_id FROM ${sql.table(DUE_DAYS)} WHERE contact IS NULL)`.execute(db);
  return rows;
}

/** The latest answers of the customers `ids` from the kept facts (facts.ts latestRatings, when they hold). */
export async function latestRatingFacts(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<Map<number, { nps?: Rating; csat?: Rating }>> {
  const { rows } = await sql<{
    customer_id: number;
    nps: number | null;
    nps_on: string;
    csat: number | null;
    csat_on: string;
  }>`
    SELECT customer_id, nps, nps_on, csat, csat_on FROM ${sql.table(RATING_FACTS)}
    WHERE customer_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db);
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        ...(r.nps !== null ? { nps: { value: r.nps, on: r.nps_on } } : {}),
        ...(r.csat !== null ? { csat: { value: r.csat, on: r.csat_on } } : {}),
      },
    ]),
  );
}

/**
 * The latest answers of the customers `ids` as of `asOf`, while the kept facts hold but for what
 * was recorded after it (listAtRisk's customers set apart): a kept answer given by `asOf` was the
 * latest then too, since a later one would be kept instead; only the customers with a kept answer
 * given after it are read from their rows (facts.ts latestRatings). At a million sales, as of four
 * days back, 38,000 customers set apart and 0.74 s of reading their rows before.
 */
export async function latestRatingsAsOf(
  db: Kysely<DB>,
  asOf: string,
  ids: readonly number[],
): Promise<Map<number, { nps?: Rating; csat?: Rating }>> {
  const kept = await latestRatingFacts(db, ids);
  const later = [...kept].flatMap(([id, r]) => ((r.nps?.on ?? '') > asOf || (r.csat?.on ?? '') > asOf ? [id] : []));
  if (later.length === 0) return kept;
  const then = await latestRatings(db, asOf, later);
  for (const id of later) {
    const answers = then.get(id);
    if (answers) kept.set(id, answers);
    else kept.delete(id);
  }
  return kept;
}
