import { sql, type Kysely } from 'kysely';
import type { Rating } from './facts';
import { CARE_FACTS } from '../../db/careFacts';
import { RATING_FACTS } from '../../db/ratingFacts';
import type { DB } from '../../db/schema';
import { isoToDayNumber } from '../../shared/dates';
import { CSAT_AT_RISK, NPS_AT_RISK, REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES } from './contract';
import { packedRule, PACK } from './plainFollowUps';
import type { RuleLike } from './rules';

/**
 * The at-risk customers found by SQLite (atRisk.ts listAtRisk's fast way), each with how many
 * kinds of reason they have and the weight of their gravest open complaint (0 for none): what
 * the list is ordered by before the name. The reasons restate atRiskOf's in SQL over the kept
 * facts (db/careFacts.ts, db/ratingFacts.ts), which must hold for `asOf` (careFactsHold):
 * open complaints, a latest NPS or satisfaction at risk, check-ins due before `asOf`, a late
 * reorder, no contact beyond the rule's maximum. Customers never in touch (their last contact is
 * the local day they were added) are left to the caller's JS rules: `neverInTouch`.
 */
export interface RiskCandidate {
  id: number;
  name: string;
  reasons: number;
  gravest: number;
}

export interface NeverInTouch {
  id: number;
  name: string;
  segment: string | null;
  tags: string;
  created_at: string;
}

export async function riskCandidates(
  db: Kysely<DB>,
  rules: readonly RuleLike[],
  asOf: string,
): Promise<{ candidates: RiskCandidate[]; neverInTouch: NeverInTouch[] }> {
  const today = isoToDayNumber(asOf);
  const day = (column: string) => sql`CAST(julianday(${sql.ref(column)}) - 2440587.5 AS INTEGER)`;
  const rule = packedRule(rules);
  const [candidates, neverInTouch] = await Promise.all([
    sql<RiskCandidate>`
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
        SELECT customer_id, 0 FROM ${sql.table(CARE_FACTS)}
          WHERE purchase_days >= ${sql.lit(REORDER_MIN_PURCHASES)} AND open_sales = 0
            AND ${sql.lit(today)} - ${day('last_purchase_on')} > usual_days
            AND ${sql.lit(today)} - ${day('last_purchase_on')} <= ${sql.lit(REORDER_LAPSED_FACTOR)} * usual_days
        UNION ALL
        SELECT id, 0 FROM (
          SELECT c.id, ${rule} AS rule, ${day('f.last_contact_on')} AS contact
          FROM ${sql.table(CARE_FACTS)} f JOIN customers c ON c.id = f.customer_id
          WHERE f.last_contact_on IS NOT NULL AND c.archived_at IS NULL)
        WHERE rule IS NOT NULL AND ${sql.lit(today)} - contact > rule % ${sql.lit(PACK)}
      )
      SELECT r.id, c.name, count(*) AS reasons, max(r.gravest) AS gravest
      FROM reasons r JOIN customers c ON c.id = r.id
      WHERE c.archived_at IS NULL
      GROUP BY r.id`.execute(db),
    sql<NeverInTouch>`
      SELECT c.id, c.name, c.segment, c.tags, c.created_at FROM customers c
      WHERE c.archived_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM ${sql.table(CARE_FACTS)} f WHERE f.customer_id = c.id AND f.last_contact_on IS NOT NULL)`.execute(
      db,
    ),
  ]);
  return { candidates: candidates.rows, neverInTouch: neverInTouch.rows };
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
