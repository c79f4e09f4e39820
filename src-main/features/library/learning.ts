import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError, notFound } from '../../kernel/errors';
import type { LibraryKind, LibraryStatus } from './contract';

/**
 * What other features read of the library for learning: the open action items with a due day
 * (care's follow-ups), moving one's due day (a follow-up's snooze), and the learning plan
 * (the goals timeline). Done is setActionDone (service.ts), the one way an action is ticked.
 */

/** An action item still to do, with the item it came from. */
export interface OpenActionRow {
  id: number;
  item_id: number;
  item_title: string;
  item_kind: LibraryKind;
  text: string;
  due_on: string;
}

/**
 * Open action items that have a due day (undated ones are notes to self, not follow-ups);
 * only those due by `dueBy` when given. Read through library_actions_open (due_on, open
 * ones only): a few dozen rows however large the library.
 */
export async function openDatedActions(db: Kysely<DB>, dueBy?: string): Promise<OpenActionRow[]> {
  let q = db
    .selectFrom('library_actions as a')
    .innerJoin('library_items as i', 'i.id', 'a.item_id')
    .select(['a.id', 'a.item_id', 'i.title as item_title', 'i.kind as item_kind', 'a.text', 'a.due_on'])
    .where('a.done_at', 'is', null)
    .where('a.due_on', 'is not', null);
  if (dueBy !== undefined) q = q.where('a.due_on', '<=', dueBy);
  return (await q.execute()) as OpenActionRow[];
}

/**
 * The due day of an open, dated action item: what a follow-up's snooze moves. A done or
 * undated one is no current follow-up (`failures.notCurrentFollowUp`, naming `followUpId`).
 */
export async function openActionDue(db: Kysely<DB>, id: number, followUpId: string): Promise<string> {
  const row = await db
    .selectFrom('library_actions')
    .select(['due_on', 'done_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Action item', id);
  if (row.done_at !== null || row.due_on === null)
    throw new AppError('not_found', 'failures.notCurrentFollowUp', undefined, { id: followUpId });
  return row.due_on;
}

/** Moves an action item's due day (its follow-up snoozed or rescheduled). */
export async function setActionDue(db: Kysely<DB>, id: number, dueOn: string): Promise<void> {
  const result = await db.updateTable('library_actions').set({ due_on: dueOn }).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('Action item', id);
}

/** An item queued with the day the seller means to finish it by. */
export interface PlannedItemRow {
  id: number;
  kind: LibraryKind;
  title: string;
  status: LibraryStatus;
  planned_on: string;
  finished_on: string | null;
}

/**
 * The learning plan from `from` through `to`: items whose target day falls in it, abandoned
 * ones left out (they are off the plan), by target day. Read through library_items_planned.
 */
export async function plannedItems(db: Kysely<DB>, from: string, to: string): Promise<PlannedItemRow[]> {
  return (await db
    .selectFrom('library_items')
    .select(['id', 'kind', 'title', 'status', 'planned_on', 'finished_on'])
    .where('planned_on', '>=', from)
    .where('planned_on', '<=', to)
    .where('status', '<>', 'abandoned')
    .orderBy('planned_on')
    .orderBy('id')
    .execute()) as PlannedItemRow[];
}
