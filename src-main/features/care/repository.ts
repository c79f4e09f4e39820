import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { CheckIn, CheckInQuery, Complaint, ComplaintQuery, Interaction, InteractionQuery } from './contract';
import type { CheckInRow, ComplaintRow, DB, InteractionRow, NewCheckInRow } from '../../db/schema';

/** Interactions, check-ins and complaints: rows joined with the names the screens show. */

type Named = { customer_name: string; sale_title: string | null };

export function toInteraction(r: InteractionRow & Named): Interaction {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    kind: r.kind,
    occurredOn: r.occurred_on,
    summary: r.summary,
    saleId: r.sale_id,
    saleTitle: r.sale_title,
    createdAt: r.created_at,
  };
}

export function toCheckIn(r: CheckInRow & Named & { complaint_id: number | null }): CheckIn {
  return {
    id: r.id,
    saleId: r.sale_id,
    saleTitle: r.sale_title,
    customerId: r.customer_id,
    customerName: r.customer_name,
    stepDays: r.step_days,
    scheduledOn: r.scheduled_on,
    dueOn: r.due_on,
    status: r.status,
    completedOn: r.completed_on,
    outcome: r.outcome,
    csat: r.csat,
    nps: r.nps,
    concern: r.concern,
    complaintId: r.complaint_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toComplaint(r: ComplaintRow & Named, daysToResolve: number | null): Complaint {
  const active = r.status === 'open' || r.status === 'in_progress';
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    saleId: r.sale_id,
    saleTitle: r.sale_title,
    checkInId: r.check_in_id,
    openedOn: r.opened_on,
    source: r.source,
    category: r.category,
    severity: r.severity,
    description: r.description,
    status: r.status,
    resolution: r.resolution,
    resolvedOn: r.resolved_on,
    daysToResolve,
    remindOn: active ? r.remind_on : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ---- interactions -----------------------------------------------------------------------

function interactions(db: Kysely<DB>) {
  return db
    .selectFrom('interactions as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .leftJoin('sales as s', 's.id', 'i.sale_id')
    .selectAll('i')
    .select(['c.name as customer_name', 's.title as sale_title']);
}

export async function insertInteraction(
  db: Kysely<DB>,
  row: Omit<InteractionRow, 'id' | 'sample'>,
): Promise<Interaction> {
  const { id } = await db.insertInto('interactions').values(row).returning('id').executeTakeFirstOrThrow();
  return toInteraction(await interactions(db).where('i.id', '=', id).executeTakeFirstOrThrow());
}

export async function listInteractions(
  db: Kysely<DB>,
  filter: z.output<typeof InteractionQuery>,
): Promise<{ items: Interaction[]; total: number }> {
  let q = interactions(db);
  if (filter.customerId) q = q.where('i.customer_id', '=', filter.customerId);
  if (filter.from) q = q.where('i.occurred_on', '>=', filter.from);
  if (filter.to) q = q.where('i.occurred_on', '<=', filter.to);
  const [rows, count] = await Promise.all([
    q.orderBy('i.occurred_on', 'desc').orderBy('i.id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toInteraction), total: count.n };
}

export async function interactionsOfCustomer(db: Kysely<DB>, customerId: number): Promise<Interaction[]> {
  const rows = await interactions(db).where('i.customer_id', '=', customerId).execute();
  return rows.map(toInteraction);
}

export async function deleteInteraction(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('interactions').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// ---- check-ins --------------------------------------------------------------------------

function checkIns(db: Kysely<DB>) {
  return db
    .selectFrom('check_ins as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .leftJoin('sales as s', 's.id', 'k.sale_id')
    .leftJoin('complaints as m', 'm.check_in_id', 'k.id')
    .selectAll('k')
    .select(['c.name as customer_name', 's.title as sale_title', 'm.id as complaint_id']);
}

export async function getCheckIn(db: Kysely<DB>, id: number): Promise<CheckIn | undefined> {
  const row = await checkIns(db).where('k.id', '=', id).executeTakeFirst();
  return row ? toCheckIn(row) : undefined;
}

export async function listCheckIns(db: Kysely<DB>, filter: z.output<typeof CheckInQuery>): Promise<CheckIn[]> {
  let q = checkIns(db);
  if (filter.saleId) q = q.where('k.sale_id', '=', filter.saleId);
  if (filter.customerId) q = q.where('k.customer_id', '=', filter.customerId);
  if (filter.status) q = q.where('k.status', '=', filter.status);
  const rows = await q.orderBy('k.due_on').orderBy('k.id').limit(5000).execute();
  return rows.map(toCheckIn);
}

/** The raw rows of one sale's check-ins, for rescheduling. */
export async function checkInRowsOfSale(db: Kysely<DB>, saleId: number): Promise<CheckInRow[]> {
  return db.selectFrom('check_ins').selectAll().where('sale_id', '=', saleId).execute();
}

export async function insertCheckIns(db: Kysely<DB>, rows: readonly NewCheckInRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('check_ins')
      .values([...rows])
      .execute();
}

export async function updateCheckIn(
  db: Kysely<DB>,
  id: number,
  patch: Partial<Omit<CheckInRow, 'id' | 'created_at'>>,
): Promise<boolean> {
  const result = await db.updateTable('check_ins').set(patch).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteCheckIns(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length > 0)
    await db
      .deleteFrom('check_ins')
      .where('id', 'in', [...ids])
      .execute();
}

// ---- complaints -------------------------------------------------------------------------

function complaints(db: Kysely<DB>) {
  return db
    .selectFrom('complaints as m')
    .innerJoin('customers as c', 'c.id', 'm.customer_id')
    .leftJoin('sales as s', 's.id', 'm.sale_id')
    .selectAll('m')
    .select(['c.name as customer_name', 's.title as sale_title']);
}

const resolveDays = sql<number | null>`CASE WHEN m.resolved_on IS NULL THEN NULL
  ELSE CAST(julianday(m.resolved_on) - julianday(m.opened_on) AS INTEGER) END`;

export async function getComplaint(db: Kysely<DB>, id: number): Promise<Complaint | undefined> {
  const row = await complaints(db).select(resolveDays.as('days')).where('m.id', '=', id).executeTakeFirst();
  return row ? toComplaint(row, row.days) : undefined;
}

/**
 * Whether a complaint still needs work, as the index complaints_attention (migration 0016) has
 * it: the list's filters and order are written with it, so that a page reads only its rows.
 */
const active = sql<number>`(m.status IN ('open', 'in_progress'))`;

export async function listComplaints(
  db: Kysely<DB>,
  filter: z.output<typeof ComplaintQuery>,
): Promise<{ items: Complaint[]; total: number }> {
  let q = complaints(db);
  // Counted without the joins: every complaint has its customer (a foreign key), and a sale or none.
  let counted = db.selectFrom('complaints as m');
  if (filter.customerId) {
    q = q.where('m.customer_id', '=', filter.customerId);
    counted = counted.where('m.customer_id', '=', filter.customerId);
  }
  if (filter.status !== 'all') {
    const wanted = sql<boolean>`${active} = ${filter.status === 'active' ? 1 : 0}`;
    q = q.where(wanted);
    counted = counted.where(wanted);
  }
  const [rows, count] = await Promise.all([
    q
      .select(resolveDays.as('days'))
      // Active ones first, oldest first among them: that is the order they need attention in. (Within
      // a filter all are alike, and SQLite sorts rather than read the index if told so.)
      .$if(filter.status === 'all', (r) => r.orderBy(active, 'desc'))
      .orderBy('m.opened_on', 'asc')
      .orderBy('m.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    counted.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toComplaint(r, r.days)), total: count.n };
}

export async function complaintsOfCustomer(db: Kysely<DB>, customerId: number): Promise<Complaint[]> {
  const rows = await complaints(db).select(resolveDays.as('days')).where('m.customer_id', '=', customerId).execute();
  return rows.map((r) => toComplaint(r, r.days));
}

export async function insertComplaint(db: Kysely<DB>, row: Omit<ComplaintRow, 'id' | 'sample'>): Promise<number> {
  const { id } = await db.insertInto('complaints').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findComplaintRow(db: Kysely<DB>, id: number): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateComplaint(
  db: Kysely<DB>,
  id: number,
  patch: Partial<Omit<ComplaintRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('complaints').set(patch).where('id', '=', id).execute();
}
