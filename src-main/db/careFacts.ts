import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { customersOfRowsAfter, idEnds } from './idsBetween';

/**
 * What the follow-ups, the badge and the at-risk list need to know about each customer, kept
 * ahead so that they read one small row per customer instead of probing interactions, check-ins
 * and sales for each of them (features/care/dueFollowUps.ts). ONE definition of the table, of
 * the triggers that keep it in step and of the passes an import uses instead.
 *
 * customer_care_facts, one row per customer with at least one contact (an interaction, a done
 * check-in or a won sale) or sale:
 * - last_contact_on: the latest interaction, completed check-in or won sale (NULL for none);
 * - open_sales: how many of their sales are open;
 * - purchase_days / last_purchase_on: the distinct days with a won sale, and the latest;
 * - usual_days: the median gap between those days, rounded half up (NULL under two days), as
 *   features/care/followups.ts reorderFor computes it.
 * A pure function of one customer's rows: every write recomputes the customers it touches, so no
 * order of writes can leave a row stale. A customer without a row is read the slow, exact way.
 *
 * An import's deferred batch (db/salesFacts.ts) is not recomputed sale by sale: its customers are
 * recomputed in one pass when it is folded in or taken back.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used by migrations, which must not depend on today's schema types
type AnyDb = Kysely<any>;

export const CARE_FACTS = 'customer_care_facts';

/** The won sales' distinct days of customer `c` (SQL). */
const wonDays = (c: string): string =>
  `SELECT DISTINCT s.closed_on AS day FROM sales s INDEXED BY sales_won_by_customer
   WHERE s.customer_id = ${c} AND s.status = 'won'`;

/** The latest or earliest (`end`) won sale's day of customer `c` (SQL). */
const purchaseOn = (end: 'max' | 'min', c: string): string =>
  `(SELECT ${end}(s.closed_on) FROM sales s INDEXED BY sales_won_by_customer
           WHERE s.customer_id = ${c} AND s.status = 'won')`;

/**
 * The middle gap between the won sales' days of customer `c`, or the mean of the middle two (SQL);
 * gaps are positive, so +0.5 then truncation rounds half up as Math.round does.
 */
const medianGap = (c: string): string => `(SELECT CAST((min(gap) + max(gap)) / 2.0 + 0.5 AS INTEGER) FROM (
            SELECT gap, row_number() OVER (ORDER BY gap) AS n, count(*) OVER () AS total FROM (
              SELECT CAST(julianday(day) - julianday(lag(day) OVER (ORDER BY day)) AS INTEGER) AS gap
              FROM (${wonDays(c)})
            ) WHERE gap IS NOT NULL
          ) WHERE n IN ((total + 1) / 2, (total + 2) / 2))`;

/** What is read of customer `c`'s rows (SQL columns), but the median gap. */
const customerReads = (
  c: string,
): string => `(SELECT max(i.occurred_on) FROM interactions i WHERE i.customer_id = ${c}) AS interaction,
         (SELECT max(k.completed_on) FROM check_ins k
           WHERE k.customer_id = ${c} AND k.status = 'done') AS check_in,
         (SELECT count(*) FROM sales s WHERE s.customer_id = ${c} AND s.closed_on IS NULL) AS open_sales,
         (SELECT count(*) FROM (${wonDays(c)})) AS purchase_days,
         ${purchaseOn('max', c)} AS last_purchase_on`;

const INSERT = `INSERT INTO ${CARE_FACTS} (customer_id, last_contact_on, open_sales, purchase_days, last_purchase_on, usual_days)`;
const LAST_CONTACT = `nullif(max(coalesce(interaction, ''), coalesce(check_in, ''), coalesce(last_purchase_on, '')), '')`;
const ANY_ROW = 'interaction IS NOT NULL OR check_in IS NOT NULL OR open_sales > 0 OR purchase_days > 0';

/**
 * The rows of the customers `who` selects (SQL over `$c`), recomputed: the old rows go, the rows
 * as the interactions, check-ins and sales say now come in (only for customers that have any).
 *
 * Each customer's reads are made once (MATERIALIZED): a subquery in FROM is otherwise merged into
 * the statement, and every use of a column (here in the filter and the values) runs its reads
 * again. One gap is its own median and two gaps' is their mean, (last − first) / gaps, so only
 * customers with four purchase days or more sort their gaps. At a million sales, recomputing every
 * customer took 3.2–3.9 s with the statement as it was, 1.8–2.1 s with this one.
 */
