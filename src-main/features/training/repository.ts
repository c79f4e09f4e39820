import { sql, type Insertable, type Kysely } from 'kysely';
import type { TrainingNote, TrainingSubject } from './contract';
import type { DB, TrainingNoteTable } from '../../db/schema';

/** A note's columns as the service writes them. */
export type NoteRow = Omit<Insertable<TrainingNoteTable>, 'id' | 'created_at'>;

/** Products first, then segments, then industries; each by its name, whatever the case. */
const SUBJECT_ORDER = sql<number>`CASE n.subject WHEN 'product' THEN 0 WHEN 'segment' THEN 1 ELSE 2 END`;

function notes(db: Kysely<DB>) {
  return db
    .selectFrom('training_notes as n')
    .leftJoin('products as p', 'p.id', 'n.product_id')
    .selectAll('n')
    .select('p.name as product_name');
}

type Joined = Awaited<ReturnType<ReturnType<typeof notes>['execute']>>[number];

function toNote(r: Joined): TrainingNote {
  return {
    id: r.id,
    subject: r.subject,
    product: r.product_id !== null && r.product_name !== null ? { id: r.product_id, name: r.product_name } : null,
    name: r.name,
    features: r.features,
    benefits: r.benefits,
    pricing: r.pricing,
    who: r.who,
    caresAbout: r.cares_about,
    whatWorks: r.what_works,
    objections: JSON.parse(r.objections) as TrainingNote['objections'],
    body: r.body,
    updatedAt: r.updated_at,
  };
}

export async function listNotes(db: Kysely<DB>, subject?: TrainingSubject): Promise<TrainingNote[]> {
  let q = notes(db);
  if (subject !== undefined) q = q.where('n.subject', '=', subject);
  const rows = await q
    .orderBy(SUBJECT_ORDER)
    .orderBy(sql`coalesce(n.name, p.name) COLLATE NOCASE`)
    .orderBy('n.id')
    .execute();
  return rows.map(toNote);
}

export async function findNote(db: Kysely<DB>, id: number): Promise<TrainingNote | undefined> {
  const row = await notes(db).where('n.id', '=', id).executeTakeFirst();
  return row && toNote(row);
}

/** The product's note, if it has one. */
export async function noteOfProduct(db: Kysely<DB>, productId: number): Promise<TrainingNote | undefined> {
  const row = await notes(db).where('n.product_id', '=', productId).executeTakeFirst();
  return row && toNote(row);
}

/** Every segment's (or industry's) note: few enough to compare their names in full Unicode. */
export async function groupNotes(db: Kysely<DB>, subject: 'segment' | 'industry'): Promise<TrainingNote[]> {
  return (await notes(db).where('n.subject', '=', subject).orderBy('n.id').execute()).map(toNote);
}

export async function insertNote(db: Kysely<DB>, row: NoteRow & { created_at: string }): Promise<number> {
  const { id } = await db.insertInto('training_notes').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** False when there is no such note. */
export async function updateNote(db: Kysely<DB>, id: number, row: NoteRow): Promise<boolean> {
  const result = await db.updateTable('training_notes').set(row).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteNote(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('training_notes').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function productExists(db: Kysely<DB>, id: number): Promise<boolean> {
  return (await db.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** A customer's segment and industry as the customer carries them; undefined when there is no such customer. */
export async function customerGroups(
  db: Kysely<DB>,
  id: number,
): Promise<{ segment: string | null; industry: string | null } | undefined> {
  return db.selectFrom('customers').select(['segment', 'industry']).where('id', '=', id).executeTakeFirst();
}

/** The segments and industries the customers carry, once each whatever the case (the most used spelling). */
export async function customerGroupNames(db: Kysely<DB>): Promise<{ segments: string[]; industries: string[] }> {
  const names = async (column: 'segment' | 'industry'): Promise<string[]> => {
    const { rows } = await sql<{ name: string; n: number }>`
      SELECT trim(${sql.ref(column)}) AS name, count(*) AS n FROM customers
      WHERE ${sql.ref(column)} IS NOT NULL AND trim(${sql.ref(column)}) <> ''
      GROUP BY trim(${sql.ref(column)})`.execute(db);
    const best = new Map<string, { name: string; n: number }>();
    for (const row of rows) {
      const key = row.name.toLowerCase();
      const seen = best.get(key);
      if (!seen || row.n > seen.n) best.set(key, row);
    }
    return [...best.values()].map((r) => r.name).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  };
  return { segments: await names('segment'), industries: await names('industry') };
}
