import { sql, type Insertable, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { JournalEntry, JournalQuery } from './contract';
import type { DB, JournalEntryTable } from '../../db/schema';
import type { TechniqueRef } from '../techniques/contract';

export type JournalFilter = z.output<typeof JournalQuery>;
export type EntryRow = Omit<Insertable<JournalEntryTable>, 'id' | 'sample' | 'created_at'>;

export async function insertEntry(
  db: Kysely<DB>,
  row: EntryRow & { created_at: string; sample?: number },
  techniqueIds: readonly number[],
): Promise<number> {
  const { id } = await db.insertInto('journal_entries').values(row).returning('id').executeTakeFirstOrThrow();
  await linkTechniques(db, id, techniqueIds);
  return id;
}

/** False when there is no such entry. Its techniques are replaced by `techniqueIds`. */
export async function updateEntry(
  db: Kysely<DB>,
  id: number,
  row: EntryRow,
  techniqueIds: readonly number[],
): Promise<boolean> {
  const result = await db.updateTable('journal_entries').set(row).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await db.deleteFrom('journal_entry_techniques').where('entry_id', '=', id).execute();
  await linkTechniques(db, id, techniqueIds);
  return true;
}

export async function deleteEntry(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('journal_entries').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

async function linkTechniques(db: Kysely<DB>, entryId: number, techniqueIds: readonly number[]): Promise<void> {
  const unique = [...new Set(techniqueIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('journal_entry_techniques')
    .values(unique.map((technique_id) => ({ entry_id: entryId, technique_id })))
    .execute();
}

/** How many of `ids` exist in `table`. */
export async function countIds(
  db: Kysely<DB>,
  table: 'customers' | 'techniques',
  ids: readonly number[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', [...ids])
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function saleCustomer(db: Kysely<DB>, saleId: number): Promise<number | undefined> {
  const row = await db.selectFrom('sales').select('customer_id').where('id', '=', saleId).executeTakeFirst();
  return row?.customer_id;
}

/**
 * One page, newest first by (entry date, id). Filtering, ordering and paging run over entry ids
 * on the (entry_date, id) index; only the page's rows are then joined.
 */
export async function listEntries(db: Kysely<DB>, f: JournalFilter): Promise<{ items: JournalEntry[]; total: number }> {
  let q = db.selectFrom('journal_entries as e');
  if (f.customerId !== undefined) q = q.where('e.customer_id', '=', f.customerId);
  if (f.saleId !== undefined) q = q.where('e.sale_id', '=', f.saleId);
  if (f.outcome !== undefined) q = q.where('e.outcome', '=', f.outcome);
  if (f.from !== undefined) q = q.where('e.entry_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('e.entry_date', '<=', f.to);
  if (f.techniqueId !== undefined) {
    const techniqueId = f.techniqueId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('journal_entry_techniques as jt')
          .select('jt.entry_id')
          .whereRef('jt.entry_id', '=', 'e.id')
          .where('jt.technique_id', '=', techniqueId),
      ),
    );
  }
  if (f.tag !== undefined)
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(e.tags) WHERE value = ${f.tag} COLLATE NOCASE)`);
  const [ids, count] = await Promise.all([
    q.select('e.id').orderBy('e.entry_date', 'desc').orderBy('e.id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await entriesByIds(
      db,
      ids.map((r) => r.id),
    ),
    total: count.n,
  };
}

/** The entries of `ids`, in that order, with their customer, sale (as it stands now) and techniques. */
export async function entriesByIds(db: Kysely<DB>, ids: readonly number[]): Promise<JournalEntry[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('journal_entries as e')
    .leftJoin('customers as c', 'c.id', 'e.customer_id')
    .leftJoin('sales as s', 's.id', 'e.sale_id')
    .selectAll('e')
    .select([
      'c.name as customer_name',
      's.title as sale_title',
      's.status as sale_status',
      's.closed_on as sale_closed_on',
      's.amount_minor as sale_amount_minor',
      's.currency as sale_currency',
      sql<number | null>`(SELECT min(x.id) FROM experiments x WHERE x.conclusion_entry_id = e.id)`.as('experiment_id'),
    ])
    .where('e.id', 'in', [...ids])
    .execute();
  const links = await db
    .selectFrom('journal_entry_techniques as jt')
    .innerJoin('techniques as t', 't.id', 'jt.technique_id')
    .select(['jt.entry_id', 't.id', 't.name', 't.description'])
    .where('jt.entry_id', 'in', [...ids])
    .orderBy('t.name')
    .execute();
  const techniques = new Map<number, TechniqueRef[]>();
  for (const l of links) {
    const list = techniques.get(l.entry_id) ?? [];
    list.push({ id: l.id, name: l.name, description: l.description });
    techniques.set(l.entry_id, list);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const entry: JournalEntry = {
      id: r.id,
      date: r.entry_date,
      title: r.title,
      situation: r.situation,
      customer:
        r.customer_id !== null && r.customer_name !== null ? { id: r.customer_id, name: r.customer_name } : null,
      sale:
        r.sale_id !== null && r.sale_title !== null
          ? {
              id: r.sale_id,
              title: r.sale_title,
              status: r.sale_status!,
              closedOn: r.sale_closed_on,
              amountMinor: r.sale_amount_minor!,
              currency: r.sale_currency!,
            }
          : null,
      techniques: techniques.get(r.id) ?? [],
      action: r.action,
      outcome: r.outcome,
      learned: r.learned,
      nextTime: r.next_time,
      confidence: r.confidence,
      tags: JSON.parse(r.tags) as string[],
      body: r.body,
      experimentId: r.experiment_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
    return [entry];
  });
}

/** Every tag in use with the entries that carry it, most used first (then alphabetically). */
export async function tagCounts(db: Kysely<DB>): Promise<{ tag: string; count: number }[]> {
  const { rows } = await sql<{ tag: string; count: number }>`
    SELECT j.value AS tag, count(*) AS count
    FROM journal_entries e, json_each(e.tags) j
    GROUP BY j.value COLLATE NOCASE
    ORDER BY count DESC, tag COLLATE NOCASE`.execute(db);
  return rows;
}

/** Customers of exactly this name, whatever its case (found through the name key, then compared whole). */
export async function customersNamed(
  db: Kysely<DB>,
  name: string,
  key: string,
): Promise<{ id: number; name: string }[]> {
  const wanted = name.trim().toLowerCase();
  const rows = await db.selectFrom('customers').select(['id', 'name']).where('name_key', '=', key).execute();
  return rows.filter((r) => r.name.trim().toLowerCase() === wanted);
}
