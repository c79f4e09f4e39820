import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** The rows the care metrics are computed from (services/care/metrics.ts), for one date range. */

export interface MetricsFilter {
  customerId?: number | undefined;
  segment?: string | undefined;
}

const scope = (f: MetricsFilter) =>
  f.customerId !== undefined
    ? sql`AND customer_id = ${f.customerId}`
    : f.segment !== undefined
      ? sql`AND customer_id IN (SELECT id FROM customers WHERE segment = ${f.segment})`
      : sql``;

export interface CheckInFact {
  due_on: string;
  completed_on: string | null;
  status: 'pending' | 'done' | 'skipped';
  csat: number | null;
  nps: number | null;
}

/** Check-ins due in the range or completed in it. */
export async function checkInFacts(db: Kysely<DB>, from: string, to: string, f: MetricsFilter): Promise<CheckInFact[]> {
  const { rows } = await sql<CheckInFact>`
    SELECT due_on, completed_on, status, csat, nps FROM check_ins
    WHERE (due_on BETWEEN ${from} AND ${to} OR completed_on BETWEEN ${from} AND ${to}) ${scope(f)}`.execute(db);
  return rows;
}

export async function interactionsPerDay(
  db: Kysely<DB>,
  from: string,
  to: string,
  f: MetricsFilter,
): Promise<{ day: string; n: number }[]> {
  const { rows } = await sql<{ day: string; n: number }>`
    SELECT occurred_on AS day, count(*) AS n FROM interactions
    WHERE occurred_on BETWEEN ${from} AND ${to} ${scope(f)}
    GROUP BY occurred_on`.execute(db);
  return rows;
}

export interface ComplaintFact {
  opened_on: string;
  resolved_on: string | null;
  status: 'open' | 'in_progress' | 'resolved' | 'closed_unresolved';
}

/** Complaints opened in the range or closed in it. */
export async function complaintFacts(
  db: Kysely<DB>,
  from: string,
  to: string,
  f: MetricsFilter,
): Promise<ComplaintFact[]> {
  const { rows } = await sql<ComplaintFact>`
    SELECT opened_on, resolved_on, status FROM complaints
    WHERE (opened_on BETWEEN ${from} AND ${to} OR resolved_on BETWEEN ${from} AND ${to}) ${scope(f)}`.execute(db);
  return rows;
}

export interface PurchaseFacts {
  customersActive: number;
  repeatCustomers: number;
  previousCustomers: number;
  retained: number;
}

/**
 * Per customer: won sales before the range, in it, and in the period of the same length just
 * before it. Repeat = a sale in the range that was not their first; retained = bought in the
 * previous period and again in this one.
 */
export async function purchaseFacts(
  db: Kysely<DB>,
  range: { from: string; to: string; previousFrom: string; previousTo: string },
  f: MetricsFilter,
): Promise<PurchaseFacts> {
  const { rows } = await sql<PurchaseFacts>`
    WITH buyers AS MATERIALIZED (
      SELECT sum(closed_on >= ${range.from}) AS inside, sum(closed_on < ${range.from}) AS before,
        sum(closed_on BETWEEN ${range.previousFrom} AND ${range.previousTo}) AS previous
      FROM sales WHERE status = 'won' AND closed_on <= ${range.to} ${scope(f)}
      GROUP BY customer_id
    )
    SELECT
      count(*) FILTER (WHERE inside > 0) AS customersActive,
      count(*) FILTER (WHERE inside > 1 OR (inside > 0 AND before > 0)) AS repeatCustomers,
      count(*) FILTER (WHERE previous > 0) AS previousCustomers,
      count(*) FILTER (WHERE previous > 0 AND inside > 0) AS retained
    FROM buyers`.execute(db);
  return rows[0]!;
}
