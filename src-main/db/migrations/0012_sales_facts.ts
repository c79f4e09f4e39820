import type { Kysely } from 'kysely';
import { createSalesFacts } from '../salesFacts';

/**
 * The sales figures without a filter, added up ahead per day and currency, per customer and day
 * of purchase, and per day of check-in answers (db/salesFacts.ts): the tables, the triggers that
 * keep them in step, and their figures for the sales and check-ins already there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await createSalesFacts(db);
}
