import type { Insertable, Kysely } from 'kysely';
import type { GoalValue } from './contract/api';
import type {
  DB,
  GoalChangeRow,
  GoalChangeTable,
  GoalMilestoneRow,
  GoalMilestoneTable,
  GoalPeriodResultRow,
  GoalRow,
  GoalTable,
  GoalValueRow,
} from '../../db/schema';

import type { GoalFilterValues } from '../metrics';

export type { GoalFilterValues };

/** Goals and everything kept with them; each function takes the database or a transaction. */

export async function insertGoal(db: Kysely<DB>, row: Insertable<GoalTable>): Promise<number> {
  const { id } = await db.insertInto('goals').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateGoal(db: Kysely<DB>, id: number, patch: Partial<Insertable<GoalTable>>): Promise<void> {
  await db.updateTable('goals').set(patch).where('id', '=', id).execute();
}

export async function findGoal(db: Kysely<DB>, id: number): Promise<GoalRow | undefined> {
  return db.selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listGoals(db: Kysely<DB>, archived: 'active' | 'archived' | 'all'): Promise<GoalRow[]> {
  let query = db.selectFrom('goals').selectAll();
  if (archived === 'active') query = query.where('archived_at', 'is', null);
  if (archived === 'archived') query = query.where('archived_at', 'is not', null);
  return query.orderBy('id').execute();
}

// ---- filters ------------------------------------------------------------------------------

export async function filtersOf(db: Kysely<DB>, goalIds: readonly number[]): Promise<Map<number, GoalFilterValues>> {
  const byGoal = new Map<number, GoalFilterValues>(
    goalIds.map((id) => [id, { productIds: [], segments: [], techniqueIds: [] }]),
  );
  if (goalIds.length === 0) return byGoal;
  const rows = await db
    .selectFrom('goal_filters')
    .selectAll()
    .where('goal_id', 'in', goalIds)
    .orderBy('product_id')
    .orderBy('technique_id')
    .orderBy('segment')
    .execute();
  for (const r of rows) {
    const f = byGoal.get(r.goal_id)!;
    if (r.product_id !== null) f.productIds.push(r.product_id);
    else if (r.technique_id !== null) f.techniqueIds.push(r.technique_id);
    else f.segments.push(r.segment!);
  }
  return byGoal;
}

export async function replaceFilters(db: Kysely<DB>, goalId: number, filters: GoalFilterValues): Promise<void> {
  await db.deleteFrom('goal_filters').where('goal_id', '=', goalId).execute();
  const rows = [
    ...filters.productIds.map((id) => ({ goal_id: goalId, product_id: id, technique_id: null, segment: null })),
    ...filters.techniqueIds.map((id) => ({ goal_id: goalId, product_id: null, technique_id: id, segment: null })),
    ...filters.segments.map((s) => ({ goal_id: goalId, product_id: null, technique_id: null, segment: s })),
  ];
  if (rows.length > 0) await db.insertInto('goal_filters').values(rows).execute();
}

/** Rows listed under their goal, in the order read; every asked goal present (none: an empty list). */
function groupByGoal<R extends { goal_id: number }>(goalIds: readonly number[], rows: readonly R[]): Map<number, R[]> {
  const byGoal = new Map<number, R[]>(goalIds.map((id) => [id, []]));
  for (const r of rows) byGoal.get(r.goal_id)!.push(r);
  return byGoal;
}

// ---- milestones ---------------------------------------------------------------------------

export async function milestonesOf(
  db: Kysely<DB>,
  goalIds: readonly number[],
): Promise<Map<number, GoalMilestoneRow[]>> {
  if (goalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('goal_milestones')
    .selectAll()
    .where('goal_id', 'in', goalIds)
    .orderBy('goal_id')
    .orderBy('position')
    .execute();
  return groupByGoal(goalIds, rows);
}

export async function findMilestone(db: Kysely<DB>, id: number): Promise<GoalMilestoneRow | undefined> {
  return db.selectFrom('goal_milestones').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMilestone(db: Kysely<DB>, row: Insertable<GoalMilestoneTable>): Promise<void> {
  await db.insertInto('goal_milestones').values(row).execute();
}

export async function updateMilestone(
  db: Kysely<DB>,
  id: number,
  patch: Partial<Insertable<GoalMilestoneTable>>,
): Promise<void> {
  await db.updateTable('goal_milestones').set(patch).where('id', '=', id).execute();
}

/** Removes the goal's milestones other than `keep`. */
export async function deleteMilestonesExcept(db: Kysely<DB>, goalId: number, keep: readonly number[]): Promise<void> {
  let query = db.deleteFrom('goal_milestones').where('goal_id', '=', goalId);
  if (keep.length > 0) query = query.where('id', 'not in', keep);
  await query.execute();
}

// ---- the change history -------------------------------------------------------------------

export async function insertChange(db: Kysely<DB>, row: Insertable<GoalChangeTable>): Promise<void> {
  await db.insertInto('goal_changes').values(row).execute();
}

export async function changesOf(db: Kysely<DB>, goalIds: readonly number[]): Promise<Map<number, GoalChangeRow[]>> {
  if (goalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('goal_changes')
    .selectAll()
    .where('goal_id', 'in', goalIds)
    .orderBy('changed_on')
    .orderBy('id')
    .execute();
  return groupByGoal(goalIds, rows);
}

// ---- custom-metric values -----------------------------------------------------------------

export const toGoalValue = (r: GoalValueRow): GoalValue => ({
  id: r.id,
  goalId: r.goal_id,
  date: r.on_date,
  value: r.value,
  note: r.note,
  createdAt: r.created_at,
});

export async function insertValues(
  db: Kysely<DB>,
  rows: readonly { goal_id: number; on_date: string; value: number; note: string | null; created_at: string }[],
): Promise<GoalValueRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('goal_values')
    .values([...rows])
    .returningAll()
    .execute();
}

export async function listValues(
  db: Kysely<DB>,
  q: { goalId: number; from?: string | undefined; to?: string | undefined; limit: number; offset: number },
): Promise<{ items: GoalValue[]; total: number }> {
  let query = db.selectFrom('goal_values').where('goal_id', '=', q.goalId);
  if (q.from !== undefined) query = query.where('on_date', '>=', q.from);
  if (q.to !== undefined) query = query.where('on_date', '<=', q.to);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('on_date', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toGoalValue), total: total.n };
}

export async function findValue(db: Kysely<DB>, id: number): Promise<GoalValueRow | undefined> {
  return db.selectFrom('goal_values').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteValue(db: Kysely<DB>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('goal_values').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// ---- closed periods -----------------------------------------------------------------------

export async function periodResultsOf(db: Kysely<DB>, goalId: number): Promise<Map<string, GoalPeriodResultRow>> {
  const rows = await db.selectFrom('goal_period_results').selectAll().where('goal_id', '=', goalId).execute();
  return new Map(rows.map((r) => [r.from_on, r]));
}

/** Records results of periods first seen closed; one already recorded is left as it is. */
export async function recordPeriodResults(db: Kysely<DB>, rows: readonly GoalPeriodResultRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('goal_period_results')
    .values([...rows])
    .onConflict((oc) => oc.columns(['goal_id', 'from_on']).doNothing())
    .execute();
}

// ---- the app-wide work calendar -----------------------------------------------------------

export async function listBreaks(db: Kysely<DB>): Promise<{ from: string; to: string; label: string }[]> {
  const rows = await db.selectFrom('work_breaks').selectAll().orderBy('from_on').orderBy('id').execute();
  return rows.map((r) => ({ from: r.from_on, to: r.to_on, label: r.label }));
}

export async function replaceBreaks(
  db: Kysely<DB>,
  breaks: readonly { from: string; to: string; label: string }[],
): Promise<void> {
  await db.deleteFrom('work_breaks').execute();
  if (breaks.length > 0)
    await db
      .insertInto('work_breaks')
      .values(breaks.map((b) => ({ from_on: b.from, to_on: b.to, label: b.label })))
      .execute();
}

// ---- nudges -------------------------------------------------------------------------------

export async function nudgedOn(db: Kysely<DB>, day: string): Promise<Set<number>> {
  const rows = await db.selectFrom('goal_nudges').select('goal_id').where('on_date', '=', day).execute();
  return new Set(rows.map((r) => r.goal_id));
}

export async function recordNudges(
  db: Kysely<DB>,
  rows: readonly { goal_id: number; on_date: string; status: 'behind' | 'at_risk'; nudged_at: string }[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('goal_nudges')
      .values([...rows])
      .execute();
}
