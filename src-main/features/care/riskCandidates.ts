import { sql, type Kysely } from 'kysely';
import type { Rating } from './facts';
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
 * facts (db/careFacts.ts, db/ratingFacts.ts, db/dueDays.ts), which must hold for `asOf` (careFactsHold):
 * open complaints, a latest NPS or satisfaction at risk, check-ins due before `asOf`, a late
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
 */
export async function riskCandidates(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
  limit: number,
): Promise<{ total: number; candidates: RiskCandidate[] }> {
  const today = isoToDayNumber(asOf);
  const silent = (await neverInTouch(db)).flatMap((c) => {
    const own = contactRuleFor(rules, { id: c.id, segment: c.segment, tags: JSON.parse(c.tags) as string[] });
    return own && daysBetween(localIsoDate(new Date(c.created_at)), asOf) > own.maxDays ? [c.id] : [];
  });
  const { rows } = await sql<RiskCandidate & { total: number }>`
    WITH reasons (id, gravest) AS (
      SELECT customer_id, max(CASE severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)
        FROM complaints WHERE status IN ('open', 'in_progress') GROUP BY customer_id
      UNION ALL
      SELECT customer_id, 0 FROM ${sql.table(RATING_FACTS)} WHERE nps <= ${sql.lit(NPS_AT_RISK)}
      UNION ALL
      SELECT customer_id, 0 FROM ${sql.table(RATING_FACTS)} WHERE csat <= ${sql.lit(CSAT_AT_RISK)}
      UNION ALL
      SELECT DISTINCT customer_id, 0 FROM check_ins INDEXED BY check_ins_pending
        WHERE status = 'pending' AND due_on < ${asOf}
      UNION ALL
      -- A reorder late: expected before today, and not lapsed (which never goes stale).
      SELECT customer_id, 0 FROM ${sql.table(DUE_DAYS)}
        WHERE reorder < ${sql.lit(today)} AND reorder_until >= ${sql.lit(today)}
      UNION ALL
      SELECT customer_id, 0 FROM ${sql.table(DUE_DAYS)} WHERE quiet_until < ${sql.lit(today)}
      UNION ALL
      SELECT value, 0 FROM json_each(${JSON.stringify(silent)})
    ),
    -- Of the active customers: the archived are a few, found by their own index (db/dueDays.ts).
    candidates AS MATERIALIZED (
      SELECT r.id, count(*) AS reasons, max(r.gravest) AS gravest
      FROM reasons r
      WHERE r.id NOT IN (SELECT id FROM customers INDEXED BY customers_archived WHERE archived_at IS NOT NULL)
      GROUP BY r.id),
    groups AS (
      SELECT reasons, gravest,
        sum(count(*)) OVER (ORDER BY reasons DESC, gravest DESC ROWS UNBOUNDED PRECEDING) - count(*) AS before
      FROM candidates GROUP BY reasons, gravest)
    -- In this order: each candidate's group first (a few groups), the name only for those kept;
    -- left to itself SQLite read the name of every candidate (65,000 at a million sales) first.
    SELECT (SELECT count(*) FROM candidates) AS total, c.id, n.name, c.reasons, c.gravest
    FROM candidates c CROSS JOIN groups g ON g.reasons = c.reasons AND g.gravest = c.gravest
      CROSS JOIN customers n ON n.id = c.id
    WHERE g.before < ${sql.lit(limit)}`.execute(db);
  return {
    total: rows[0]?.total ?? 0,
    candidates: rows.map((r) => ({ id: r.id, name: r.name, reasons: r.reasons, gravest: r.gravest })),
  };
}

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
