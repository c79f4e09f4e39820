import { sql, type Kysely } from 'kysely';
import { MERGE_DAYS, REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES } from '../shared/followUpDays';
import { CARE_FACTS, changed, recomputeEveryCustomer, remakeTriggers, trigger, triggerName } from './careFacts';
import { customersOfRowsAfter } from './idsBetween';

/**
 * When each active customer's reminders fall due, kept ahead so that the badge, Home's "due
 * today", the follow-ups list and the at-risk list read index ranges instead of working out
 * every customer's contact rule, snoozes and check-ins (features/care/plainFollowUps.ts). ONE
 * definition of the table, of the triggers that keep it in step and of its fill.
 *
 * customer_due_days, one row per active (not archived) customer; days are day numbers (days
 * since 1970-01-01), as features/care/followups.ts computes them:
 * - contact: their last contact (customer_care_facts.last_contact_on); NULL when never in touch,
 *   whom the JS rules handle (their last contact is the day they were added, in local time);
 * - rule: the contact rule that applies (features/care/rules.ts contactRuleFor, in the same
 *   order of precedence), packed as ideal days × PACK + maximum days; NULL for none;
 * - stay_due: the day keeping in touch is due, their snooze applied (a snooze holds while its
 *   basis is the day computed without it); stay_rides: 1 when that is within MERGE_DAYS of one
 *   of their pending check-ins, on which it then rides instead of being an item of its own;
 * - quiet_until: the last day before the silence exceeds the rule's maximum (after it, the
 *   customer is at risk: features/care/atRisk.ts);
 * - reorder: the day a reorder is expected (REORDER_MIN_PURCHASES purchase days or more, no
 *   open sale), late after it; reorder_until: the last day it still is (the customer lapses
 *   after REORDER_LAPSED_FACTOR rhythms); reorder_due / reorder_rides: as for keeping in touch;
 * - open_sales, as in the care facts; busy: 1 with a pending check-in or an open complaint
 *   (together with a rule or a reorder: whether the customer has a next step).
 * A pure function of the customer, their care facts, pending check-ins, open complaints, snoozes
 * and the contact rules: a write to any but the last recomputes the customers it touches. A
 * contact rule other than one customer's own reaches many customers, so a write to one marks the
 * table stale (customer_due_days_stale): readers then do without it (features/care/plainFollowUps.ts
 * careFactsHold), until refreshDueDays recomputes every customer — which writing the rules
 * through the app does in the same transaction, and opening the book does for a rule written by
 * anything else. Which customers have a row, and their contact, never go stale.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used by migrations, which must not depend on today's schema types
type AnyDb = Kysely<any>;

export const DUE_DAYS = 'customer_due_days';
export const DUE_DAYS_STALE = 'customer_due_days_stale';

/** A rule's two intervals in one integer (both are at most 3650 days). */
const PACK = 10_000;

/** SQL: the maximum days of the packed `rule`: past them since the last contact, the silence is too long. */
export const maxDaysOf = (rule: string): string => `${rule} % ${PACK}`;

const dayOf = (column: string): string => `CAST(julianday(${column}) - 2440587.5 AS INTEGER)`;

/** SQL: the packed rule of one scope's rows that `where` picks, strictest first. */
const ruleOf = (where: string): string =>
  `(SELECT r.ideal_days * ${PACK} + r.max_days FROM contact_rules r WHERE ${where}
    ORDER BY r.max_days, r.ideal_days LIMIT 1)`;

/** SQL: the day a reminder of `kind` computed for `due` is due, the customer's snooze applied. */
const snoozed = (kind: string, due: string): string =>
  `coalesce((SELECT ${dayOf('s.due_on')} FROM follow_up_snoozes s
    WHERE s.customer_id = t.id AND s.kind = '${kind}' AND ${dayOf('s.basis_on')} = t.${due}), t.${due})`;

/** SQL: whether a reminder due on `due` rides on one of the customer's pending check-ins. */
const rides = (due: string): string =>
  `(t.${due} IS NOT NULL AND EXISTS (SELECT 1 FROM check_ins k
    WHERE k.customer_id = t.id AND k.status = 'pending' AND abs(${dayOf('k.due_on')} - t.${due}) <= ${MERGE_DAYS}))`;

const INSERT = `INSERT INTO ${DUE_DAYS} (customer_id, contact, rule, stay_due, stay_rides, quiet_until, reorder, reorder_due,
       reorder_rides, reorder_until, open_sales, busy)`;

