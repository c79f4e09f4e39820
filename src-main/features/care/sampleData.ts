import type { Kysely } from 'kysely';
import { DUE_DAYS, dueDaysHold } from '../../db/dueDays';
import type { ComplaintRow, DB, InteractionRow, NewCheckInRow } from '../../db/schema';
import {
  chunks,
  maxId,
  rowWriter,
  type InsertedCustomers,
  type InsertedSales,
  type SampleContext,
  type SampleText,
} from '../../kernel/sampleContext';
import { sampleSegment } from '../customers';
import { contactRuleFor } from './rules';
import { loadCareState, reorderFor, stayInTouchFor } from './followups';
import { readContactRules, saveSnoozes, type SnoozeRow } from './rulesRepository';
import { cadenceFor, loadCadenceConfig } from './cadence';
import { COMPLAINT_AGEING_DAYS } from './contract';

type NewComplaintRow = Omit<ComplaintRow, 'id' | 'sample'>;
type NewInteractionRow = Omit<InteractionRow, 'id' | 'sample'>;
const CHECK_IN_OUTCOMES: readonly SampleText[] = [
  { en: 'All running smoothly.', it: 'Tutto procede bene.' },
  { en: 'Asked for a second training session.', it: 'Ha chiesto una seconda sessione di formazione.' },
  { en: 'Happy with the onboarding.', it: 'Soddisfatto dell’avviamento.' },
  { en: 'Wants a quote for more seats.', it: 'Vuole un preventivo per più licenze.' },
  { en: 'Questions about the invoice, answered.', it: 'Dubbi sulla fattura, chiariti.' },
  { en: 'Uses it every day; no issues.', it: 'Lo usa ogni giorno, nessun problema.' },
];
const CONCERNS: readonly (readonly [SampleText, ComplaintRow['category']])[] = [
  [{ en: 'The delivery arrived a week late.', it: 'La consegna è arrivata con una settimana di ritardo.' }, 'delivery'],
  [{ en: 'The invoice showed the wrong VAT rate.', it: 'In fattura c’era l’aliquota IVA sbagliata.' }, 'billing'],
  [{ en: 'A feature promised in the demo is missing.', it: 'Manca una funzione promessa durante la demo.' }, 'product'],
  [{ en: 'Support took three days to answer.', it: 'L’assistenza ha risposto dopo tre giorni.' }, 'service'],
  [{ en: 'Set-up took longer than agreed.', it: 'L’installazione ha richiesto più tempo del previsto.' }, 'service'],
  [{ en: 'One unit arrived damaged.', it: 'Un pezzo è arrivato danneggiato.' }, 'delivery'],
];
const RESOLUTIONS: readonly SampleText[] = [
  { en: 'Replaced at no cost.', it: 'Sostituito senza costi.' },
  { en: 'Credit note issued.', it: 'Emessa una nota di credito.' },
  {
    en: 'Workaround agreed; the fix is in the next release.',
    it: 'Concordata una soluzione temporanea; la correzione arriva con la prossima versione.',
  },
  {
    en: 'Apologised and gave a month of priority support.',
    it: 'Ci siamo scusati e abbiamo offerto un mese di assistenza prioritaria.',
  },
];
const INTERACTIONS_BEFORE: readonly (readonly [InteractionRow['kind'], SampleText])[] = [
  ['call', { en: 'Discovery call about their needs.', it: 'Telefonata per capire le loro esigenze.' }],
  ['meeting', { en: 'Demo with the team.', it: 'Demo con il loro team.' }],
  ['email', { en: 'Sent the proposal.', it: 'Inviata la proposta.' }],
  ['visit', { en: 'Visited their office.', it: 'Visita nel loro ufficio.' }],
  ['message', { en: 'Quick question about the price list.', it: 'Breve domanda sul listino.' }],
];
const INTERACTIONS_AFTER: readonly (readonly [InteractionRow['kind'], SampleText])[] = [
  ['email', { en: 'Sent the training material.', it: 'Inviato il materiale di formazione.' }],
  ['call', { en: 'Checked how the rollout is going.', it: 'Sentito come procede l’adozione.' }],
  ['note', { en: 'Mentioned a colleague who might be interested.', it: 'Ha nominato un collega forse interessato.' }],
  ['message', { en: 'Asked about next year’s prices.', it: 'Ha chiesto i prezzi dell’anno prossimo.' }],
];
/** The conversations of a seller keeping in touch, and of one asking about the next order. */
const KEEPING_IN_TOUCH: readonly (readonly [InteractionRow['kind'], SampleText])[] = [
  ['call', { en: 'Catch-up call; all well.', it: 'Telefonata per aggiornarci; tutto bene.' }],
  ['visit', { en: 'Stopped by their office.', it: 'Passato a trovarli in ufficio.' }],
  ['email', { en: 'Sent the quarterly update.', it: 'Inviato l’aggiornamento trimestrale.' }],
];
const ASKED_ABOUT_REORDER: SampleText = {
  en: 'Asked about the next order; they will order in a few weeks.',
  it: 'Chiesto del prossimo ordine: ordineranno tra qualche settimana.',
};
/** When a check-in was done relative to its date: mostly on the day, some late. */
const CHECK_IN_DELAY = [
  [-1, 10],
  [0, 50],
  [1, 15],
  [2, 10],
  [5, 10],
  [12, 5],
] as const;
/**
 * Check-ins due in the last days before the end date that are still waiting, and the share of
 * them: a seller who keeps up leaves a few of the last days' open, none older.
 */
