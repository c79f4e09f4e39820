import type { Kysely } from 'kysely';
import type { Product } from './contract';
import type { DB, ProductRow } from '../../db/schema';

export const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  name: r.name,
  category: r.category,
  listPriceMinor: r.list_price_minor,
  currency: r.currency,
});

export async function listProducts(db: Kysely<DB>): Promise<Product[]> {
  const rows = await db.selectFrom('products').selectAll().orderBy('name').execute();
  return rows.map(toProduct);
}

/** Names are unique case-insensitively (COLLATE NOCASE in the schema). */
export async function findProductByName(db: Kysely<DB>, name: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertProduct(
  db: Kysely<DB>,
  p: { name: string; category: string | null; listPriceMinor: number | null; currency: string; createdAt: string },
): Promise<ProductRow> {
  return db
    .insertInto('products')
    .values({
      name: p.name,
      category: p.category,
      list_price_minor: p.listPriceMinor,
      currency: p.currency,
      created_at: p.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countExisting(db: Kysely<DB>, table: 'products' | 'techniques', ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return row.n;
}
