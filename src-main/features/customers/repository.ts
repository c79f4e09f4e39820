import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Customer, CustomerQuery, CustomerSummary, DuplicateHint } from './contract';
import type { CustomerRow, DB, NewCustomerRow } from '../../db/schema';

export type CustomerFilter = z.output<typeof CustomerQuery>;

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    email: row.email,
    phone: row.phone,
    segment: row.segment,
    industry: row.industry,
    region: row.region,
    companySize: row.company_size,
    acquisitionSource: row.acquisition_source,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
  };
}

export async function insertCustomer(db: Kysely<DB>, row: NewCustomerRow): Promise<CustomerRow> {
  return db.insertInto('customers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCustomer(
  db: Kysely<DB>,
  id: number,
  patch: Partial<NewCustomerRow>,
): Promise<CustomerRow | undefined> {
  return db.updateTable('customers').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function findCustomer(db: Kysely<DB>, id: number): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Matching order used by the CLI and importers: email first, then normalised name. */
/**
 * The customer with this email, else the first with this normalised name: one with the same
 * email or none first, so that a customer of that name with another email is the answer only
 * when there is no other (the caller then tells the seller).
 */
export async function findCustomerByIdentity(
  db: Kysely<DB>,
  identity: { email: string | null; nameKey: string },
): Promise<{ row: CustomerRow; by: 'email' | 'name' } | undefined> {
  if (identity.email) {
    const byEmail = await db
      .selectFrom('customers')
      .selectAll()
      .where('email', '=', identity.email)
      .orderBy('id')
      .executeTakeFirst();
    if (byEmail) return { row: byEmail, by: 'email' };
  }
  const byName = await db
    .selectFrom('customers')
    .selectAll()
    .where('name_key', '=', identity.nameKey)
    .$if(identity.email !== null, (q) => q.orderBy(sql`email IS NOT NULL`))
    .orderBy('id')
    .executeTakeFirst();
  return byName && { row: byName, by: 'name' };
}

export async function findDuplicates(
  db: Kysely<DB>,
  probe: { email: string | null; nameKey: string; excludeId?: number },
): Promise<DuplicateHint[]> {
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name', 'email', 'name_key'])
    .where((eb) =>
      eb.or([
        ...(probe.email ? [eb('email', '=', probe.email)] : []),
        ...(probe.nameKey ? [eb('name_key', '=', probe.nameKey)] : []),
      ]),
    )
    .$if(probe.excludeId !== undefined, (q) => q.where('id', '!=', probe.excludeId!))
    .orderBy('id')
    .limit(5)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    reason: probe.email && r.email === probe.email ? 'email' : 'name',
  }));
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Customers with their purchase aggregates (won sales; lifetime value in `currency`). */
export async function listCustomers(
  db: Kysely<DB>,
  filter: CustomerFilter,
  currency: string,
): Promise<{ items: CustomerSummary[]; total: number }> {
  const purchases = db
    .selectFrom('sales')
    .select((eb) => [
      'customer_id',
      eb.fn.countAll<number>().as('purchases'),
      sql<number>`sum(CASE WHEN currency = ${currency} THEN amount_minor ELSE 0 END)`.as('ltv'),
      eb.fn.max('closed_on').as('last_purchase'),
    ])
    .where('status', '=', 'won')
    .groupBy('customer_id')
    .as('p');

  let base = db.selectFrom('customers as c').leftJoin(purchases, 'p.customer_id', 'c.id');
  if (filter.search) {
    const like = `%${escapeLike(filter.search)}%`;
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`c.name LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`c.company LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`c.email LIKE ${like} ESCAPE '\\'`,
        sql<boolean>`c.tags LIKE ${like} ESCAPE '\\'`,
      ]),
    );
  }
  if (filter.segment) base = base.where('c.segment', '=', filter.segment);
  if (filter.region) base = base.where('c.region', '=', filter.region);
  if (filter.industry) base = base.where('c.industry', '=', filter.industry);
  if (filter.archived === 'active') base = base.where('c.archived_at', 'is', null);
  if (filter.archived === 'archived') base = base.where('c.archived_at', 'is not', null);

  const sortColumn = {
    name: sql`c.name COLLATE NOCASE`,
    createdAt: sql`c.created_at`,
    lifetimeValue: sql`coalesce(p.ltv, 0)`,
    lastPurchase: sql`p.last_purchase`,
    purchases: sql`coalesce(p.purchases, 0)`,
  }[filter.sort];
  const direction = filter.dir === 'asc' ? sql`ASC` : sql`DESC`;

  const [rows, count] = await Promise.all([
    base
      .selectAll('c')
      .select(['p.purchases', 'p.ltv', 'p.last_purchase'])
      .orderBy(sql`${sortColumn} ${direction} NULLS LAST`)
      .orderBy('c.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: count.n,
    items: rows.map((r) => ({
      ...toCustomer(r),
      purchases: r.purchases ?? 0,
      lifetimeValueMinor: r.ltv ?? 0,
      lastPurchase: r.last_purchase ?? null,
    })),
  };
}

export async function distinctValues(db: Kysely<DB>, column: 'segment' | 'region' | 'industry'): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select(column)
    .distinct()
    .where(column, 'is not', null)
    .orderBy(column)
    .execute();
  return rows.map((r) => r[column] as string);
}
