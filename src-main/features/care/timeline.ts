import type { Kysely } from 'kysely';
import type { TimelineEntry } from './contract';
import type { DB } from '../../db/schema';
import { findCustomer } from '../customers';
import { salesOfCustomer } from '../../db/saleRows';
import { complaintsOfCustomer, interactionsOfCustomer, listCheckIns } from './repository';
import { notFound } from '../../kernel/errors';

const TYPE_ORDER: Record<TimelineEntry['type'], number> = { complaint: 0, check_in: 1, interaction: 2, sale: 3 };

/**
 * One customer's story, newest first: sales (by close date, or opening date while open),
 * interactions, check-ins (by completion, or due date while pending or skipped) and
 * complaints (by the day they were opened). On one day a complaint comes first.
 */
export async function customerTimeline(db: Kysely<DB>, customerId: number): Promise<TimelineEntry[]> {
  if (!(await findCustomer(db, customerId))) throw notFound('Customer', customerId);
  const [sales, interactions, checkIns, complaints] = await Promise.all([
    salesOfCustomer(db, customerId),
    interactionsOfCustomer(db, customerId),
    listCheckIns(db, { customerId }),
    complaintsOfCustomer(db, customerId),
  ]);
  const entries: TimelineEntry[] = [
    ...sales.map((sale) => ({ type: 'sale' as const, date: sale.closedOn ?? sale.openedOn, sale })),
    ...interactions.map((interaction) => ({
      type: 'interaction' as const,
      date: interaction.occurredOn,
      interaction,
    })),
    ...checkIns.map((checkIn) => ({
      type: 'check_in' as const,
      date: checkIn.status === 'done' ? checkIn.completedOn! : checkIn.dueOn,
      checkIn,
    })),
    ...complaints.map((complaint) => ({ type: 'complaint' as const, date: complaint.openedOn, complaint })),
  ];
  const idOf = (e: TimelineEntry): number =>
    e.type === 'sale'
      ? e.sale.id
      : e.type === 'interaction'
        ? e.interaction.id
        : e.type === 'check_in'
          ? e.checkIn.id
          : e.complaint.id;
  return entries.sort(
    (a, b) => b.date.localeCompare(a.date) || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || idOf(b) - idOf(a),
  );
}
