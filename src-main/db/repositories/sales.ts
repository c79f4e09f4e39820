import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Sale, SaleQuery, Technique } from '../../shared/domain';
import type { DB, NewSaleRow } from '../schema';
import { toTechnique } from './catalog';

export type SaleFilter = z.output<typeof SaleQuery>;

/** A sale's business date: closed, or opened while still open. Indexed (see 0001). */
const saleDate = sql<string>`coalesce(s.closed_on, s.opened_on)`;
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Sales joined with their customer and product; the log and the exporter select from it. */
export function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('sales as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('products as p', 'p.id', 's.product_id');
}

export const SALE_COLUMNS = [
  's.id',
  's.title',
  's.customer_id',
  'c.name as customer_name',
  's.product_id',
  'p.name as product_name',
  's.amount_minor',
  's.currency',
  's.status',
  's.stage',
  's.opened_on',
  's.closed_on',
  's.satisfaction',
  's.nps',
  's.lost_reason',
  's.notes',
  's.created_at',
  's.updated_at',
] as const;

type SaleJoinRow = Awaited<ReturnType<ReturnType<ReturnType<typeof baseQuery>['select']>['executeTakeFirstOrThrow']>>;

async function withTechniques(db: Kysely<DB>, rows: SaleJoinRow[]): Promise<Sale[]> {
  const byId = new Map<number, Technique[]>();
  if (rows.length > 0) {
    const links = await db
      .selectFrom('sale_techniques as st')
      .innerJoin('techniques as t', 't.id', 'st.technique_id')
      .select(['st.sale_id', 't.id', 't.name', 't.description'])
      .where(
        'st.sale_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('t.name')
      .execute();
    for (const link of links) {
      const list = byId.get(link.sale_id) ?? [];
      list.push(toTechnique(link));
      byId.set(link.sale_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    customerId: r.customer_id,
    customerName: r.customer_name,
    productId: r.product_id,
    productName: r.product_name,
    amountMinor: r.amount_minor,
    currency: r.currency,
    status: r.status,
    stage: r.stage,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    techniques: byId.get(r.id) ?? [],
    satisfaction: r.satisfaction,
    nps: r.nps,
    lostReason: r.lost_reason,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function getSale(db: Kysely<DB>, id: number): Promise<Sale | undefined> {
  const row = await baseQuery(db).select(SALE_COLUMNS).where('s.id', '=', id).executeTakeFirst();
  return row ? (await withTechniques(db, [row]))[0] : undefined;
}

/**
 * One page of the log. Filtering, sorting and paging run over sale ids alone (joining
 * customers and products only when the search or the sort needs them), then only the page's
 * 50 rows are joined: at 100,000 sales a deep OFFSET then walks an index, not joined rows.
 */
export async function listSales(db: Kysely<DB>, filter: SaleFilter): Promise<{ items: Sale[]; total: number }> {
  const needsCustomer = Boolean(filter.search) || filter.sort === 'customer';
  let q = db
    .selectFrom('sales as s')
    .$if(needsCustomer, (qb) => qb.innerJoin('customers as c', 'c.id', 's.customer_id'))
    .$if(Boolean(filter.search), (qb) => qb.leftJoin('products as p', 'p.id', 's.product_id'));
  if (filter.statuses && filter.statuses.length > 0) q = q.where('s.status', 'in', filter.statuses);
  if (filter.from) q = q.where(saleDate, '>=', filter.from);
  if (filter.to) q = q.where(saleDate, '<=', filter.to);
  if (filter.customerId) q = q.where('s.customer_id', '=', filter.customerId);
  if (filter.productId) q = q.where('s.product_id', '=', filter.productId);
  if (filter.techniqueId) {
    const techniqueId = filter.techniqueId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('sale_techniques as st')
          .select('st.sale_id')
          .whereRef('st.sale_id', '=', 's.id')
          .where('st.technique_id', '=', techniqueId),
      ),
    );
  }
  if (filter.search) {
    const like = `%${escapeLike(filter.search)}%`;
    q = q.where(
      sql<boolean>`(s.title LIKE ${like} ESCAPE '\\' OR c.name LIKE ${like} ESCAPE '\\'
        OR p.name LIKE ${like} ESCAPE '\\' OR s.notes LIKE ${like} ESCAPE '\\')`,
    );
  }
  const sortColumn = {
    date: saleDate,
    amount: sql`s.amount_minor`,
    customer: sql`c.name COLLATE NOCASE`,
    title: sql`s.title COLLATE NOCASE`,
    status: sql`s.status`,
  }[filter.sort];
  const direction = filter.dir === 'asc' ? sql`ASC` : sql`DESC`;
  const [ids, count] = await Promise.all([
    q
      .select('s.id')
      .orderBy(sql`${sortColumn} ${direction}`)
      .orderBy(sql`s.id ${direction}`)
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  if (ids.length === 0) return { items: [], total: count.n };
  const rows = await baseQuery(db)
    .select(SALE_COLUMNS)
    .where(
      's.id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: await withTechniques(
      db,
      ids.map((r) => byId.get(r.id)!),
    ),
    total: count.n,
  };
}

export async function salesOfCustomer(db: Kysely<DB>, customerId: number): Promise<Sale[]> {
  const rows = await baseQuery(db)
    .select(SALE_COLUMNS)
    .where('s.customer_id', '=', customerId)
    .orderBy(saleDate, 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return withTechniques(db, rows);
}

export async function insertSale(db: Kysely<DB>, row: NewSaleRow, techniqueIds: readonly number[]): Promise<number> {
  const { id } = await db.insertInto('sales').values(row).returning('id').executeTakeFirstOrThrow();
  await linkTechniques(db, id, techniqueIds);
  return id;
}

export async function updateSale(
  db: Kysely<DB>,
  id: number,
  row: Omit<NewSaleRow, 'created_at'>,
  techniqueIds: readonly number[],
): Promise<boolean> {
  const result = await db.updateTable('sales').set(row).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await db.deleteFrom('sale_techniques').where('sale_id', '=', id).execute();
  await linkTechniques(db, id, techniqueIds);
  return true;
}

export async function deleteSale(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('sales').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

async function linkTechniques(db: Kysely<DB>, saleId: number, techniqueIds: readonly number[]): Promise<void> {
  const unique = [...new Set(techniqueIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('sale_techniques')
    .values(unique.map((technique_id) => ({ sale_id: saleId, technique_id })))
    .execute();
}
