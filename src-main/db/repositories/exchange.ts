import type { Kysely } from 'kysely';
import type { CustomerRow, DB } from '../schema';

/**
 * Pages for exports, in id order and keyed on the last id seen (not OFFSET, which would
 * re-walk every earlier row on each page): one page in memory at a time, whatever the size
 * of the database.
 */

export interface SaleExportRow {
  id: number;
  title: string;
  customer_id: number;
  customer_name: string;
  customer_email: string | null;
  product_id: number | null;
  product_name: string | null;
  amount_minor: number;
  currency: string;
  status: string;
  stage: string | null;
  opened_on: string;
  closed_on: string | null;
  satisfaction: number | null;
  nps: number | null;
  lost_reason: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  external_id: string | null;
  techniques: { id: number; name: string }[];
}

export async function salesPage(db: Kysely<DB>, afterId: number, limit: number): Promise<SaleExportRow[]> {
  const rows = await db
    .selectFrom('sales as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('products as p', 'p.id', 's.product_id')
    .select([
      's.id',
      's.title',
      's.customer_id',
      'c.name as customer_name',
      'c.email as customer_email',
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
      's.external_id',
    ])
    .where('s.id', '>', afterId)
    .orderBy('s.id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('sale_techniques as st')
    .innerJoin('techniques as t', 't.id', 'st.technique_id')
    .select(['st.sale_id', 't.id', 't.name'])
    .where('st.sale_id', '>=', rows[0]!.id)
    .where('st.sale_id', '<=', rows.at(-1)!.id)
    .orderBy('st.sale_id')
    .orderBy('t.name')
    .execute();
  const bySale = new Map<number, { id: number; name: string }[]>();
  for (const link of links) {
    const list = bySale.get(link.sale_id) ?? [];
    list.push({ id: link.id, name: link.name });
    bySale.set(link.sale_id, list);
  }
  return rows.map((r) => ({ ...r, techniques: bySale.get(r.id) ?? [] }));
}

export async function customersPage(db: Kysely<DB>, afterId: number, limit: number): Promise<CustomerRow[]> {
  return db.selectFrom('customers').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}
