import type { Kysely } from 'kysely';
import { addPipelineAndClosedComplaints } from '../salesFacts';

/**
 * The pipeline kept ahead: open sales per day opened, stage and currency, with their amounts
 * (db/salesFacts.ts open_sale_days), so Home reads a few hundred rows instead of every open sale;
 * and complaints closed per day, whether resolved and after how many days (complaint_closed_days).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await addPipelineAndClosedComplaints(db);
}
