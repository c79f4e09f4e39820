import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { changed, doneCheckInTriggers, recomputeEveryCustomer, notDeferred, trigger } from './careFacts';
import { customersOfRowsAfter } from './idsBetween';

/**
 * Each customer's latest NPS and latest satisfaction answer, kept ahead for the at-risk list
 * (features/care/riskCandidates.ts) so that it finds its low ratings by an index instead of probing
 * every customer's check-ins and sales. ONE definition of the table, of the triggers that keep it
 * in step and of the passes a bulk write or an import uses instead, as db/careFacts.ts does for
 * the contacts.
 *
 * customer_rating_facts, one row per customer with at least one answer:
 * - nps / nps_on: the latest NPS from a done check-in or a won sale, and its day;
 * - csat / csat_on: the same for satisfaction (a check-in's csat, a won sale's satisfaction).
 * As features/care/facts.ts latestRatings: a lost deal's rating is about the pitch; on one day
 * a check-in's answer wins over a sale's, and of one source the latest id.
 * A pure function of one customer's rows: every write recomputes the customers it touches.
 * An import's deferred batch is recomputed when it is folded in or taken back (db/salesFacts.ts).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used by migrations, which must not depend on today's schema types
type AnyDb = Kysely<any>;

export const RATING_FACTS = 'customer_rating_facts';

/**
 * SQL: customer `c`'s latest answer in `column` of done check-ins (`checkIns`, as `k`) or won
 * sales, as "YYYY-MM-DD value".
 */
const latestAnswer = (c: string, checkInColumn: string, saleColumn: string, checkIns: string): string => `
  (SELECT CASE WHEN k IS NOT NULL AND (s IS NULL OR substr(k, 1, 10) >= substr(s, 1, 10)) THEN k ELSE s END FROM (SELECT
    (SELECT k.completed_on || ' ' || k.${checkInColumn} FROM ${checkIns}
      WHERE k.customer_id = ${c} AND k.status = 'done' AND k.${checkInColumn} IS NOT NULL
      ORDER BY k.completed_on DESC, k.id DESC LIMIT 1) AS k,
    (SELECT s.closed_on || ' ' || s.${saleColumn} FROM sales s
      WHERE s.customer_id = ${c} AND s.status = 'won' AND s.${saleColumn} IS NOT NULL
      ORDER BY s.closed_on DESC, s.id DESC LIMIT 1) AS s))`;

/**
 * The rows of the customers `who` selects (SQL over `$c`), recomputed. For `many` customers (a
 * bulk write's catch-up), each one's two answers are read once, not once for each use of them
 * (OFFSET 0 keeps SQLite from copying the subqueries into the outer query), and the check-ins'
 * from the index that holds them: at a million sales, 0.40 s instead of 0.66 s CPU for 50,000
 * customers. A trigger's text, for one customer, is as it was.
 */
export function recomputeRatingFacts(who: string, many = false): string[] {
  const checkIns = many ? 'check_ins k INDEXED BY check_ins_latest_answers' : 'check_ins k';
  return [
    `DELETE FROM ${RATING_FACTS} WHERE ${who.replaceAll('$c', 'customer_id')}`,
    `INSERT INTO ${RATING_FACTS} (customer_id, nps, nps_on, csat, csat_on)
     SELECT id, CAST(substr(nps, 12) AS INTEGER), substr(nps, 1, 10), CAST(substr(csat, 12) AS INTEGER),
       substr(csat, 1, 10)
     FROM (
       SELECT c.id, ${latestAnswer('c.id', 'nps', 'nps', checkIns)} AS nps, ${latestAnswer('c.id', 'csat', 'satisfaction', checkIns)} AS csat
       FROM customers c WHERE ${who.replaceAll('$c', 'c.id')}${many ? ' LIMIT -1 OFFSET 0' : ''}
     )
     WHERE nps IS NOT NULL OR csat IS NOT NULL`,
  ];
}

const CREATE = [
  `CREATE TABLE ${RATING_FACTS} (
     -- No foreign key: a derived row is no reference that keeps an imported customer on undo.
     customer_id INTEGER PRIMARY KEY,
     nps INTEGER,
     nps_on TEXT,
     csat INTEGER,
     csat_on TEXT
   ) STRICT`,
  // The at-risk list's low answers (contract NPS_AT_RISK, CSAT_AT_RISK) by an index each.
  `CREATE INDEX customer_rating_facts_nps ON ${RATING_FACTS} (nps) WHERE nps IS NOT NULL`,
  `CREATE INDEX customer_rating_facts_csat ON ${RATING_FACTS} (csat) WHERE csat IS NOT NULL`,
];

const one = (v: 'NEW' | 'OLD'): string[] => recomputeRatingFacts(`$c = ${v}.customer_id`);
const both = recomputeRatingFacts('$c IN (OLD.customer_id, NEW.customer_id)');

const SALE = ['customer_id', 'status', 'closed_on', 'nps', 'satisfaction'];
const CHECK_IN = ['customer_id', 'status', 'completed_on', 'nps', 'csat'];

const TRIGGERS = [
  trigger('rating_facts_customer_out', 'AFTER DELETE ON customers', '1', [
    `DELETE FROM ${RATING_FACTS} WHERE customer_id = OLD.id`,
  ]),
  // Only a won sale's answers count.
  trigger('rating_facts_sale_in', 'AFTER INSERT ON sales', `NEW.status = 'won' AND ${notDeferred('NEW')}`, one('NEW')),
  trigger('rating_facts_sale_out', 'AFTER DELETE ON sales', `OLD.status = 'won' AND ${notDeferred('OLD')}`, one('OLD')),
  trigger(
    'rating_facts_sale_change',
    `AFTER UPDATE OF ${SALE.join(', ')} ON sales`,
    `'won' IN (OLD.status, NEW.status) AND (${changed(SALE)}) AND ${notDeferred('NEW')} AND ${notDeferred('OLD')}`,
    both,
  ),
  ...doneCheckInTriggers('rating_facts', CHECK_IN, recomputeRatingFacts),
];

/** The triggers that recompute a customer as a row of theirs is inserted, which db/bulkInsert.ts suspends. */
export const RATING_FACTS_INSERT_TRIGGERS = ['rating_facts_sale_in', 'rating_facts_check_in_in'];

/**
 * What those triggers would have done for the sales and check-ins with ids above `since`'s; or
 * for the customers `who` selects (SQL over `$c`), when the caller knows whose rows it wrote.
 */
export function catchUpRatingFacts(
  sqlite: Database.Database,
  since: { sales: number; checkIns: number },
  who = customersOfRowsAfter({ sales: since.sales, check_ins: since.checkIns }),
): void {
  for (const s of recomputeRatingFacts(who, true)) sqlite.prepare(s).run();
}

/**
 * Makes the table, its indexes and triggers and fills them (migration 0016). A later change to
 * this definition must still run on that version's tables, or the migration must be given a frozen copy.
 */
export async function createRatingFacts(db: AnyDb): Promise<void> {
  for (const statement of [...CREATE, ...TRIGGERS]) await sql.raw(statement).execute(db);
  await recomputeEveryCustomer(db, recomputeRatingFacts);
}
