import type { Kysely } from 'kysely';
import { addPipelineAndCareDays } from '../salesFacts';

/**
 * The pipeline kept ahead: open sales per day opened, stage and currency, with their amounts
 * (db/salesFacts.ts open_sale_days), so Home reads a few hundred rows instead of every open sale;
 * check-ins per due day and per day done, and complaints closed per day (whether resolved, after
 * how many days), so the care figures of a year read a row per day instead of every check-in.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await addPipelineAndCareDays(db);
}
