import type { Kysely } from 'kysely';
import { createRatingFacts } from '../ratingFacts';

/**
 * Each customer's latest NPS and satisfaction answer, kept ahead for the at-risk list
 * (db/ratingFacts.ts): the table, its indexes, the triggers that keep it in step, and its rows
 * for the customers already there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await createRatingFacts(db);
}
