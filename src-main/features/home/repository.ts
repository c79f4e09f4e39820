import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export interface Range {
  from: string;
  to: string;
}

/** Whether the book has any sale at all (Home's first-run state when not). */
export async function hasSales(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('sales').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The currencies money cards are shown in: the seller's own always, then each other one with a
 * won sale in either range, most revenue in the current range first (amounts are never added
 * across currencies).
 */
export async function currenciesOf(db: Kysely<DB>, own: string, ranges: Range[]): Promise<string[]> {
  const [a, b] = ranges as [Range, Range];
  // From the won sales per day and currency that triggers keep (db/salesFacts.ts), not the sales themselves.
  const { rows } = await sql<{ currency: string; amount: number }>`
    SELECT currency, sum(CASE WHEN day BETWEEN ${a.from} AND ${a.to} THEN won_amount ELSE 0 END) AS amount
    FROM sales_day_facts
    WHERE won > 0 AND (day BETWEEN ${a.from} AND ${a.to} OR day BETWEEN ${b.from} AND ${b.to})
    GROUP BY currency`.execute(db);
  const others = rows
    .filter((r) => r.currency !== own)
    .sort((x, y) => y.amount - x.amount || (x.currency < y.currency ? -1 : 1))
    .map((r) => r.currency);
  return [own, ...others];
}
