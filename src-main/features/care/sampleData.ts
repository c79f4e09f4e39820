import type { Kysely } from 'kysely';
import type { ComplaintRow, DB, InteractionRow, NewCheckInRow, NewCustomerRow, NewSaleRow } from '../../db/schema';
import { chunks, maxId, type SampleContext } from '../../kernel/sampleContext';
import { dayNumberToIso, isoToDayNumber } from '../../shared/dates';
import { cadenceFor, loadCadenceConfig } from './cadence';
import { COMPLAINT_AGEING_DAYS } from './contract';

const CHECK_IN_OUTCOMES = [
  'All running smoothly.',
  'Asked for a second training session.',
  'Happy with the onboarding.',
  'Wants a quote for more seats.',
  'Questions about the invoice, answered.',
  'Uses it every day; no issues.',
];
const CONCERNS: readonly (readonly [string, ComplaintRow['category']])[] = [
  ['The delivery arrived a week late.', 'delivery'],
  ['The invoice showed the wrong VAT rate.', 'billing'],
  ['A feature promised in the demo is missing.', 'product'],
  ['Support took three days to answer.', 'service'],
  ['Set-up took longer than agreed.', 'service'],
  ['One unit arrived damaged.', 'delivery'],
];
const RESOLUTIONS = [
  'Replaced at no cost.',
  'Credit note issued.',
  'Workaround agreed; the fix is in the next release.',
  'Apologised and gave a month of priority support.',
];
const INTERACTIONS_BEFORE: readonly (readonly [InteractionRow['kind'], string])[] = [
  ['call', 'Discovery call about their needs.'],
  ['meeting', 'Demo with the team.'],
  ['email', 'Sent the proposal.'],
  ['visit', 'Visited their office.'],
  ['message', 'Quick question about the price list.'],
];
const INTERACTIONS_AFTER: readonly (readonly [InteractionRow['kind'], string])[] = [
  ['email', 'Sent the training material.'],
  ['call', 'Checked how the rollout is going.'],
  ['note', 'Mentioned a colleague who might be interested.'],
  ['message', 'Asked about next year’s prices.'],
];
/** When a check-in was done relative to its date: mostly on the day, some late. */
const CHECK_IN_DELAY = [
  [-1, 10],
  [0, 50],
  [1, 15],
  [2, 10],
  [5, 10],
  [12, 5],
] as const;
/** Check-ins due in the last days before the end date that are still waiting. */
const RECENT_PENDING_DAYS = 10;

/**
 * A seller who has looked after their customers, imperfectly: check-ins on the cadence, most
 * done (a few late, a few skipped, some of the last days' still waiting), ratings that follow
 * the sale's satisfaction, concerns that became complaints (older ones mostly resolved), a
 * conversation or two around most deals, and stay-in-touch rules for the bigger accounts.
 */
