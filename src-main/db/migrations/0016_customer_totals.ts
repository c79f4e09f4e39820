import { sql, type Kysely } from 'kysely';
import { createCustomerTotals } from '../customerTotals';

/**
 * The customers list and the complaints list read only their page at a million sales:
 * - each customer's won sales added up ahead, with the indexes its sorts by purchases, lifetime
 *   value and last purchase read (db/customerTotals.ts);
 * - the customers' own sorts by name and by creation on indexes, in both directions since ties
 *   go by id ascending either way; the filters (active or archived, segment, region, industry)
 *   on one narrow index that holds the own sorts' columns too, so that a filter's count, and
 *   the sorting of the few customers it keeps, read no customer's row. Not led by archived_at:
 *   `PRAGMA optimize`'s sampling (analysis_limit) took "archived_at IS NULL" for a narrow
 *   search, and the follow-ups, which read every active customer, went through this index row
 *   by row (4-5 times slower at a million sales);
 * - complaints in the order the Complaints screen lists them (active first, oldest first, by id).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await createCustomerTotals(db);
  for (const statement of [
    'CREATE INDEX customers_by_name ON customers (name COLLATE NOCASE)',
    'CREATE INDEX customers_by_name_desc ON customers (name COLLATE NOCASE DESC)',
    'CREATE INDEX customers_by_created ON customers (created_at)',
    'CREATE INDEX customers_by_created_desc ON customers (created_at DESC)',
    'CREATE INDEX customers_filters ON customers (segment, region, industry, archived_at, name, created_at)',
    `CREATE INDEX complaints_attention ON complaints ((status IN ('open', 'in_progress')) DESC, opened_on)`,
  ])
    await sql.raw(statement).execute(db);
}