/** Each customer's row as read: their care facts, the rule that applies, whether they are busy. */
const customer = (
  who: string,
): string => `SELECT c.id, f.last_contact_on AS contact, ${dayOf('f.last_contact_on')} AS contact_day,
             coalesce(f.open_sales, 0) AS open_sales, coalesce(f.purchase_days, 0) AS purchase_days,
             ${dayOf('f.last_purchase_on')} AS purchase_day, f.usual_days,
             coalesce(
               ${ruleOf(`r.scope = 'customer' AND r.customer_id = c.id`)},
               ${ruleOf(`r.scope = 'tag' AND EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = r.value)`)},
               ${ruleOf(`r.scope = 'segment' AND r.value = c.segment`)},
               ${ruleOf(`r.scope = 'default'`)}) AS rule,
             EXISTS (SELECT 1 FROM check_ins k
                 WHERE k.customer_id = c.id AND k.status = 'pending')
               OR EXISTS (SELECT 1 FROM complaints m WHERE m.customer_id = c.id AND m.status IN ('open', 'in_progress'))
               AS busy
           FROM customers c LEFT JOIN ${CARE_FACTS} f ON f.customer_id = c.id
           WHERE ${who.replaceAll('$c', 'c.id')} AND c.archived_at IS NULL`;

/** The days a customer's reminders are due, before snoozes (over a customer's row, t). */
const DAYS = `SELECT id, contact, rule, contact_day + rule / ${PACK} AS stay, contact_day + ${maxDaysOf('rule')} AS quiet_until,
           iif(purchase_days >= ${REORDER_MIN_PURCHASES} AND open_sales = 0, purchase_day + usual_days, NULL)
             AS reorder,
           iif(purchase_days >= ${REORDER_MIN_PURCHASES} AND open_sales = 0,
             purchase_day + ${REORDER_LAPSED_FACTOR} * usual_days, NULL) AS reorder_until,
           open_sales, busy`;

/** Those days, their snoozes applied (over DAYS, t). */
const SNOOZED = `SELECT id, contact, rule, ${snoozed('stay_in_touch', 'stay')} AS stay_due, quiet_until, reorder,
         ${snoozed('reorder', 'reorder')} AS reorder_due, reorder_until, open_sales, busy`;

/** The row written (over SNOOZED, t). */
const ROW = `SELECT id, contact, rule, stay_due, ${rides('stay_due')}, quiet_until, reorder, reorder_due,
       ${rides('reorder_due')}, reorder_until, open_sales, busy`;

/**
 * The rows of the customers `who` selects (SQL over `$c`), recomputed.
 *
 * Each customer's row as read, and their days due, are made once (MATERIALIZED): a subquery in
 * FROM is otherwise merged into the statement, and each use of its column runs what makes it
 * again (the rule's four lookups for the stay, the quiet day and the row; the snooze's for each
 * ride). At a million sales, every customer's row took 2.4–3.1 s with the statement as it was,
 * about 1 s with this one.
 */
export function recomputeDueDays(who: string): string[] {
  return [
    `DELETE FROM ${DUE_DAYS} WHERE ${who.replaceAll('$c', 'customer_id')}`,
    `${INSERT}
     WITH customer AS MATERIALIZED (${customer(who)}),
       due AS MATERIALIZED (${SNOOZED} FROM (${DAYS} FROM customer t) t)
     ${ROW} FROM due t`,
  ];
}

/**
 * The same rows, as migration 0018 put the statement in its triggers: a book of versions 18 to 20
 * keeps these (the schema check compares them: test/db/schemaHistory.test.ts) until migration 0021
 * makes the triggers anew.
 */
export function recomputeDueDays0018(who: string): string[] {
  return [
    `DELETE FROM ${DUE_DAYS} WHERE ${who.replaceAll('$c', 'customer_id')}`,
    `${INSERT}
     ${ROW}
     FROM (
       ${SNOOZED}
       FROM (
         ${DAYS}
         FROM (
           ${customer(who)}
         ) t
       ) t
     ) t`,
  ];
}

