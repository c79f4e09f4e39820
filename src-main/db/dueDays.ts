import { sql, type Kysely } from 'kysely';
import { REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES } from '../features/care/contract';
import { CARE_FACTS, changed, recomputeEveryCustomer, trigger } from './careFacts';

/**
 * When each active customer's reminders fall due, kept ahead so that the badge, Home's "due
 * today" and the follow-ups find the few customers due by a day through an index instead of
 * working out every customer's contact rule (features/care/plainFollowUps.ts). ONE definition of
 * the table, of the triggers that keep it in step and of its fill.
 *
 * customer_due_days, one row per active (not archived) customer:
 * - contact: their last contact (customer_care_facts.last_contact_on); NULL when never in touch,
 *   whom the JS rules of features/care/followups.ts handle (their last contact is the day they
 *   were added, in local time);
 * - rule: the contact rule that applies (features/care/rules.ts contactRuleFor, in the same
 *   order of precedence), packed as ideal days × PACK + maximum days; NULL for none;
 * - stay: the day number (days since 1970-01-01) keeping in touch falls due, before any snooze;
 * - quiet_until: the last day number before the silence exceeds the rule's maximum (after it,
 *   the customer is at risk: features/care/atRisk.ts);
 * - reorder / reorder_until: the day number a reorder is expected (REORDER_MIN_PURCHASES
 *   purchase days or more, no open sale), and the last day it still is (the customer lapses
 *   after REORDER_LAPSED_FACTOR rhythms);
 * - open_sales, as in the care facts.
 * A pure function of the customer, their care facts and the contact rules: a write to the first
 * two recomputes the customers it touches. A contact rule other than one customer's own reaches
 * many customers, so a write to one marks the table stale (customer_due_days_stale): readers
 * then work the rules out without rule, stay and quiet_until, until refreshDueDays recomputes
 * every customer — which writing the rules through the app does in the same transaction. Which
 * customers have a row, and their contact, never go stale (the customers never in touch are
 * found through them either way).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used by migrations, which must not depend on today's schema types
type AnyDb = Kysely<any>;

export const DUE_DAYS = 'customer_due_days';
const STALE = 'customer_due_days_stale';

/** A rule's two intervals in one integer (both are at most 3650 days). */
export const PACK = 10_000;