export async function generateSampleCare(
  db: Kysely<DB>,
  ctx: SampleContext,
  data: { sales: readonly NewSaleRow[]; customers: readonly NewCustomerRow[] },
): Promise<void> {
  const { random, endDay, stamp } = ctx;
  const config = await loadCadenceConfig(db);
  const segmentOf = new Map(data.customers.map((c) => [c.id!, c.segment ?? null]));
  const checkIns: NewCheckInRow[] = [];
  const complaints: Omit<ComplaintRow, 'id' | 'sample'>[] = [];
  const interactions: Omit<InteractionRow, 'id' | 'sample'>[] = [];
  let checkInId = await maxId(db, 'check_ins');
  const clampDay = (day: number): number => Math.min(endDay, day);
  const complaintStatus = (openedDay: number): { status: ComplaintRow['status']; resolvedDay: number | null } => {
    if (endDay - openedDay <= 21) {
      const status = random.weighted([
        ['open', 5],
        ['in_progress', 3],
        ['resolved', 2],
      ] as const);
      return { status, resolvedDay: status === 'resolved' ? clampDay(openedDay + random.int(1, 5)) : null };
    }
    // A complaint still being worked on after two months is the exception, not one in ten.
    const status = random.weighted([
      ['resolved', 8],
      ['closed_unresolved', 1],
      ['in_progress', endDay - openedDay <= 60 ? 1 : 0],
    ] as const);
    return { status, resolvedDay: status === 'in_progress' ? null : clampDay(openedDay + random.int(1, 20)) };
  };
  const complaint = (
    customerId: number,
    saleId: number | null,
    checkIn: number | null,
    openedDay: number,
    source: ComplaintRow['source'],
  ): void => {
    const [description, category] = random.pick(CONCERNS);
    const { status, resolvedDay } = complaintStatus(openedDay);
    const at = stamp(openedDay, random.int(9, 18));
    complaints.push({
      customer_id: customerId,
      sale_id: saleId,
      check_in_id: checkIn,
      opened_on: dayNumberToIso(openedDay),
      source,
      category,
      severity: random.weighted([
        ['low', 3],
        ['medium', 5],
        ['high', 2],
      ] as const),
      description,
      status,
      resolution: status === 'resolved' ? random.pick(RESOLUTIONS) : null,
      resolved_on: resolvedDay === null ? null : dayNumberToIso(resolvedDay),
      remind_on: dayNumberToIso(openedDay + COMPLAINT_AGEING_DAYS),
      created_at: at,
      updated_at: resolvedDay === null ? at : stamp(resolvedDay, 17),
    });
  };

  for (const sale of data.sales) {
    const saleId = sale.id!;
    const customerId = sale.customer_id;
    const openedDay = isoToDayNumber(sale.opened_on);
    const day = isoToDayNumber(sale.closed_on ?? sale.opened_on);
    const [kind, summary] = random.pick(INTERACTIONS_BEFORE);
    const talkedDay = random.int(openedDay, day);
    interactions.push({
      customer_id: customerId,
      sale_id: saleId,
      kind,
      occurred_on: dayNumberToIso(talkedDay),
      summary,
      created_at: stamp(talkedDay, random.int(9, 18)),
    });
    if (sale.status !== 'won') continue;
    if (random.chance(0.35) && day + 1 <= endDay) {
      const [after, text] = random.pick(INTERACTIONS_AFTER);
      const laterDay = random.int(day + 1, Math.min(endDay, day + 60));
      interactions.push({
        customer_id: customerId,
        sale_id: saleId,
        kind: after,
        occurred_on: dayNumberToIso(laterDay),
        summary: text,
        created_at: stamp(laterDay, random.int(9, 18)),
      });
    }
    const baseline = sale.satisfaction ?? 4;
    for (const step of cadenceFor(config, {
      segment: segmentOf.get(customerId) ?? null,
      productId: sale.product_id ?? null,
    })) {
      const dueDay = day + step;
      const due = dayNumberToIso(dueDay);
      const row: NewCheckInRow = {
        id: ++checkInId,
        sale_id: saleId,
        customer_id: customerId,
        step_days: step,
        scheduled_on: due,
        due_on: due,
        status: 'pending',
        completed_on: null,
        outcome: null,
        csat: null,
        nps: null,
        concern: null,
        created_at: stamp(day, 18),
        updated_at: stamp(day, 18),
      };
      checkIns.push(row);
      if (dueDay > endDay || (endDay - dueDay <= RECENT_PENDING_DAYS && random.chance(0.5))) continue;
      const doneDay = clampDay(Math.max(day, dueDay + random.weighted(CHECK_IN_DELAY)));
      row.completed_on = dayNumberToIso(doneDay);
      row.updated_at = stamp(doneDay, random.int(9, 18));
      if (random.chance(0.07)) {
        row.status = 'skipped';
        continue;
      }
      row.status = 'done';
      row.outcome = random.pick(CHECK_IN_OUTCOMES);
      if (random.chance(0.85)) row.csat = Math.min(5, Math.max(1, Math.round(baseline + 0.8 * random.normal())));
      if (random.chance(0.7))
        row.nps = Math.min(10, Math.max(0, Math.round(2 * (row.csat ?? baseline) + random.normal())));
      if (random.chance((row.csat ?? baseline) <= 2 ? 0.4 : 0.03)) {
        const [concern] = random.pick(CONCERNS);
        row.concern = concern;
        complaint(customerId, saleId, row.id!, doneDay, 'check_in');
      }
    }
  }
  for (const customer of data.customers)
    if (random.chance(0.03)) {
      const created = isoToDayNumber(customer.created_at.slice(0, 10));
      complaint(
        customer.id!,
        null,
        null,
        random.int(Math.min(created, endDay), endDay),
        random.pick(['call', 'email', 'review'] as const),
      );
    }

  for (const chunk of chunks(checkIns)) await db.insertInto('check_ins').values(chunk).execute();
  for (const chunk of chunks(complaints)) await db.insertInto('complaints').values(chunk).execute();
  for (const chunk of chunks(interactions)) await db.insertInto('interactions').values(chunk).execute();
  const hasRules = await db.selectFrom('contact_rules').select('id').limit(1).executeTakeFirst();
  if (!hasRules)
    await db
      .insertInto('contact_rules')
      .values([
        { scope: 'segment', value: 'Enterprise', customer_id: null, ideal_days: 30, max_days: 60 },
        { scope: 'segment', value: 'Mid-market', customer_id: null, ideal_days: 45, max_days: 90 },
        { scope: 'tag', value: 'VIP', customer_id: null, ideal_days: 21, max_days: 45 },
      ])
      .execute();
}
