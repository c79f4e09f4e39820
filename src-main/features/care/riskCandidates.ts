import { sql, type Kysely, type RawBuilder } from 'kysely';
import { latestRatings, type Rating } from './facts';
import { RATING_FACTS } from '../../db/ratingFacts';
import type { DB } from '../../db/schema';
import { daysBetween, isoToDayNumber, localIsoDate } from '../../shared/dates';
import { CSAT_AT_RISK, NPS_AT_RISK } from './contract';
import { DUE_DAYS, maxDaysOf } from '../../db/dueDays';
import { dayOf, lastContactBy, type ChangedAfter } from './plainFollowUps';
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
 * The customers `apart.sold` (whose purchases have moved on since `asOf`) are the caller's. Those
 * `apart.contacted` count as they stood on `asOf`: their silence by their last contact then, and
 * their latest answers then where they have answered since (answersThen).
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
  apart: ChangedAfter,
): Promise<{ total: number; candidates: RiskCandidate[] }> {
  const today = isoToDayNumber(asOf);
  const ids = (of: RawBuilder<unknown>) => sql`(SELECT group_concat(id) FROM (${of}))`;
  const [then, { rows }] = await Promise.all([
    answersThen(db, asOf, apart.contacted),
    sql<
      { last: number | null; complaints: string | null; archived: string | null; silent_then: string | null } & Kinds
    >`
    -- The customers in touch since asOf, with their last contact by then (NULL: not yet in touch).
    WITH contacted AS MATERIALIZED (
      SELECT d.customer_id AS id, d.rule, ${lastContactBy(asOf, 'd.customer_id')} AS contact
      FROM json_each(${JSON.stringify(apart.contacted)}) j JOIN ${sql.table(DUE_DAYS)} d ON d.customer_id = j.value
    )
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
      ${ids(sql`SELECT id FROM contacted
        WHERE ${dayOf('contact')} + ${sql.raw(maxDaysOf('rule'))} < ${sql.lit(today)}`)} AS quiet_then,
      ${ids(sql`SELECT id FROM contacted WHERE contact IS NULL`)} AS silent_then,
      -- Of the active customers: the archived are a few, found by their own index (db/dueDays.ts).
      ${ids(sql`SELECT id FROM customers INDEXED BY customers_archived WHERE archived_at IS NOT NULL`)} AS archived`.execute(
      db,
    ),
  ]);
  const row = rows[0]!;
  const silent = (await neverInTouch(db, idList(row.silent_then).map(Number))).flatMap((c) => {
    const own = contactRuleFor(rules, { id: c.id, segment: c.segment, tags: JSON.parse(c.tags) as string[] });
    return own && daysBetween(localIsoDate(new Date(c.created_at)), asOf) > own.maxDays ? [c.id] : [];
  });
  const size = (row.last ?? 0) + 1;
  const reasons = new Uint8Array(size);
  const gravest = new Uint8Array(size);
  for (const pair of idList(row.complaints)) {
    const [id, weight] = pair.split(':').map(Number) as [number, number];
    reasons[id]!++;
    gravest[id] = weight;
  }
  // Of the customers in touch since, the answers that were theirs then; their kept silence is
  // none (their last contact is later than asOf), their silence then is quiet_then.
  for (const kind of KINDS)
    for (const text of idList(row[kind])) {
      const id = Number(text);
      if ((kind !== 'nps' && kind !== 'csat') || !then.has(id)) reasons[id]!++;
    }
  for (const id of idList(row.quiet_then)) reasons[Number(id)]!++;
  for (const [id, answers] of then) reasons[id]! += answersAtRisk(answers);
  for (const id of silent) reasons[id]!++;
  for (const id of idList(row.archived)) reasons[Number(id)] = 0;
  for (const id of apart.sold) reasons[id] = 0;

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
type Kinds = Record<(typeof KINDS)[number] | 'quiet_then', string | null>;

/** The items of a group_concat (none for NULL, its value over no rows). */
const idList = (list: string | null): string[] => (list === null ? [] : list.split(','));

/**
 * The active customers never in touch, whose last contact is the local day they were added
 * (customerStates): the JS rules say whether that is too long ago. `since`: those in touch only
 * after the day asked about, who were not yet then.
 */
async function neverInTouch(
  db: Kysely<DB>,
  since: readonly number[],
): Promise<{ id: number; segment: string | null; tags: string; created_at: string }[]> {
  const { rows } = await sql<{ id: number; segment: string | null; tags: string; created_at: string }>`
    SELECT c.id, c.segment, c.tags, c.created_at FROM customers c
    WHERE c.id IN (SELECT customer_id FROM ${sql.table(DUE_DAYS)} WHERE contact IS NULL)
      OR c.id IN (SELECT value FROM json_each(${JSON.stringify(since)}))`.execute(db);
  return rows;
}

/** The latest answers of the customers `ids` from the kept facts (facts.ts latestRatings, when they hold). */
export async function latestRatingFacts(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, Answers>> {
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
 * Of the customers `ids`, those with a kept answer given after `asOf`, with their latest answers
 * as of then (none when they had given none), read from their rows (facts.ts latestRatings). For
 * the others a kept answer was the latest then too, since a later one would be kept instead. At a
 * million sales, as of four days back, 8,900 of the 35,000 customers in touch since.
 */
async function answersThen(db: Kysely<DB>, asOf: string, ids: readonly number[]): Promise<Map<number, Answers>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ customer_id: number }>`
    SELECT customer_id FROM ${sql.table(RATING_FACTS)}
    WHERE customer_id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND (nps_on > ${asOf} OR csat_on > ${asOf})`.execute(
    db,
  );
  const later = rows.map((r) => r.customer_id);
  const then = later.length > 0 ? await latestRatings(db, asOf, later) : new Map<number, Answers>();
  return new Map(later.map((id) => [id, then.get(id) ?? {}]));
}

/** A customer's latest answers: atRiskOf's reasons when low (lowNps, lowCsat). */
export interface Answers {
  nps?: Rating;
  csat?: Rating;
}
export const lowNps = (nps: Rating | undefined): nps is Rating => nps !== undefined && nps.value <= NPS_AT_RISK;
export const lowCsat = (csat: Rating | undefined): csat is Rating => csat !== undefined && csat.value <= CSAT_AT_RISK;

/** How many of atRiskOf's reasons `answers` give. */
const answersAtRisk = ({ nps, csat }: Answers): number => Number(lowNps(nps)) + Number(lowCsat(csat));

/**
 * The latest answers of the customers `ids` as of `asOf`, while the kept facts hold but for what
 * was recorded after it (listAtRisk's customers set apart): the kept ones, but for the customers
 * who answered since (answersThen).
 */
export async function latestRatingsAsOf(
  db: Kysely<DB>,
  asOf: string,
  ids: readonly number[],
): Promise<Map<number, Answers>> {
  const [kept, then] = await Promise.all([latestRatingFacts(db, ids), answersThen(db, asOf, ids)]);
  for (const [id, answers] of then) {
    if (answers.nps || answers.csat) kept.set(id, answers);
    else kept.delete(id);
  }
  return kept;
}
