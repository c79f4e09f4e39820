import type { Kysely } from 'kysely';
import { createCareFacts } from '../careFacts';

/**
 * Each customer's last contact, open sales and purchase rhythm, kept ahead for the follow-ups,
 * the badge and the at-risk list (db/careFacts.ts): the table, the triggers that keep it in step,
 * and its rows for the customers already there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await createCareFacts(db);
}
