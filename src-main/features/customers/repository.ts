import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { Customer, CustomerQuery, CustomerSummary, DuplicateHint } from './contract';
import { WON_TOTALS, WON_VALUES } from '../../db/customerTotals';
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

/** The customers the filter keeps (SQL over `c`, the customers table). */
function kept(filter: CustomerFilter): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (filter.search) {
    const like = `%${escapeLike(filter.search)}%`;
    conditions.push(sql`(c.name LIKE ${like} ESCAPE '\\' OR c.company LIKE ${like} ESCAPE '\\'
      OR c.email LIKE ${like} ESCAPE '\\' OR c.tags LIKE ${like} ESCAPE '\\')`);
  }
  if (filter.segment) conditions.push(sql`c.segment = ${filter.segment}`);
  if (filter.region) conditions.push(sql`c.region = ${filter.region}`);
  if (filter.industry) conditions.push(sql`c.industry = ${filter.industry}`);
  if (filter.archived === 'active') conditions.push(sql`c.archived_at IS NULL`);
  if (filter.archived === 'archived') conditions.push(sql`c.archived_at IS NOT NULL`);
  return conditions.length === 0 ? sql`1` : sql.join(conditions, sql` AND `);
}

type ListedRow = CustomerRow & { purchases: number | null; ltv: number | null; last_purchase: string | null };

/**
 * The customers with a won total to sort by (`sort`), in the list's order of that total (ties by
 * id): read from that total's index, so that a page reads only its rows. The others (no won
 * sale, or none in `currency`) sort as one block by id, before or after them.
 */
function keyed(sort: 'lifetimeValue' | 'lastPurchase' | 'purchases', desc: boolean, currency: string) {
  const dir = desc ? sql`DESC` : sql`ASC`;
  if (sort === 'lifetimeValue')
    return {
      table: sql.table(WON_VALUES),
      index: sql.id(`${WON_VALUES}_value${desc ? '_desc' : ''}`),
      where: sql`k.currency = ${currency} AND k.value_minor > 0`,
      order: sql`k.value_minor ${dir}, k.customer_id`,
      // A lifetime value is never below zero: the others (zero) come first going up.
      othersFirst: !desc,
    };
  const [column, index] = sort === 'purchases' ? ['purchases', 'purchases'] : ['last_purchase_on', 'last'];
  return {
    table: sql.table(WON_TOTALS),
    index: sql.id(`${WON_TOTALS}_${index}${desc ? '_desc' : ''}`),
    where: sql`1`,
    order: sql`${sql.ref(`k.${column}`)} ${dir}, k.customer_id`,
    // No purchase counts as zero purchases (first going up); no last purchase comes last either way.
    othersFirst: sort === 'purchases' && !desc,
  };
}

/**
 * Whether reading a sort's index in order, skipping the customers the filter leaves out, beats
 * sorting the `found` customers it keeps: about (offset + limit) × all / found index entries
 * read, each with its customer's row, against `found` rows sorted (measured at 250,000
 * customers: a row read out of order costs about four sorted).
 */
const readInOrder = (found: number, all: number, filter: CustomerFilter): boolean =>
  found * found > 4 * (filter.offset + filter.limit) * all;

/**
 * Customers with their won sales' totals (db/customerTotals.ts; lifetime value in `currency`),
 * in the order asked, ties by id. Each page is read at its source: when the filter keeps many
 * customers, through the sort's index (by name or creation, the customers' own; by a total,
 * that total's, with the customers without one before or after them by id); when it keeps few,
 * or searches (which reads every customer anyway), by sorting what it keeps, counted in the same pass.
 */
