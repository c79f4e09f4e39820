import type Database from 'better-sqlite3';
import { expect } from 'vitest';

/**
 * The won totals kept by db/customerTotals.ts equal the won sales added up here, straight from
 * the sales; `after` names the write in a failure.
 */
export function expectCustomerTotalsRecomputed(sqlite: Database.Database, after: string): void {
  expect(sqlite.prepare('SELECT * FROM customer_won_totals ORDER BY customer_id').all(), after).toEqual(
    sqlite
      .prepare(
        `SELECT customer_id, count(*) AS purchases, max(closed_on) AS last_purchase_on
         FROM sales WHERE status = 'won' GROUP BY customer_id ORDER BY customer_id`,
      )
      .all(),
  );
  expect(sqlite.prepare('SELECT * FROM customer_won_values ORDER BY customer_id, currency').all(), after).toEqual(
    sqlite
      .prepare(
        `SELECT customer_id, currency, sum(amount_minor) AS value_minor
         FROM sales WHERE status = 'won' GROUP BY customer_id, currency ORDER BY customer_id, currency`,
      )
      .all(),
  );
}
