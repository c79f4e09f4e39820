import { sql, type Kysely } from 'kysely';
import type { Sale } from '../features/sales/contract';
import type { TechniqueRef as Technique } from '../features/techniques/contract';
import type { DB, TechniqueRow } from './schema';

/**
 * The sales table read as the contract's `Sale` (with its customer's and product's names and
 * its techniques). One read model for every feature that shows sales — the log, a customer's
 * page and timeline, the exports — so a sale reads the same everywhere; writes stay in the
 * sales feature.
 */

export const toTechnique = (r: Pick<TechniqueRow, 'id' | 'name' | 'description'>): Technique => ({
  id: r.id,
  name: r.name,
  description: r.description,
});

/** A sale's business date: closed, or opened while still open. Indexed (see 0001). */
export const saleDate = sql<string>`coalesce(s.closed_on, s.opened_on)`;

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

export type SaleJoinRow = Awaited<
  ReturnType<ReturnType<ReturnType<typeof baseQuery>['select']>['executeTakeFirstOrThrow']>
>;

export async function toSales(db: Kysely<DB>, rows: SaleJoinRow[]): Promise<Sale[]> {
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
  return row ? (await toSales(db, [row]))[0] : undefined;
}

export async function salesOfCustomer(db: Kysely<DB>, customerId: number): Promise<Sale[]> {
  const rows = await baseQuery(db)
    .select(SALE_COLUMNS)
    .where('s.customer_id', '=', customerId)
    .orderBy(saleDate, 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return toSales(db, rows);
}
