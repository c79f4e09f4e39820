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
  const { rows } = await sql<{ currency: string; amount: number }>`
    SELECT currency, sum(CASE WHEN closed_on BETWEEN ${a.from} AND ${a.to} THEN amount_minor ELSE 0 END) AS amount
    FROM sales
    WHERE status = 'won' AND (closed_on BETWEEN ${a.from} AND ${a.to} OR closed_on BETWEEN ${b.from} AND ${b.to})
    GROUP BY currency`.execute(db);
  const others = rows
    .filter((r) => r.currency !== own)
    .sort((x, y) => y.amount - x.amount || (x.currency < y.currency ? -1 : 1))
    .map((r) => r.currency);
  return [own, ...others];
}
