import type { Kysely } from 'kysely';
import { createTechniqueFacts } from '../techniqueFacts';

/**
 * What works without a filter, added up ahead per technique and day (db/techniqueFacts.ts):
 * the tables, the triggers that keep them in step, and their figures for the sales and
 * check-ins already there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await createTechniqueFacts(db);
}
