import type { Kysely } from 'kysely';
import { remakeCareFactsTriggers } from '../careFacts';
import { remakeDueDaysTriggers } from '../dueDays';

/**
 * The triggers that keep the care facts and the due days read each customer's rows once
 * (db/careFacts.ts recomputeCareFacts, db/dueDays.ts recomputeDueDays): the same rows, in about
 * half the time. Only the triggers are made anew; no row changes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await remakeCareFactsTriggers(db);
  await remakeDueDaysTriggers(db);
}
