import type { Kysely } from 'kysely';
import { createDueDays } from '../dueDays';

/**
 * When each active customer's reminders fall due, kept ahead for the badge, Home and the
 * follow-ups (db/dueDays.ts): the tables, indexes and triggers, and the rows of the customers
 * already there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await createDueDays(db);
}
