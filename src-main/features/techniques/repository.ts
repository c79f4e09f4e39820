import { sql, type Kysely } from 'kysely';
import type { Technique, TechniqueCategory } from './contract';
import type { DB, TechniqueRow } from '../../db/schema';

/** Names are unique case-insensitively (COLLATE NOCASE in the schema). */
export async function findTechniqueByName(db: Kysely<DB>, name: string): Promise<TechniqueRow | undefined> {
  return db.selectFrom('techniques').selectAll().where('name', '=', name).executeTakeFirst();
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
