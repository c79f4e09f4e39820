import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { notFound } from '../../kernel/errors';
import type { LibraryKind, LibraryStatus } from './contract';

/**
 * What other features ask of the library for learning: moving an action item's due day (a
 * follow-up's snooze; ticking one is setActionDone in service.ts, the one way an action is
 * ticked), and the learning plan (the goals timeline). Care reads the open action items
 * itself (care/facts.ts) and is handed these writes (ipc/assemble.ts): the library imports
 * what imports care, so care cannot import the library.
 */

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
