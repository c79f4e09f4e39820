import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Sale, SaleQuery } from './contract';
import type { DB, NewSaleRow } from '../../db/schema';
import { baseQuery, saleDate, SALE_COLUMNS, toSales } from '../../db/saleRows';
export { getSale } from '../../db/saleRows';

export type SaleFilter = z.output<typeof SaleQuery>;

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

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
    items: await toSales(
      db,
      ids.map((r) => byId.get(r.id)!),
    ),
    total: count.n,
  };
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