const CREATE = [
  `CREATE TABLE ${DUE_DAYS} (
     -- No foreign key: a derived row is no reference that keeps an imported customer on undo.
     customer_id INTEGER PRIMARY KEY,
     contact TEXT,
     rule INTEGER,
     stay_due INTEGER,
     stay_rides INTEGER NOT NULL,
     quiet_until INTEGER,
     reorder INTEGER,
     reorder_due INTEGER,
     reorder_rides INTEGER NOT NULL,
     reorder_until INTEGER,
     open_sales INTEGER NOT NULL,
     busy INTEGER NOT NULL
   ) STRICT`,
  `CREATE TABLE ${DUE_DAYS_STALE} (stale INTEGER PRIMARY KEY CHECK (stale = 1)) STRICT`,
  // The reminders that are items of their own, by the day they are due.
  `CREATE INDEX customer_due_days_stay ON ${DUE_DAYS} (stay_due) WHERE stay_due IS NOT NULL AND stay_rides = 0`,
  `CREATE INDEX customer_due_days_reorder_due ON ${DUE_DAYS} (reorder_due, reorder_until)
     WHERE reorder_due IS NOT NULL AND reorder_rides = 0`,
  // At risk: silent too long, or a reorder late.
  `CREATE INDEX customer_due_days_quiet ON ${DUE_DAYS} (quiet_until) WHERE quiet_until IS NOT NULL`,
  `CREATE INDEX customer_due_days_reorder ON ${DUE_DAYS} (reorder, reorder_until) WHERE reorder IS NOT NULL`,
  `CREATE INDEX customer_due_days_untouched ON ${DUE_DAYS} (customer_id) WHERE contact IS NULL`,
  // The archived customers, who have no row: their pending check-ins are nobody's follow-ups.
  `CREATE INDEX customers_archived ON customers (id) WHERE archived_at IS NOT NULL`,
  // In touch, with no next step unless a reorder is expected: most recently in touch first.
  `CREATE INDEX customer_due_days_idle ON ${DUE_DAYS} (contact DESC, reorder_until)
     WHERE contact IS NOT NULL AND rule IS NULL AND open_sales = 0 AND busy = 0`,
];

const CUSTOMER = ['segment', 'tags', 'archived_at'];
const RULE = ['scope', 'value', 'customer_id', 'ideal_days', 'max_days'];
const markStale = `INSERT OR IGNORE INTO ${DUE_DAYS_STALE} (stale) VALUES (1)`;
const PENDING = ['customer_id', 'status', 'due_on'];
const COMPLAINT = ['customer_id', 'status'];
const SNOOZE = ['customer_id', 'kind', 'basis_on', 'due_on'];

/** Recomputes, with `recompute`, the customer the row `v` names in `column`; or both named by OLD and NEW. */
const recomputing = (recompute: (who: string) => string[]) => ({
  one: (v: 'NEW' | 'OLD', column = 'customer_id'): string[] => recompute(`$c = ${v}.${column}`),
  both: (): string[] => recompute('$c IN (OLD.customer_id, NEW.customer_id)'),
});

/** The triggers on the customers and their rows, each recomputing its customers with `recompute`. */
const rowTriggers = (recompute: (who: string) => string[]): string[] => {
  const { one, both } = recomputing(recompute);
  return [
    // Care facts are recomputed by a delete and an insert (db/careFacts.ts).
    trigger('due_days_facts_in', `AFTER INSERT ON ${CARE_FACTS}`, '1', one('NEW')),
    // A customer without care facts has no contact, and so nothing due: what a recompute would
    // give, without its reads (a recompute of the facts deletes and inserts, firing both).
    trigger('due_days_facts_out', `AFTER DELETE ON ${CARE_FACTS}`, '1', [
      `UPDATE ${DUE_DAYS} SET contact = NULL, stay_due = NULL, stay_rides = 0, quiet_until = NULL, reorder = NULL,
       reorder_due = NULL, reorder_rides = 0, reorder_until = NULL, open_sales = 0
     WHERE customer_id = OLD.customer_id`,
    ]),
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
    // Pending check-ins: what reminders ride on, and a next step.
    trigger('due_days_check_in_in', 'AFTER INSERT ON check_ins', `NEW.status = 'pending'`, one('NEW')),
    trigger('due_days_check_in_out', 'AFTER DELETE ON check_ins', `OLD.status = 'pending'`, one('OLD')),
    trigger(
      'due_days_check_in_change',
      `AFTER UPDATE OF ${PENDING.join(', ')} ON check_ins`,
      `'pending' IN (OLD.status, NEW.status) AND (${changed(PENDING)})`,
      both(),
    ),
    trigger('due_days_complaint_in', 'AFTER INSERT ON complaints', `NEW.status IN ('open', 'in_progress')`, one('NEW')),
    trigger(
      'due_days_complaint_out',
      'AFTER DELETE ON complaints',
      `OLD.status IN ('open', 'in_progress')`,
      one('OLD'),
    ),
    trigger(
      'due_days_complaint_change',
      `AFTER UPDATE OF ${COMPLAINT.join(', ')} ON complaints`,
      changed(COMPLAINT),
      both(),
    ),
    trigger('due_days_snooze_in', 'AFTER INSERT ON follow_up_snoozes', '1', one('NEW')),
    trigger('due_days_snooze_out', 'AFTER DELETE ON follow_up_snoozes', '1', one('OLD')),
    trigger(
      'due_days_snooze_change',
      `AFTER UPDATE OF ${SNOOZE.join(', ')} ON follow_up_snoozes`,
      changed(SNOOZE),
      both(),
    ),
  ];
};