const RECENT_PENDING_DAYS = 5;
const RECENT_PENDING_SHARE = 0.25;
/**
 * The book as its keeper leaves it on the end date: at most this many stay-in-touch or reorder
 * items of each kind still overdue, by at most this many days; the older ones were called.
 */
const LEFT_OVERDUE = 2;
const LEFT_OVERDUE_DAYS = 7;

/**
 * A seller who has looked after their customers, imperfectly: check-ins on the cadence, most
 * done (a few late, a few skipped, some of the last days' still waiting), ratings that follow
 * the sale's satisfaction, concerns that became complaints (older ones mostly resolved), a
 * conversation or two around most deals, and stay-in-touch rules for the bigger accounts.
 */
export async function generateSampleCare(
  db: Kysely<DB>,
  ctx: SampleContext,
  data: { sales: InsertedSales; customers: InsertedCustomers },
): Promise<void> {
  const { random, endDay, stamp } = ctx;
  const { sales, customers } = data;
  const config = await loadCadenceConfig(db);
  // Each row is written as soon as it is drawn (in batches: rowWriter), a complaint after the
  // check-in it came from, which its batch puts in first.
  const writeCheckIn = rowWriter(ctx.sqlite, 'check_ins');
  const writeComplaint = rowWriter(ctx.sqlite, 'complaints', { parent: writeCheckIn });
  const writeInteraction = rowWriter(ctx.sqlite, 'interactions');
  let checkInId = await maxId(db, 'check_ins');
  const clampDay = (day: number): number => Math.min(endDay, day);
  const complaintStatus = (openedDay: number): { status: ComplaintRow['status']; resolvedDay: number | null } => {
    const age = endDay - openedDay;
    // Before its reminder is due, a complaint is mostly still being handled; after it, mostly
    // settled; one older than two weeks is settled, resolved or not.
    const status = random.weighted(
      age <= COMPLAINT_AGEING_DAYS
        ? ([
            ['open', 5],
            ['in_progress', 3],
            ['resolved', 2],
          ] as const)
        : age <= 2 * COMPLAINT_AGEING_DAYS
          ? ([
              ['resolved', 6],
              ['in_progress', 1],
            ] as const)
          : ([
              ['resolved', 8],
              ['closed_unresolved', 1],
            ] as const),
    );
    const settled = status === 'resolved' || status === 'closed_unresolved';
    return {
      status,
      resolvedDay: settled
        ? clampDay(openedDay + random.int(1, age <= 2 * COMPLAINT_AGEING_DAYS ? Math.max(1, Math.min(5, age)) : 20))
        : null,
    };
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
    const row: NewComplaintRow = {
      customer_id: customerId,
      sale_id: saleId,
      check_in_id: checkIn,
      opened_on: ctx.date(openedDay),
      source,
      category,
      severity: random.weighted([
        ['low', 3],
        ['medium', 5],
        ['high', 2],
      ] as const),
      description: ctx.say(description),
      status,
      resolution: status === 'resolved' ? ctx.say(random.pick(RESOLUTIONS)) : null,
      resolved_on: resolvedDay === null ? null : ctx.date(resolvedDay),
      remind_on: ctx.date(openedDay + COMPLAINT_AGEING_DAYS),
      created_at: at,
      updated_at: resolvedDay === null ? at : stamp(resolvedDay, 17),
    };
    writeComplaint.write(row);
  };

  for (let position = 0; position < sales.count; position++) {
    const saleId = sales.firstId + position;
    const customerId = sales.customerIds[position]!;
    const openedDay = sales.openedDays[position]!;
    const day = sales.days[position]!;
    const [kind, summary] = random.pick(INTERACTIONS_BEFORE);
    const talkedDay = random.int(openedDay, day);
    writeInteraction.write({
      customer_id: customerId,
      sale_id: saleId,
      kind,
      occurred_on: ctx.date(talkedDay),
      summary: ctx.say(summary),
      created_at: stamp(talkedDay, random.int(9, 18)),
    } satisfies NewInteractionRow);
    if (sales.status[position] !== 'won') continue;
    if (random.chance(0.35) && day + 1 <= endDay) {
      const [after, text] = random.pick(INTERACTIONS_AFTER);
      const laterDay = random.int(day + 1, Math.min(endDay, day + 60));
      writeInteraction.write({
        customer_id: customerId,
        sale_id: saleId,
        kind: after,
        occurred_on: ctx.date(laterDay),
        summary: ctx.say(text),
        created_at: stamp(laterDay, random.int(9, 18)),
      } satisfies NewInteractionRow);
    }
    const baseline = sales.satisfaction[position] || 4;
    for (const step of cadenceFor(config, {
      segment: customers.segments[customerId - customers.firstId] ?? null,
      productId: sales.productIds[position] || null,
    })) {
      const dueDay = day + step;
      const due = ctx.date(dueDay);
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
      // The complaint a concern raised, written after its check-in.
      let raised: (() => void) | null = null;
      if (!(dueDay >= endDay || (endDay - dueDay <= RECENT_PENDING_DAYS && random.chance(RECENT_PENDING_SHARE)))) {
        const doneDay = clampDay(Math.max(day, dueDay + random.weighted(CHECK_IN_DELAY)));
        row.completed_on = ctx.date(doneDay);
        row.updated_at = stamp(doneDay, random.int(9, 18));
        if (random.chance(0.07)) row.status = 'skipped';
        else {
          row.status = 'done';
          row.outcome = ctx.say(random.pick(CHECK_IN_OUTCOMES));
          if (random.chance(0.85)) row.csat = Math.min(5, Math.max(1, Math.round(baseline + 0.8 * random.normal())));
          if (random.chance(0.7))
            row.nps = Math.min(10, Math.max(0, Math.round(2 * (row.csat ?? baseline) + random.normal())));
          if (random.chance((row.csat ?? baseline) <= 2 ? 0.4 : 0.03)) {
            const [concern] = random.pick(CONCERNS);
            row.concern = ctx.say(concern);
            raised = () => complaint(customerId, saleId, row.id!, doneDay, 'check_in');
          }
        }
      }
      writeCheckIn.write(row);
      raised?.();
    }
  }
  for (let position = 0; position < customers.count; position++)
    if (random.chance(0.03)) {
      const created = customers.createdDays[position]!;
      complaint(
        customers.firstId + position,
        null,
        null,
        random.int(Math.min(created, endDay), endDay),
        random.pick(['call', 'email', 'review'] as const),
      );
    }
  for (const writer of [writeCheckIn, writeComplaint, writeInteraction]) writer.flush();

  const hasRules = await db.selectFrom('contact_rules').select('id').limit(1).executeTakeFirst();
  if (!hasRules)
    await db
      .insertInto('contact_rules')
      .values([
        {
          scope: 'segment',
          value: ctx.say(sampleSegment('Enterprise')),
          customer_id: null,
          ideal_days: 30,
          max_days: 60,
        },
        {
          scope: 'segment',
          value: ctx.say(sampleSegment('Mid-market')),
          customer_id: null,
          ideal_days: 45,
          max_days: 90,
        },
        { scope: 'tag', value: 'VIP', customer_id: null, ideal_days: 21, max_days: 45 },
      ])
      .execute();
}

