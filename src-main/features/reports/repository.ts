import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ReportFormat, ReportLogEntry } from './contract';
import type { KnownCustomer } from './privacy';

/** Every customer's id and name (pseudonyms); nothing else about them is read. */
export const customerNames = (db: Kysely<DB>): Promise<KnownCustomer[]> =>
  db.selectFrom('customers').select(['id', 'name']).orderBy('id').execute();

/** The goals not archived, oldest first (goals.list's default set, without computing each one twice). */
export async function activeGoalIds(db: Kysely<DB>): Promise<number[]> {
  const rows = await db.selectFrom('goals').select('id').where('archived_at', 'is', null).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface NewLogEntry {
  createdAt: string;
  from: string;
  to: string;
  format: ReportFormat;
  seller: string;
  options: Record<string, unknown>;
  file: string;
  bytes: number;
  rows: Record<string, number>;
}

export async function insertLogEntry(db: Kysely<DB>, e: NewLogEntry): Promise<number> {
  const row = await db
    .insertInto('report_exports')
    .values({
      created_at: e.createdAt,
      from_on: e.from,
      to_on: e.to,
      format: e.format,
      seller: e.seller,
      options: JSON.stringify(e.options),
      file: e.file,
      bytes: e.bytes,
      rows: JSON.stringify(e.rows),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Newest first. */
export async function listLog(db: Kysely<DB>, limit: number): Promise<ReportLogEntry[]> {
  const rows = await db.selectFrom('report_exports').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    from: r.from_on,
    to: r.to_on,
    format: r.format,
    seller: r.seller,
    options: JSON.parse(r.options) as Record<string, unknown>,
    file: r.file,
    bytes: r.bytes,
    rows: JSON.parse(r.rows) as Record<string, number>,
  }));
}

/** The seller named on the latest report, if any. */
export async function lastSeller(db: Kysely<DB>): Promise<string | null> {
  const row = await db
    .selectFrom('report_exports')
    .select('seller')
    .where('seller', '!=', '')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.seller ?? null;
}