export function recomputeCareFacts(who: string): string[] {
  return [
    `DELETE FROM ${CARE_FACTS} WHERE ${who.replaceAll('$c', 'customer_id')}`,
    `${INSERT}
     WITH facts AS MATERIALIZED (
       SELECT c.id, ${customerReads('c.id')}
       FROM customers c WHERE ${who.replaceAll('$c', 'c.id')}
     )
     SELECT id, ${LAST_CONTACT}, open_sales, purchase_days, last_purchase_on,
       CASE WHEN purchase_days < 2 THEN NULL
         WHEN purchase_days <= 3
           THEN CAST((julianday(last_purchase_on) - julianday(${purchaseOn('min', 'facts.id')})) / (purchase_days - 1) + 0.5 AS INTEGER)
         ELSE ${medianGap('facts.id')} END
     FROM facts WHERE ${ANY_ROW}`,
  ];
}

/**
 * The same rows, as migration 0014 put the statement in its triggers: a book of versions 14 to 20
 * keeps these (the schema check compares them: test/db/schemaHistory.test.ts) until migration 0021
 * makes the triggers anew.
 */
export function recomputeCareFacts0014(who: string): string[] {
  return [
    `DELETE FROM ${CARE_FACTS} WHERE ${who.replaceAll('$c', 'customer_id')}`,
    `${INSERT}
     SELECT id, ${LAST_CONTACT},
       open_sales, purchase_days, last_purchase_on, usual_days
     FROM (
       SELECT c.id,
         ${customerReads('c.id')},
         -- The middle gap, or the mean of the middle two; gaps are positive, so +0.5 then
         -- truncation rounds half up as Math.round does.
         ${medianGap('c.id')} AS usual_days
       FROM customers c WHERE ${who.replaceAll('$c', 'c.id')}
     )
     WHERE ${ANY_ROW}`,
  ];
}

const CREATE = [
  `CREATE TABLE ${CARE_FACTS} (
     -- No foreign key: a derived row is no reference that keeps an imported customer on undo.
     customer_id INTEGER PRIMARY KEY,
     last_contact_on TEXT,
     open_sales INTEGER NOT NULL,
     purchase_days INTEGER NOT NULL,
     last_purchase_on TEXT,
     usual_days INTEGER
   ) STRICT`,
  // A customer's pending check-ins by due day: whether a reminder rides on one (features/care/plainFollowUps.ts).
  `CREATE INDEX check_ins_pending_customer ON check_ins (customer_id, due_on) WHERE status = 'pending'`,
];

/** True unless the sale `v` belongs to an import batch whose sales facts are deferred. */
export const notDeferred = (v: 'NEW' | 'OLD'): string =>
  `(${v}.import_batch_id IS NULL OR ${v}.import_batch_id NOT IN (SELECT batch_id FROM sales_facts_deferred))`;
export const changed = (columns: readonly string[]): string =>
  columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
export const trigger = (name: string, event: string, when: string, statements: readonly string[]): string =>
  `CREATE TRIGGER ${name} ${event} WHEN ${when}\nBEGIN\n${statements.map((s) => `${s};`).join('\n')}\nEND`;
/** The name of the trigger a statement `trigger` made creates. */
export const triggerName = (statement: string): string => statement.split(' ')[2]!;
/**
 * The triggers `prefix`_check_in_in, _out and _change: what a done check-in (inserted, deleted,
 * or one of `columns` changed while done before or after) makes `recompute` do for its customers.
 */
export const doneCheckInTriggers = (
  prefix: string,
  columns: readonly string[],
  recompute: (who: string) => string[],
): string[] => [
  trigger(
    `${prefix}_check_in_in`,
    'AFTER INSERT ON check_ins',
    `NEW.status = 'done'`,
    recompute('$c = NEW.customer_id'),
  ),
  trigger(
    `${prefix}_check_in_out`,
    'AFTER DELETE ON check_ins',
    `OLD.status = 'done'`,
    recompute('$c = OLD.customer_id'),
  ),
  trigger(
    `${prefix}_check_in_change`,
    `AFTER UPDATE OF ${columns.join(', ')} ON check_ins`,
    `'done' IN (OLD.status, NEW.status) AND (${changed(columns)})`,
    recompute('$c IN (OLD.customer_id, NEW.customer_id)'),
  ),
];

const SALE = ['customer_id', 'status', 'closed_on'];
const INTERACTION = ['customer_id', 'occurred_on'];
const CHECK_IN = ['customer_id', 'status', 'completed_on'];

