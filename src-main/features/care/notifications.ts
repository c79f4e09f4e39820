import type { Kysely } from 'kysely';
import type { FollowUp } from './contract';
import type { DB } from '../../db/schema';
import { dueFollowUps } from './followups';

/** The ledger key: an item reminds once per due date (a snoozed item reminds again on its new date). */
export const notifiedKey = (item: Pick<FollowUp, 'id' | 'dueOn'>): string => `${item.id}@${item.dueOn}`;

/** Follow-ups due by `asOf` that have not been notified for that due date, in list order. */
export function newlyDue(items: readonly FollowUp[], notified: ReadonlySet<string>, asOf: string): FollowUp[] {
  return items.filter((item) => item.dueOn <= asOf && !notified.has(notifiedKey(item)));
}

/**
 * What to notify now, recorded in the ledger in the same transaction (run it inside one), so
 * each item notifies at most once per due date, across restarts and across the app and the
 * preview sharing a database. Rows for items no longer due (done, deleted, moved) are dropped,
 * which keeps the ledger as small as the list of due follow-ups.
 */
export async function dueNotifications(db: Kysely<DB>, asOf: string, now: Date): Promise<FollowUp[]> {
  const due = await dueFollowUps(db, asOf);
  const ledger = await db.selectFrom('care_notified').select(['item_id', 'due_on']).execute();
  const notified = new Set(ledger.map((r) => notifiedKey({ id: r.item_id, dueOn: r.due_on })));
  const fresh = newlyDue(due, notified, asOf);
  const current = new Set(due.map(notifiedKey));
  const gone = ledger.filter((r) => !current.has(notifiedKey({ id: r.item_id, dueOn: r.due_on })));
  for (const r of gone)
    await db.deleteFrom('care_notified').where('item_id', '=', r.item_id).where('due_on', '=', r.due_on).execute();
  const at = now.toISOString();
  for (let i = 0; i < fresh.length; i += 500)
    await db
      .insertInto('care_notified')
      .values(fresh.slice(i, i + 500).map((item) => ({ item_id: item.id, due_on: item.dueOn, notified_at: at })))
      .execute();
  return fresh;
}
