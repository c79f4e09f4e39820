import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { recomputeEveryCustomer } from './careFacts';

/**
 * Each customer's won sales added up ahead, for the customers list (features/customers/
 * repository.ts listCustomers): sorted by purchases, lifetime value or last purchase, its page
 * is then read from an index of these small rows instead of grouping every won sale of the book
 * for every page. ONE definition of the tables, of the triggers that keep them in step, and of
 * the passes an import and the demo's bulk insert use instead.
 *
 * - customer_won_totals, one row per customer with a won sale: how many (purchases) and the
 *   latest closing day (last_purchase_on);
 * - customer_won_values, one row per customer and currency they won a sale in: the won amounts
 *   added up (value_minor; lifetime value in that currency).
 * A customer without a row has no won sale (in that currency). Each index comes in both
 * directions because the list breaks ties by customer id ascending in either direction.
 *
 * A pure function of one customer's won sales: every write recomputes the customers it touches,
 * so no order of writes can leave a row stale. An import's deferred batch (db/salesFacts.ts) is
 * recomputed in one pass when it is folded in or taken back.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- used by migrations, which must not depend on today's schema types
type AnyDb = Kysely<any>;

export const WON_TOTALS = 'customer_won_totals';
export const WON_VALUES = 'customer_won_values';

/** The tables' names and key columns (tests compare them with a recomputation). */
export const CUSTOMER_TOTAL_TABLES = [
  { table: WON_TOTALS, key: ['customer_id'] },
  { table: WON_VALUES, key: ['customer_id', 'currency'] },
] as const;

/** The kept tables as the list reads them (Kysely's withTables). */
export interface CustomerTotalTables {
  customer_won_totals: { customer_id: number; purchases: number; last_purchase_on: string };
  customer_won_values: { customer_id: number; currency: string; value_minor: number };
}

/** The won sales of the customers `who` selects (SQL over `$c`), through the index that covers them. */
const wonSales = (who: string): string =>
  `FROM sales s INDEXED BY sales_won_by_customer WHERE s.status = 'won' AND ${who.replaceAll('$c', 's.customer_id')}`;

/** The rows of the customers `who` selects (SQL over `$c`), recomputed: the old rows go, the rows as the won sales say now come in. */
export function recomputeCustomerTotals(who: string): string[] {
  const old = who.replaceAll('$c', 'customer_id');
  return [
    `DELETE FROM ${WON_TOTALS} WHERE ${old}`,
    `DELETE FROM ${WON_VALUES} WHERE ${old}`,
    `INSERT INTO ${WON_TOTALS} (customer_id, purchases, last_purchase_on)
     SELECT s.customer_id, count(*), max(s.closed_on) ${wonSales(who)} GROUP BY s.customer_id`,
    `INSERT INTO ${WON_VALUES} (customer_id, currency, value_minor)
     SELECT s.customer_id, s.currency, sum(s.amount_minor) ${wonSales(who)} GROUP BY s.customer_id, s.currency`,
  ];
}

const CREATE = [
  // No foreign keys: a derived row is no reference that keeps an imported customer on undo.
  `CREATE TABLE ${WON_TOTALS} (
     customer_id INTEGER PRIMARY KEY,
     purchases INTEGER NOT NULL,
     last_purchase_on TEXT NOT NULL
   ) STRICT`,
  `CREATE TABLE ${WON_VALUES} (
     customer_id INTEGER NOT NULL,
     currency TEXT NOT NULL,
     value_minor INTEGER NOT NULL,
     PRIMARY KEY (customer_id, currency)
   ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX ${WON_TOTALS}_purchases ON ${WON_TOTALS} (purchases)`,
  `CREATE INDEX ${WON_TOTALS}_purchases_desc ON ${WON_TOTALS} (purchases DESC)`,
  `CREATE INDEX ${WON_TOTALS}_last ON ${WON_TOTALS} (last_purchase_on)`,
  `CREATE INDEX ${WON_TOTALS}_last_desc ON ${WON_TOTALS} (last_purchase_on DESC)`,
  `CREATE INDEX ${WON_VALUES}_value ON ${WON_VALUES} (currency, value_minor)`,
  `CREATE INDEX ${WON_VALUES}_value_desc ON ${WON_VALUES} (currency, value_minor DESC)`,
];

/** True unless the sale `v` belongs to an import batch whose sales facts are deferred. */
const notDeferred = (v: 'NEW' | 'OLD'): string =>
  `(${v}.import_batch_id IS NULL OR ${v}.import_batch_id NOT IN (SELECT batch_id FROM sales_facts_deferred))`;
const trigger = (name: string, event: string, when: string, statements: readonly string[]): string =>
  `CREATE TRIGGER ${name} ${event} WHEN ${when}\nBEGIN\n${statements.map((s) => `${s};`).join('\n')}\nEND`;

/** What a won sale brings to its customer's totals. */
const WON = ['customer_id', 'status', 'closed_on', 'currency', 'amount_minor'];

const TRIGGERS = [
  trigger('customer_totals_customer_out', 'AFTER DELETE ON customers', '1', [
    `DELETE FROM ${WON_TOTALS} WHERE customer_id = OLD.id`,
    `DELETE FROM ${WON_VALUES} WHERE customer_id = OLD.id`,
  ]),
  trigger(
    'customer_totals_sale_in',
    'AFTER INSERT ON sales',
    `NEW.status = 'won' AND ${notDeferred('NEW')}`,
    recomputeCustomerTotals('$c = NEW.customer_id'),
  ),
  trigger(
    'customer_totals_sale_out',
    'AFTER DELETE ON sales',
    `OLD.status = 'won' AND ${notDeferred('OLD')}`,
    recomputeCustomerTotals('$c = OLD.customer_id'),
  ),
  trigger(
    'customer_totals_sale_change',
    `AFTER UPDATE OF ${WON.join(', ')} ON sales`,
    `'won' IN (OLD.status, NEW.status) AND (${WON.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ')})
     AND ${notDeferred('NEW')} AND ${notDeferred('OLD')}`,
    recomputeCustomerTotals('$c IN (OLD.customer_id, NEW.customer_id)'),
  ),
];

/** The trigger that recomputes a customer as a sale of theirs is inserted, which db/bulkInsert.ts suspends. */
export const CUSTOMER_TOTALS_INSERT_TRIGGERS = ['customer_totals_sale_in'];

/**
 * What that trigger would have done for the sales inserted while it was suspended: their
 * customers recomputed; or the customers `who` selects (SQL over `$c`), when the caller knows
 * whose sales it wrote.
 */
export function catchUpCustomerTotals(
  sqlite: Database.Database,
  sinceSale: number,
  who = `$c IN (SELECT customer_id FROM sales WHERE id > ${Number(sinceSale)} AND status = 'won')`,
): void {
  for (const s of recomputeCustomerTotals(who)) sqlite.prepare(s).run();
}

/** Fills the tables from every customer's won sales (the migration). */
export async function fillCustomerTotals(db: AnyDb): Promise<void> {
  await recomputeEveryCustomer(db, recomputeCustomerTotals);
}

/** Makes the tables, their indexes and triggers, and fills them (migration 0016). */
export async function createCustomerTotals(db: AnyDb): Promise<void> {
  for (const statement of [...CREATE, ...TRIGGERS]) await sql.raw(statement).execute(db);
  await fillCustomerTotals(db);
}