/** The triggers that keep the table in step, each recomputing its customers with `recompute`. */
const triggers = (recompute: (who: string) => string[]): string[] => {
  const one = (v: 'NEW' | 'OLD'): string[] => recompute(`$c = ${v}.customer_id`);
  const both = recompute('$c IN (OLD.customer_id, NEW.customer_id)');
  return [
    trigger('care_facts_customer_out', 'AFTER DELETE ON customers', '1', [
      `DELETE FROM ${CARE_FACTS} WHERE customer_id = OLD.id`,
    ]),
    trigger('care_facts_sale_in', 'AFTER INSERT ON sales', notDeferred('NEW'), one('NEW')),
    trigger('care_facts_sale_out', 'AFTER DELETE ON sales', notDeferred('OLD'), one('OLD')),
    trigger(
      'care_facts_sale_change',
      `AFTER UPDATE OF ${SALE.join(', ')} ON sales`,
      `(${changed(SALE)}) AND ${notDeferred('NEW')} AND ${notDeferred('OLD')}`,
      both,
    ),
    trigger('care_facts_interaction_in', 'AFTER INSERT ON interactions', '1', one('NEW')),
    trigger('care_facts_interaction_out', 'AFTER DELETE ON interactions', '1', one('OLD')),
    trigger(
      'care_facts_interaction_change',
      `AFTER UPDATE OF ${INTERACTION.join(', ')} ON interactions`,
      changed(INTERACTION),
      both,
    ),
    // A pending or skipped check-in is no contact.
    ...doneCheckInTriggers('care_facts', CHECK_IN, recompute),
  ];
};

/** The triggers that recompute a customer as a row of theirs is inserted, which db/bulkInsert.ts suspends. */
export const CARE_FACTS_INSERT_TRIGGERS = ['care_facts_sale_in', 'care_facts_interaction_in', 'care_facts_check_in_in'];

/**
 * What those triggers would have done for the rows inserted while they were suspended: the
 * customers of the sales, interactions and check-ins with ids above `since`'s, recomputed; or
 * the customers `who` selects (SQL over `$c`), when the caller knows whose rows it wrote.
 */
export function catchUpCareFacts(
  sqlite: Database.Database,
  since: { sales: number; interactions: number; checkIns: number },
  who = customersOfRowsAfter({ sales: since.sales, interactions: since.interactions, check_ins: since.checkIns }),
): void {
  recomputeCareFactsOf(sqlite, who);
}

/** Customers recomputed per pass. */
const CHUNK = 20_000;

/**
 * Runs the statements `recompute` gives for every customer (SQL over `$c`), CHUNK customers a
 * pass: the fill of a table kept per customer (this one, db/customerTotals.ts, db/ratingFacts.ts).
 */
export async function recomputeEveryCustomer(db: AnyDb, recompute: (who: string) => string[]): Promise<void> {
  const { rows } = await sql.raw<{ min: number | null; max: number | null }>(idEnds('customers')).execute(db);
  const { min, max } = rows[0]!;
  if (min === null || max === null) return;
  for (let from = min; from <= max; from += CHUNK)
    for (const s of recompute(`$c BETWEEN ${from} AND ${Math.min(max, from + CHUNK - 1)}`))
      await sql.raw(s).execute(db);
}

/** Fills the table from every customer's rows (the migration, and the recomputation tests compare with). */
export async function fillCareFacts(db: AnyDb): Promise<void> {
  await recomputeEveryCustomer(db, recomputeCareFacts);
}

export async function clearCareFacts(db: AnyDb): Promise<void> {
  await sql.raw(`DELETE FROM ${CARE_FACTS}`).execute(db);
}

/** Makes the table and triggers as migration 0014 made them, and fills them. */
export async function createCareFacts(db: AnyDb): Promise<void> {
  for (const statement of [...CREATE, ...triggers(recomputeCareFacts0014)]) await sql.raw(statement).execute(db);
  await fillCareFacts(db);
}

/** Makes the triggers anew from today's statement (migration 0021). */
export async function remakeCareFactsTriggers(db: AnyDb): Promise<void> {
  await remakeTriggers(db, triggers(recomputeCareFacts));
}

/** Drops the triggers `statements` create, and creates them from those statements. */
export async function remakeTriggers(db: AnyDb, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${triggerName(statement)}`).execute(db);
    await sql.raw(statement).execute(db);
  }
}

/** Recomputes the customers `who` selects (SQL over `$c`), on a plain connection. */
export function recomputeCareFactsOf(sqlite: Database.Database, who: string): void {
  for (const s of recomputeCareFacts(who)) sqlite.prepare(s).run();
}
