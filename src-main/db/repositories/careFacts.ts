import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

/**
 * Set-based reads behind the follow-ups list and the at-risk customers: one query per kind
 * of fact over all active (not archived) customers, or one customer. Events after `asOf`
 * are ignored where that can be known (contacts, purchases, ratings), so a past `asOf`
 * gives the answer that day would have given.
 */

export interface CustomerFactRow {
  id: number;
  name: string;
  segment: string | null;
  tags: string;
  created_at: string;
  last_interaction: string | null;
  last_check_in: string | null;
  last_won: string | null;
  has_open_sale: number;
}

const onlyCustomer = (column: string, customerId: number | undefined) =>
  customerId === undefined ? sql`` : sql`AND ${sql.ref(column)} = ${customerId}`;

export async function customerFacts(db: Kysely<DB>, asOf: string, customerId?: number): Promise<CustomerFactRow[]> {
  const { rows } = await sql<CustomerFactRow>`
    SELECT c.id, c.name, c.segment, c.tags, c.created_at,
      (SELECT max(i.occurred_on) FROM interactions i
        WHERE i.customer_id = c.id AND i.occurred_on <= ${asOf}) AS last_interaction,
      (SELECT max(k.completed_on) FROM check_ins k
        WHERE k.customer_id = c.id AND k.status = 'done' AND k.completed_on <= ${asOf}) AS last_check_in,
      (SELECT max(s.closed_on) FROM sales s
        WHERE s.customer_id = c.id AND s.status = 'won' AND s.closed_on <= ${asOf}) AS last_won,
      -- closed_on IS NULL exactly when open (a CHECK of the sales table), and it lets
      -- SQLite use the (customer_id, closed_on) index.
      EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = c.id AND s.closed_on IS NULL) AS has_open_sale
    FROM customers c
    WHERE c.archived_at IS NULL ${onlyCustomer('c.id', customerId)}
    ORDER BY c.id`.execute(db);
  return rows;
}

/** Distinct days each customer bought on (won sales), oldest first. */
export async function purchaseDays(db: Kysely<DB>, asOf: string, customerId?: number): Promise<Map<number, string[]>> {
  // `+s.closed_on`: keeps SQLite on the won-by-customer index, already in this order, instead
  // of a date-range index followed by a sort of every purchase.
  const { rows } = await sql<{ customer_id: number; day: string }>`
    SELECT DISTINCT s.customer_id, s.closed_on AS day
    FROM sales s
    WHERE s.status = 'won' AND +s.closed_on <= ${asOf} ${onlyCustomer('s.customer_id', customerId)}
    ORDER BY s.customer_id, s.closed_on`.execute(db);
  const days = new Map<number, string[]>();
  for (const r of rows) {
    const list = days.get(r.customer_id);
    if (list) list.push(r.day);
    else days.set(r.customer_id, [r.day]);
  }
  return days;
}

export interface Rating {
  value: number;
  on: string;
}

/**
 * Each customer's latest NPS and latest satisfaction answer, from completed check-ins and won
 * sales (a lost deal's rating is about the pitch, not about a customer relationship at risk);
 * on the same day a check-in's answer wins (it is the later conversation). Four grouped
 * passes over indexes, using SQLite's rule that a bare column next to max() comes from the
 * row holding the maximum: a window over every answer ever would sort them all.
 */
export async function latestRatings(
  db: Kysely<DB>,
  asOf: string,
  customerId?: number,
): Promise<Map<number, { nps?: Rating; csat?: Rating }>> {
  const latest = new Map<number, { nps?: Rating; csat?: Rating }>();
  const merge = (kind: 'nps' | 'csat', rows: { customer_id: number; day: string; value: number }[]): void => {
    for (const r of rows) {
      const entry = latest.get(r.customer_id) ?? {};
      const known = entry[kind];
      if (!known || r.day >= known.on) entry[kind] = { value: r.value, on: r.day };
      latest.set(r.customer_id, entry);
    }
  };
  type Row = { customer_id: number; day: string; value: number };
  // Sales first, check-ins second: on a tie (>=) the check-in replaces the sale's answer.
  merge(
    'nps',
    (
      await sql<Row>`SELECT customer_id, max(closed_on) AS day, nps AS value FROM sales
        WHERE status = 'won' AND nps IS NOT NULL AND closed_on <= ${asOf} ${onlyCustomer('customer_id', customerId)}
        GROUP BY customer_id`.execute(db)
    ).rows,
  );
  merge(
    'csat',
    (
      await sql<Row>`SELECT customer_id, max(closed_on) AS day, satisfaction AS value FROM sales
        WHERE status = 'won' AND satisfaction IS NOT NULL AND closed_on <= ${asOf} ${onlyCustomer('customer_id', customerId)}
        GROUP BY customer_id`.execute(db)
    ).rows,
  );
  merge(
    'nps',
    (
      await sql<Row>`SELECT customer_id, max(completed_on) AS day, nps AS value FROM check_ins
        WHERE status = 'done' AND nps IS NOT NULL AND completed_on <= ${asOf} ${onlyCustomer('customer_id', customerId)}
        GROUP BY customer_id`.execute(db)
    ).rows,
  );
  merge(
    'csat',
    (
      await sql<Row>`SELECT customer_id, max(completed_on) AS day, csat AS value FROM check_ins
        WHERE status = 'done' AND csat IS NOT NULL AND completed_on <= ${asOf} ${onlyCustomer('customer_id', customerId)}
        GROUP BY customer_id`.execute(db)
    ).rows,
  );
  return latest;
}

export interface PendingCheckInRow {
  id: number;
  sale_id: number;
  sale_title: string;
  closed_on: string | null;
  customer_id: number;
  customer_name: string;
  step_days: number;
  scheduled_on: string;
  due_on: string;
}

export async function pendingCheckIns(db: Kysely<DB>, customerId?: number): Promise<PendingCheckInRow[]> {
  const { rows } = await sql<PendingCheckInRow>`
    SELECT k.id, k.sale_id, s.title AS sale_title, s.closed_on, k.customer_id, c.name AS customer_name,
      k.step_days, k.scheduled_on, k.due_on
    FROM check_ins k
    JOIN sales s ON s.id = k.sale_id
    JOIN customers c ON c.id = k.customer_id
    WHERE k.status = 'pending' AND c.archived_at IS NULL ${onlyCustomer('k.customer_id', customerId)}`.execute(db);
  return rows;
}

export interface ActiveComplaintRow {
  id: number;
  customer_id: number;
  customer_name: string;
  sale_id: number | null;
  sale_title: string | null;
  opened_on: string;
  remind_on: string;
  status: 'open' | 'in_progress';
  severity: 'low' | 'medium' | 'high';
  category: 'product' | 'delivery' | 'billing' | 'service' | 'other';
}

export async function activeComplaints(db: Kysely<DB>, customerId?: number): Promise<ActiveComplaintRow[]> {
  const { rows } = await sql<ActiveComplaintRow>`
    SELECT m.id, m.customer_id, c.name AS customer_name, m.sale_id, s.title AS sale_title, m.opened_on,
      m.remind_on, m.status, m.severity, m.category
    FROM complaints m
    JOIN customers c ON c.id = m.customer_id
    LEFT JOIN sales s ON s.id = m.sale_id
    WHERE m.status IN ('open', 'in_progress') AND c.archived_at IS NULL
      ${onlyCustomer('m.customer_id', customerId)}`.execute(db);
  return rows;
}
