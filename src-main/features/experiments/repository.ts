import { sql, type Kysely } from 'kysely';
import type { DB, ExperimentRow } from '../../db/schema';

/** An experiment with the technique it tries. */
export interface ExperimentRecord extends ExperimentRow {
  technique_name: string;
  technique_description: string | null;
}

function withTechnique(db: Kysely<DB>) {
  return db
    .selectFrom('experiments as e')
    .innerJoin('techniques as t', 't.id', 'e.technique_id')
    .selectAll('e')
    .select(['t.name as technique_name', 't.description as technique_description']);
}

export async function findExperiment(db: Kysely<DB>, id: number): Promise<ExperimentRecord | undefined> {
  return withTechnique(db).where('e.id', '=', id).executeTakeFirst();
}

export async function allExperiments(db: Kysely<DB>): Promise<ExperimentRecord[]> {
  return withTechnique(db).orderBy('e.started_on', 'desc').orderBy('e.id', 'desc').execute();
}

export async function findTechniqueState(
  db: Kysely<DB>,
  id: number,
): Promise<{ id: number; name: string; retired: boolean } | undefined> {
  const row = await db
    .selectFrom('techniques')
    .select(['id', 'name', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, retired: row.retired_at !== null };
}

export interface NewExperiment {
  techniqueId: number;
  hypothesis: string;
  startedOn: string;
  stopDeals: number | null;
  stopOn: string | null;
  segment: string | null;
  createdAt: string;
}

export async function insertExperiment(db: Kysely<DB>, e: NewExperiment): Promise<number> {
  const row = await db
    .insertInto('experiments')
    .values({
      technique_id: e.techniqueId,
      hypothesis: e.hypothesis,
      started_on: e.startedOn,
      stop_deals: e.stopDeals,
      stop_on: e.stopOn,
      segment: e.segment,
      created_at: e.createdAt,
      updated_at: e.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks an experiment concluded; false when it already was (nothing changes then). */
export async function markConcluded(
  db: Kysely<DB>,
  id: number,
  endedOn: string,
  entryId: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('experiments')
    .set({ ended_on: endedOn, conclusion_entry_id: entryId, updated_at: at })
    .where('id', '=', id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function deleteExperimentRow(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('experiments').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/**
 * The day the `n`th decided sale naming the technique closed, counting from `from` through
 * `to` in the segment (customers' segment; every customer when null), or null before there
 * are n. Sales that close on one day are in no further order, so every one of that day counts.
 */
export async function nthClosingDay(
  db: Kysely<DB>,
  techniqueId: number,
  segment: string | null,
  from: string,
  to: string,
  n: number,
): Promise<string | null> {
  const inSegment =
    segment === null ? sql`` : sql`AND s.customer_id IN (SELECT id FROM customers WHERE segment = ${segment})`;
  const { rows } = await sql<{ day: string }>`
    SELECT s.closed_on AS day FROM sale_techniques st JOIN sales s ON s.id = st.sale_id
    WHERE st.technique_id = ${techniqueId} AND s.status IN ('won', 'lost')
      AND s.closed_on BETWEEN ${from} AND ${to} ${inSegment}
    ORDER BY s.closed_on LIMIT 1 OFFSET ${n - 1}`.execute(db);
  return rows[0]?.day ?? null;
}