export async function listCustomers(
  db: Kysely<DB>,
  filter: CustomerFilter,
  currency: string,
): Promise<{ items: CustomerSummary[]; total: number }> {
  const where = kept(filter);
  const desc = filter.dir === 'desc';
  const dir = desc ? sql`DESC` : sql`ASC`;
  const select = sql`SELECT c.*, t.purchases, v.value_minor AS ltv, t.last_purchase_on AS last_purchase`;
  const totals = sql`LEFT JOIN ${sql.table(WON_TOTALS)} t ON t.customer_id = c.id
    LEFT JOIN ${sql.table(WON_VALUES)} v ON v.customer_id = c.id AND v.currency = ${currency}`;
  const rowsOf = async (query: RawBuilder<ListedRow>): Promise<ListedRow[]> => (await query.execute(db)).rows;
  const countOf = async (query: RawBuilder<{ n: number }>): Promise<number> => (await query.execute(db)).rows[0]!.n;
  const count = () => countOf(sql`SELECT count(*) AS n FROM customers c WHERE ${where}`);

  const found = filter.search ? null : await count();
  // The customers there are, about (ids are seldom far apart): only what to read first depends on it.
  const all = () =>
    countOf(sql`SELECT coalesce((SELECT max(id) FROM customers) - (SELECT min(id) FROM customers) + 1, 0) AS n`);
  if (found === null || !readInOrder(found, await all(), filter)) {
    const [column, joins] = {
      // Not the sorts' indexes (+): the few customers a filter keeps are found through it.
      name: [sql`+c.name COLLATE NOCASE`, sql``],
      createdAt: [sql`+c.created_at`, sql``],
      lifetimeValue: [sql`coalesce(v.value_minor, 0)`, totals],
      lastPurchase: [sql`t.last_purchase_on`, totals],
      purchases: [sql`coalesce(t.purchases, 0)`, totals],
    }[filter.sort];
    const order = sql`ORDER BY ${column} ${dir} NULLS LAST, c.id`;
    // A search reads every customer's row, best in the table's order; a filter's few are in its index (migration 0016).
    const scan = filter.search ? sql`NOT INDEXED` : sql`INDEXED BY customers_filters`;
    // The page's ids first, so that only they are joined to their columns; a search counts in the same pass.
    const rows = await rowsOf(sql<ListedRow & { found: number }>`
      ${select}, p.found FROM (
        SELECT c.id, ${found === null ? sql`count(*) OVER ()` : sql`0`} AS found
        FROM customers c ${scan} ${joins} WHERE ${where} ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}
      ) p JOIN customers c ON c.id = p.id ${totals} ${order}`);
    const total = found ?? (rows.length > 0 ? (rows[0] as ListedRow & { found: number }).found : await count());
    return { total, items: rows.map(toSummary) };
  }
  if (filter.sort === 'name' || filter.sort === 'createdAt') {
    const [index, column] =
      filter.sort === 'name'
        ? ['customers_by_name', sql`c.name COLLATE NOCASE`]
        : ['customers_by_created', sql`c.created_at`];
    const rows = await rowsOf(sql`
      ${select} FROM customers c INDEXED BY ${sql.id(`${index}${desc ? '_desc' : ''}`)} ${totals} WHERE ${where}
      ORDER BY ${column} ${dir}, c.id LIMIT ${filter.limit} OFFSET ${filter.offset}`);
    return { total: found, items: rows.map(toSummary) };
  }
  const k = keyed(filter.sort, desc, currency);
  const hasKey = sql`EXISTS (SELECT 1 FROM ${k.table} k WHERE k.customer_id = c.id AND ${k.where})`;
  const withKey = (limit: number, offset: number) =>
    rowsOf(sql`
      ${select} FROM ${k.table} k INDEXED BY ${k.index} CROSS JOIN customers c ON c.id = k.customer_id ${totals}
      WHERE ${k.where} AND ${where} ORDER BY ${k.order} LIMIT ${limit} OFFSET ${offset}`);
  const without = (limit: number, offset: number) =>
    rowsOf(sql`
      ${select} FROM customers c NOT INDEXED ${totals} WHERE ${where} AND NOT ${hasKey}
      ORDER BY c.id LIMIT ${limit} OFFSET ${offset}`);
  const [first, second] = k.othersFirst ? [without, withKey] : [withKey, without];
  let rows = await first(filter.limit, filter.offset);
  if (rows.length < filter.limit) {
    // The first block ends on this page, or (a page past it) is counted.
    const firstBlock =
      rows.length > 0
        ? filter.offset + rows.length
        : await countOf(
            sql`SELECT count(*) AS n FROM customers c WHERE ${where} AND ${k.othersFirst ? sql`NOT` : sql``} ${hasKey}`,
          );
    rows = [...rows, ...(await second(filter.limit - rows.length, Math.max(0, filter.offset - firstBlock)))];
  }
  return { total: found, items: rows.map(toSummary) };
}

const toSummary = (r: ListedRow): CustomerSummary => ({
  ...toCustomer(r),
  purchases: r.purchases ?? 0,
  lifetimeValueMinor: r.ltv ?? 0,
  lastPurchase: r.last_purchase ?? null,
});

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