const dayOf = (column: string): string => `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;

/** SQL: the packed rule of one scope's rows that `where` picks, strictest first. */
const ruleOf = (where: string): string =>
  `(SELECT r.ideal_days * ${PACK} + r.max_days FROM contact_rules r WHERE ${where}
    ORDER BY r.max_days, r.ideal_days LIMIT 1)`;

/** The rows of the customers `who` selects (SQL over `$c`), recomputed. */
export function recomputeDueDays(who: string): string[] {
  return [
    `DELETE FROM ${DUE_DAYS} WHERE ${who.replaceAll('$c', 'customer_id')}`,
    `INSERT INTO ${DUE_DAYS} (customer_id, contact, rule, stay, quiet_until, reorder, reorder_until, open_sales)
     SELECT id, contact, rule, ${dayOf('contact')} + rule / ${PACK}, ${dayOf('contact')} + rule % ${PACK},
       iif(purchase_days >= ${REORDER_MIN_PURCHASES} AND open_sales = 0, purchase_day + usual_days, NULL),
       iif(purchase_days >= ${REORDER_MIN_PURCHASES} AND open_sales = 0,
         purchase_day + ${REORDER_LAPSED_FACTOR} * usual_days, NULL),
       open_sales
     FROM (
       SELECT c.id, f.last_contact_on AS contact, coalesce(f.open_sales, 0) AS open_sales,
         coalesce(f.purchase_days, 0) AS purchase_days, ${dayOf('f.last_purchase_on')} AS purchase_day,
         f.usual_days,
         coalesce(
           ${ruleOf(`r.scope = 'customer' AND r.customer_id = c.id`)},
           ${ruleOf(`r.scope = 'tag' AND EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = r.value)`)},
           ${ruleOf(`r.scope = 'segment' AND r.value = c.segment`)},
           ${ruleOf(`r.scope = 'default'`)}) AS rule
       FROM customers c LEFT JOIN ${CARE_FACTS} f ON f.customer_id = c.id
       WHERE ${who.replaceAll('$c', 'c.id')} AND c.archived_at IS NULL
     )`,
  ];
}

const CREATE = [
  `CREATE TABLE ${DUE_DAYS} (
     -- No foreign key: a derived row is no reference that keeps an imported customer on undo.
     customer_id INTEGER PRIMARY KEY,
     contact TEXT,
     rule INTEGER,
     stay INTEGER,
     quiet_until INTEGER,
     reorder INTEGER,
     reorder_until INTEGER,
     open_sales INTEGER NOT NULL
   ) STRICT`,
  `CREATE TABLE ${STALE} (stale INTEGER PRIMARY KEY CHECK (stale = 1)) STRICT`,
  `CREATE INDEX customer_due_days_stay ON ${DUE_DAYS} (stay) WHERE stay IS NOT NULL`,
  `CREATE INDEX customer_due_days_quiet ON ${DUE_DAYS} (quiet_until) WHERE quiet_until IS NOT NULL`,
  `CREATE INDEX customer_due_days_reorder ON ${DUE_DAYS} (reorder, reorder_until) WHERE reorder IS NOT NULL`,
  `CREATE INDEX customer_due_days_untouched ON ${DUE_DAYS} (customer_id) WHERE contact IS NULL`,
];

const one = (v: 'NEW' | 'OLD', column = 'customer_id'): string[] => recomputeDueDays(`$c = ${v}.${column}`);
const CUSTOMER = ['segment', 'tags', 'archived_at'];
const RULE = ['scope', 'value', 'customer_id', 'ideal_days', 'max_days'];
const markStale = `INSERT OR IGNORE INTO ${STALE} (stale) VALUES (1)`;
const TRIGGERS = [
  // Care facts are recomputed by a delete and an insert (db/careFacts.ts).
  trigger('due_days_facts_in', `AFTER INSERT ON ${CARE_FACTS}`, '1', one('NEW')),
  trigger('due_days_facts_out', `AFTER DELETE ON ${CARE_FACTS}`, '1', one('OLD')),
  trigger('due_days_customer_in', 'AFTER INSERT ON customers', '1', one('NEW', 'id')),
  trigger('due_days_customer_out', 'AFTER DELETE ON customers', '1', [
    `DELETE FROM ${DUE_DAYS} WHERE customer_id = OLD.id`,
  ]),
  trigger(
    'due_days_customer_change',
    `AFTER UPDATE OF ${CUSTOMER.join(', ')} ON customers`,
    changed(CUSTOMER),
    one('NEW', 'id'),
  ),
  trigger('due_days_rule_in', 'AFTER INSERT ON contact_rules', `NEW.scope = 'customer'`, one('NEW')),
  trigger('due_days_rule_out', 'AFTER DELETE ON contact_rules', `OLD.scope = 'customer'`, one('OLD')),
  trigger(
    'due_days_rule_change',
    `AFTER UPDATE OF ${RULE.join(', ')} ON contact_rules`,
    `OLD.scope = 'customer' AND NEW.scope = 'customer' AND (${changed(RULE)})`,
    recomputeDueDays('$c IN (OLD.customer_id, NEW.customer_id)'),
  ),
  trigger('due_days_rules_in', 'AFTER INSERT ON contact_rules', `NEW.scope <> 'customer'`, [markStale]),
  trigger('due_days_rules_out', 'AFTER DELETE ON contact_rules', `OLD.scope <> 'customer'`, [markStale]),
  trigger(
    'due_days_rules_change',
    `AFTER UPDATE OF ${RULE.join(', ')} ON contact_rules`,
    `(OLD.scope <> 'customer' OR NEW.scope <> 'customer') AND (${changed(RULE)})`,
    [markStale],
  ),
];

/**
 * The triggers db/bulkInsert.ts suspends through its whole write and the other tables' catch-up
 * (which recomputes the care facts of the new rows' customers): catchUpDueDays then does their work once.
 */
export const DUE_DAYS_TRIGGERS = ['due_days_customer_in', 'due_days_facts_in', 'due_days_facts_out'];

/**
 * What those triggers would have done for the customers, sales, interactions and check-ins with
 * ids above `since`'s; every customer when a contact rule was written meanwhile.
 */
export async function catchUpDueDays(
  db: AnyDb,
  since: { customers?: number; sales?: number; interactions?: number; check_ins?: number },
): Promise<void> {
  if (!(await dueDaysHold(db))) return refreshDueDays(db);
  for (const s of recomputeDueDays(
    `($c > ${Number(since.customers)} OR $c IN (SELECT customer_id FROM sales WHERE id > ${Number(since.sales)}
      UNION SELECT customer_id FROM interactions WHERE id > ${Number(since.interactions)}
      UNION SELECT customer_id FROM check_ins WHERE id > ${Number(since.check_ins)}))`,
  ))
    await sql.raw(s).execute(db);
}

/** Every customer's row recomputed, and the table no longer stale (the fill, and after the contact rules change). */
export async function refreshDueDays(db: AnyDb): Promise<void> {
  await sql.raw(`DELETE FROM ${DUE_DAYS}`).execute(db);
  await recomputeEveryCustomer(db, recomputeDueDays);
  await sql.raw(`DELETE FROM ${STALE}`).execute(db);
}

/** Every customer's row recomputed if a contact rule other than a customer's own was written since the last time. */
export async function refreshStaleDueDays(db: AnyDb): Promise<void> {
  if (!(await dueDaysHold(db))) await refreshDueDays(db);
}

/** Whether the table answers: no contact rule written since it was last refreshed. */
export async function dueDaysHold(db: AnyDb): Promise<boolean> {
  const { rows } = await sql<{ stale: number }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(STALE)}) AS stale`.execute(db);
  return rows[0]!.stale === 0;
}

/**
 * Makes the tables, indexes and triggers and fills them (migration 0018). A later change to
 * this definition must still run on that version's tables, or the migration must be given a frozen copy.
 */
export async function createDueDays(db: AnyDb): Promise<void> {
  for (const statement of [...CREATE, ...TRIGGERS]) await sql.raw(statement).execute(db);
  await refreshDueDays(db);
}
