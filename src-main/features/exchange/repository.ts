import type { Kysely } from 'kysely';
import type { CustomerRow, DB } from '../../db/schema';
import { baseQuery, SALE_COLUMNS } from '../../db/saleRows';

/**
 * Pages for exports, in id order and keyed on the last id seen (not OFFSET, which would
 * re-walk every earlier row on each page): one page in memory at a time, whatever the size
 * of the database.
 */

type SaleJoinRow = Awaited<ReturnType<typeof exportQuery>>[number];
export type SaleExportRow = SaleJoinRow & { techniques: { id: number; name: string }[] };

function exportQuery(db: Kysely<DB>, afterId: number, limit: number) {
  return baseQuery(db)
    .select([...SALE_COLUMNS, 'c.email as customer_email', 's.external_id'])
    .where('s.id', '>', afterId)
    .orderBy('s.id')
    .limit(limit)
    .execute();
}

export async function salesPage(db: Kysely<DB>, afterId: number, limit: number): Promise<SaleExportRow[]> {
  const rows = await exportQuery(db, afterId, limit);
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