/** The triggers on the contact rules. */
const ruleTriggers = (recompute: (who: string) => string[]): string[] => {
  const { one, both } = recomputing(recompute);
  return [
    trigger('due_days_rule_in', 'AFTER INSERT ON contact_rules', `NEW.scope = 'customer'`, one('NEW')),
    trigger('due_days_rule_out', 'AFTER DELETE ON contact_rules', `OLD.scope = 'customer'`, one('OLD')),
    trigger(
      'due_days_rule_change',
      `AFTER UPDATE OF ${RULE.join(', ')} ON contact_rules`,
      `OLD.scope = 'customer' AND NEW.scope = 'customer' AND (${changed(RULE)})`,
      both(),
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
};

/**
 * The triggers db/bulkInsert.ts suspends through its whole write and the other tables' catch-up
 * (which recomputes the care facts of the new rows' customers): catchUpDueDays then does their
 * work once. Those of the contact rules stay: the sample's rules mark the table stale.
 */
export const DUE_DAYS_TRIGGERS = rowTriggers(recomputeDueDays).map(triggerName);

/**
 * What those triggers would have done for the customers, sales, interactions, check-ins and
 * complaints with ids above `since`'s; every customer when a contact rule was written meanwhile.
 */
export async function catchUpDueDays(
  db: AnyDb,
  since: Readonly<Record<'customers' | 'sales' | 'interactions' | 'check_ins' | 'complaints', number>>,
): Promise<void> {
  if (!(await dueDaysHold(db))) return refreshDueDays(db);
  for (const s of recomputeDueDays(
    `($c > ${Number(since.customers)} OR ${customersOfRowsAfter({
      sales: since.sales,
      interactions: since.interactions,
      check_ins: since.check_ins,
      complaints: since.complaints,
    })})`,
  ))
    await sql.raw(s).execute(db);
}

/** Every customer's row recomputed, and the table no longer stale (the fill, and after the contact rules change). */
export async function refreshDueDays(db: AnyDb): Promise<void> {
  await sql.raw(`DELETE FROM ${DUE_DAYS}`).execute(db);
  await recomputeEveryCustomer(db, recomputeDueDays);
  await sql.raw(`DELETE FROM ${DUE_DAYS_STALE}`).execute(db);
}

/** Every customer's row recomputed if a contact rule other than a customer's own was written since the last time. */
export async function refreshStaleDueDays(db: AnyDb): Promise<void> {
  if (!(await dueDaysHold(db))) await refreshDueDays(db);
}

/** Whether the table answers: no contact rule written since it was last refreshed. */
export async function dueDaysHold(db: AnyDb): Promise<boolean> {
  const { rows } = await sql<{
    stale: number;
  }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(DUE_DAYS_STALE)}) AS stale`.execute(db);
  return rows[0]!.stale === 0;
}

/**
 * Makes the tables, indexes and triggers as migration 0018 made them, and fills them. A later
 * change to this definition must still run on that version's tables, or the migration must be
 * given a frozen copy.
 */
export async function createDueDays(db: AnyDb): Promise<void> {
  const released = [...rowTriggers(recomputeDueDays0018), ...ruleTriggers(recomputeDueDays0018)];
  for (const statement of [...CREATE, ...released]) await sql.raw(statement).execute(db);
  await refreshDueDays(db);
}

/** Makes the triggers anew from today's statement (migration 0021). */
export async function remakeDueDaysTriggers(db: AnyDb): Promise<void> {
  await remakeTriggers(db, [...rowTriggers(recomputeDueDays), ...ruleTriggers(recomputeDueDays)]);
}
