import type { Kysely } from 'kysely';
import { addComplaintDayCounts } from '../salesFacts';

/**
 * The complaints opened and closed per day kept ahead (db/salesFacts.ts complaint_day_counts),
 * so Home's open complaints and the complaints opened of a year read a row per day instead of
 * every complaint.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await addComplaintDayCounts(db);
}