/** Customers whose follow-up states are held at once while the sample book is tidied. */
const TIDY_PAGE = 10_000;

/**
 * What a diligent seller has done by the end date: called the customers the stay-in-touch
 * rules were about to lose and asked the regulars about their next order (snoozing it to when
 * they said), so the follow-ups list opens on a handful due today and this week and a few
 * overdue by days, not on months of neglect. Reads the list the app itself would show, so it
 * runs once the summary tables count generateSampleCare's rows (db/careFacts.ts), a page of
 * customers at a time in id order.
 */
export async function keepSampleBookTidy(db: Kysely<DB>, ctx: SampleContext): Promise<void> {
  const { random, endDay, endDate } = ctx;
  const rules = await readContactRules(db);
  const left = { stay_in_touch: 0, reorder: 0 };
  const calls: NewInteractionRow[] = [];
  // Written once every page is read: a page reads only its own customers' snoozes.
  const snoozes: SnoozeRow[] = [];
  const call = (customerId: number, day: number, [kind, summary]: readonly [InteractionRow['kind'], SampleText]) =>
    calls.push({
      customer_id: customerId,
      sale_id: null,
      kind,
      occurred_on: ctx.date(day),
      summary: ctx.say(summary),
      created_at: ctx.workStamp(day),
    });
  const leftAlone = (kind: keyof typeof left, daysOverdue: number): boolean =>
    daysOverdue <= LEFT_OVERDUE_DAYS && left[kind]++ < LEFT_OVERDUE;
  // Only the customers the list can show overdue on the end date: by their due days, which the
  // bulk write has just brought up to date, keeping in touch or a reorder due before it, or never
  // in touch (the JS rules', dueDays.ts). A fifth of a million-sale book's customers, not all.
  const page = (await dueDaysHold(db))
    ? ctx.sqlite
        .prepare(
          `SELECT customer_id FROM ${DUE_DAYS} WHERE customer_id > ?
             AND (contact IS NULL OR stay_due < ${endDay} OR reorder_due < ${endDay}) ORDER BY customer_id LIMIT ?`,
        )
        .pluck()
    : ctx.sqlite.prepare('SELECT id FROM customers WHERE archived_at IS NULL AND id > ? ORDER BY id LIMIT ?').pluck();
  for (
    let ids = page.all(0, TIDY_PAGE) as number[];
    ids.length > 0;
    ids = page.all(ids.at(-1), TIDY_PAGE) as number[]
  ) {
    // The page's own pending check-ins: at a million sales, every customer's are 150,000 rows a page.
    const state = await loadCareState(db, endDate, undefined, {
      statesOf: { kept: ids, changed: [] },
      checkInsOf: ids,
      rules,
      actions: false,
    });
    for (const customer of state.customers) {
      const rule = contactRuleFor(state.rules, customer);
      const touch = rule && stayInTouchFor(state, customer, rule);
      if (touch && touch.daysOverdue > 0 && !leftAlone('stay_in_touch', touch.daysOverdue))
        // Called some time in the last interval: due again over the coming weeks.
        call(customer.id, endDay - random.int(1, rule.idealDays - 1), random.pick(KEEPING_IN_TOUCH));
      const reorder = reorderFor(state, customer);
      if (reorder && reorder.daysOverdue > 0 && !leftAlone('reorder', reorder.daysOverdue)) {
        const askedDay = endDay - random.int(0, Math.min(reorder.daysOverdue, LEFT_OVERDUE_DAYS));
        call(customer.id, askedDay, ['call', ASKED_ABOUT_REORDER]);
        snoozes.push({
          customerId: customer.id,
          kind: 'reorder',
          basisOn: reorder.computedDueOn,
          dueOn: ctx.date(endDay + random.int(2, 30)),
        });
      }
    }
  }
  for (const chunk of chunks(calls)) await db.insertInto('interactions').values(chunk).execute();
  await saveSnoozes(db, snoozes);
}
