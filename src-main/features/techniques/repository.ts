import { sql, type Kysely } from 'kysely';
import type { Technique, TechniqueCategory } from './contract';
import type { DB, TechniqueRow } from '../../db/schema';

/** Names are unique case-insensitively (COLLATE NOCASE in the schema). */
export async function findTechniqueByName(db: Kysely<DB>, name: string): Promise<TechniqueRow | undefined> {
  return db.selectFrom('techniques').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function findTechniqueRow(db: Kysely<DB>, id: number): Promise<TechniqueRow | undefined> {
  return db.selectFrom('techniques').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The catalogue's names and starter keys, to tell which starter techniques are already there. */
export async function techniqueNamesAndKeys(db: Kysely<DB>): Promise<{ name: string; starter: string | null }[]> {
  return db.selectFrom('techniques').select(['name', 'starter']).execute();
}

export interface NewTechnique {
  name: string;
  category?: TechniqueCategory;
  description: string | null;
  steps?: readonly string[];
  source?: string | null;
  starter?: string | null;
  createdAt: string;
}

export async function insertTechnique(db: Kysely<DB>, t: NewTechnique): Promise<TechniqueRow> {
  return db
    .insertInto('techniques')
    .values({
      name: t.name,
      category: t.category ?? 'other',
      description: t.description,
      steps: JSON.stringify(t.steps ?? []),
      source: t.source ?? null,
      starter: t.starter ?? null,
      created_at: t.createdAt,
      updated_at: t.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface TechniqueFields {
  name: string;
  category: TechniqueCategory;
  description: string | null;
  steps: readonly string[];
  source: string | null;
}

/** Replaces what the seller edits; false when there is no such technique. */
export async function updateTechnique(
  db: Kysely<DB>,
  id: number,
  t: TechniqueFields,
  updatedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('techniques')
    .set({
      name: t.name,
      category: t.category,
      description: t.description,
      steps: JSON.stringify(t.steps),
      source: t.source,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Retired since `at` (kept as it was when already retired), or active again with null. */
export async function setRetired(db: Kysely<DB>, id: number, at: string | null, updatedAt: string): Promise<boolean> {
  const result = await db
    .updateTable('techniques')
    .set({ retired_at: at === null ? null : sql<string>`coalesce(retired_at, ${at})`, updated_at: updatedAt })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Moves everything that names `from` to `into` and deletes `from`: sales' and journal entries'
 * links (a sale or entry that named both keeps one link), goal filters (a goal narrowed by both
 * keeps one), experiments, and the names merged into `from` earlier. Records the merge. Nothing
 * else of `from` (description, steps, source) is copied. Runs in the caller's transaction.
 */
export async function mergeTechniques(
  db: Kysely<DB>,
  from: TechniqueRow,
  into: number,
  mergedAt: string,
): Promise<{ salesMoved: number; entriesMoved: number }> {
  const count = async (table: 'sale_techniques' | 'journal_entry_techniques'): Promise<number> =>
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('technique_id', '=', from.id)
        .executeTakeFirstOrThrow()
    ).n;
  const salesMoved = await count('sale_techniques');
  const entriesMoved = await count('journal_entry_techniques');
  await sql`INSERT OR IGNORE INTO sale_techniques (sale_id, technique_id)
    SELECT sale_id, ${into} FROM sale_techniques WHERE technique_id = ${from.id}`.execute(db);
  await db.deleteFrom('sale_techniques').where('technique_id', '=', from.id).execute();
  await sql`INSERT OR IGNORE INTO journal_entry_techniques (entry_id, technique_id)
    SELECT entry_id, ${into} FROM journal_entry_techniques WHERE technique_id = ${from.id}`.execute(db);
  await db.deleteFrom('journal_entry_techniques').where('technique_id', '=', from.id).execute();
  // goal_filters_value is unique per goal and value: a goal that named both keeps one row.
  await sql`UPDATE OR IGNORE goal_filters SET technique_id = ${into} WHERE technique_id = ${from.id}`.execute(db);
  await db.deleteFrom('goal_filters').where('technique_id', '=', from.id).execute();
  await db.updateTable('experiments').set({ technique_id: into }).where('technique_id', '=', from.id).execute();
  // Takeaways from the library follow their technique (the merged one's source stays with it, recorded below).
  await db.updateTable('library_takeaways').set({ technique_id: into }).where('technique_id', '=', from.id).execute();
  await db.updateTable('technique_merges').set({ survivor_id: into }).where('survivor_id', '=', from.id).execute();
  await db
    .insertInto('technique_merges')
    .values({
      survivor_id: into,
      merged_name: from.name,
      sales_moved: salesMoved,
      entries_moved: entriesMoved,
      merged_at: mergedAt,
    })
    .execute();
  await db.updateTable('techniques').set({ updated_at: mergedAt }).where('id', '=', into).execute();
  await db.deleteFrom('techniques').where('id', '=', from.id).execute();
  return { salesMoved, entriesMoved };
}

/** The catalogue, by name, with how many sales and entries name each technique. */
export async function listTechniques(db: Kysely<DB>, id?: number): Promise<Technique[]> {
  let query = db
    .selectFrom('techniques as t')
    .selectAll('t')
    .select([
      sql<number>`(SELECT count(*) FROM sale_techniques st WHERE st.technique_id = t.id)`.as('sales'),
      sql<number>`(SELECT count(*) FROM journal_entry_techniques jt WHERE jt.technique_id = t.id)`.as('entries'),
      sql<string>`(SELECT json_group_array(merged_name) FROM
        (SELECT merged_name FROM technique_merges m WHERE m.survivor_id = t.id ORDER BY m.id))`.as('merged_from'),
    ])
    .orderBy('t.name');
  if (id !== undefined) query = query.where('t.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    category: r.category,
    steps: JSON.parse(r.steps) as string[],
    source: r.source,
    retired: r.retired_at !== null,
    starter: r.starter,
    sales: r.sales,
    entries: r.entries,
    mergedFrom: JSON.parse(r.merged_from) as string[],
  }));
}
