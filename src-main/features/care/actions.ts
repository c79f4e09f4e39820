import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import type { CheckIn, Complaint, FollowUpDone, FollowUpKind, Interaction, InteractionKind } from './contract';
import type { DB } from '../../db/schema';
import { saveSnoozes, type SnoozeKind } from './rulesRepository';
import { AppError } from '../../kernel/errors';
import { getSettings } from '../settings';
import { checkInDueOn, completeCheckIn, moveCheckIn } from './checkins';
import { complaintRemindOn, moveComplaintReminder, openComplaint, updateComplaint } from './complaints';
import { addDays } from '../../shared/dates';
import { loadCareState, reorderFor, stayInTouchFor, type CareState } from './followups';
import { logInteraction } from './interactions';
import { contactRuleFor } from './rules';
import type { ActionItem } from '../library/contract';
import { openActionDue } from './facts';

/**
 * The library's own writes to an action item (library.actionSet's tick, and its due day),
 * handed to care by ipc/assemble.ts: the library imports what imports care, so care cannot
 * import the library, and an action item is ticked one way whichever screen ticks it.
 */
export interface ActionItemWrites {
  setDone(db: Kysely<DB>, id: number, done: boolean, now: Date): Promise<ActionItem>;
  setDue(db: Kysely<DB>, id: number, dueOn: string): Promise<void>;
}

const KINDS: Record<string, FollowUpKind> = {
  c: 'check_in',
  s: 'stay_in_touch',
  r: 'reorder',
  k: 'complaint',
  a: 'action',
};

/** `c42` → check-in 42 (see FollowUpId in shared/care.ts for the namespace). */
export function parseFollowUpId(id: string): { kind: FollowUpKind; n: number } {
  const kind = KINDS[id[0] ?? ''];
  const n = Number(id.slice(1));
  if (!kind || !Number.isSafeInteger(n) || n < 1)
    throw new AppError('invalid_input', 'failures.notFollowUpId', [{ path: 'id', message: 'errors.followUpId' }], {
      id,
    });
  return { kind, n };
}

/** The computed item (stay in touch or reorder) a customer has right now, or a clear error. */
function computedItem(state: CareState, kind: SnoozeKind, id: string) {
  const customer = state.customers.find((c) => c.id === Number(id.slice(1)));
  const rule = customer ? contactRuleFor(state.rules, customer) : null;
  const item =
    customer === undefined
      ? null
      : kind === 'stay_in_touch'
        ? rule && stayInTouchFor(state, customer, rule)
        : reorderFor(state, customer);
  if (!item) throw new AppError('not_found', 'failures.notCurrentFollowUp', undefined, { id });
  return item;
}

const INTERACTION_SUMMARY: Record<'en' | 'it', Record<SnoozeKind, string>> = {
  en: { stay_in_touch: 'Stayed in touch', reorder: 'Asked about reordering' },
  it: { stay_in_touch: 'Contatto mantenuto', reorder: 'Chiesto del riordino' },
};
const COMPLAINT_SOURCE: Record<InteractionKind, 'call' | 'email' | 'other'> = {
  call: 'call',
  email: 'email',
  meeting: 'other',
  visit: 'other',
  message: 'other',
  note: 'other',
};

export interface DoneResult {
  id: string;
  kind: FollowUpKind;
  checkIn: CheckIn | null;
  complaint: Complaint | null;
  interaction: Interaction | null;
  action: ActionItem | null;
}

/**
 * "Done" on any follow-up. A check-in is completed (ratings, concern → complaint). A stay-in-
 * touch or reorder item logs an interaction, which is what resets its clock; a concern raised
 * there opens a complaint too. A complaint is resolved, the outcome being its resolution. An
 * action item is ticked in the library (setActionDone, as the library's own tick does).
 * Ratings belong to check-ins only, an outcome or a concern to customers' items: elsewhere
 * they are refused rather than dropped.
 */
export async function followUpDone(
  db: Kysely<DB>,
  input: z.output<typeof FollowUpDone>,
  now: Date,
  actionItems: ActionItemWrites,
): Promise<DoneResult> {
  const { kind, n } = parseFollowUpId(input.id);
  const on = input.on ?? localIsoDate(now);
  const result: DoneResult = { id: input.id, kind, checkIn: null, complaint: null, interaction: null, action: null };
  if (kind !== 'check_in' && (input.csat !== null || input.nps !== null))
    throw new AppError('invalid_input', 'failures.ratingsAtCheckInsOnly', [
      { path: input.csat !== null ? 'csat' : 'nps', message: 'errors.invalid' },
    ]);
  if (kind === 'action') {
    const extra = input.outcome !== null ? 'outcome' : input.concern !== null ? 'concern' : null;
    if (extra !== null)
      throw new AppError('invalid_input', 'library.learning.actionTakesNothing', [
        { path: extra, message: 'errors.invalid' },
      ]);
    await openActionDue(db, n, input.id); // refuses one done already, or undated
    return { ...result, action: await actionItems.setDone(db, n, true, now) };
  }
  if (kind === 'check_in') {
    const done = await completeCheckIn(
      db,
      {
        id: n,
        completedOn: on,
        outcome: input.outcome,
        csat: input.csat,
        nps: input.nps,
        concern: input.concern,
        concernCategory: 'other',
        concernSeverity: 'medium',
      },
      now,
    );
    return { ...result, checkIn: done.checkIn, complaint: done.complaint };
  }
  if (kind === 'complaint') {
    if (input.concern !== null)
      throw new AppError('invalid_input', 'failures.complaintNeedsOutcome', [
        { path: 'concern', message: 'errors.invalid' },
      ]);
    await complaintRemindOn(db, n); // refuses one already closed
    return {
      ...result,
      complaint: await updateComplaint(db, n, { status: 'resolved', resolution: input.outcome, resolvedOn: on }, now),
    };
  }
  computedItem(await loadCareState(db, on, n), kind, input.id);
  const language = (await getSettings(db)).language;
  const interaction = await logInteraction(
    db,
    {
      customerId: n,
      kind: input.interactionKind,
      occurredOn: on,
      summary: input.outcome ?? INTERACTION_SUMMARY[language][kind],
      saleId: null,
    },
    now,
  );
  const complaint =
    input.concern === null
      ? null
      : await openComplaint(
          db,
          {
            customerId: n,
            saleId: null,
            checkInId: null,
            openedOn: on,
            source: COMPLAINT_SOURCE[input.interactionKind],
            category: 'other',
            severity: 'medium',
            description: input.concern,
          },
          now,
        );
  return { ...result, interaction, complaint };
}

/** Sets a follow-up's due date; returns it. */
async function moveTo(
  db: Kysely<DB>,
  id: string,
  asOf: string,
  target: (currentDue: string) => string,
  now: Date,
  actionItems: ActionItemWrites,
): Promise<{ id: string; dueOn: string }> {
  const { kind, n } = parseFollowUpId(id);
  if (kind === 'check_in') {
    const dueOn = target(await checkInDueOn(db, n));
    await moveCheckIn(db, n, dueOn, now);
    return { id, dueOn };
  }
  if (kind === 'complaint') {
    const dueOn = target(await complaintRemindOn(db, n));
    await moveComplaintReminder(db, n, dueOn, now);
    return { id, dueOn };
  }
  if (kind === 'action') {
    const dueOn = target(await openActionDue(db, n, id));
    await actionItems.setDue(db, n, dueOn);
    return { id, dueOn };
  }
  const item = computedItem(await loadCareState(db, asOf, n), kind, id);
  const dueOn = target(item.dueOn);
  await saveSnoozes(db, [{ customerId: n, kind, basisOn: item.computedDueOn, dueOn }]);
  return { id, dueOn };
}

/** Snooze: due `days` after today, or after its due date when that is still ahead. */
export async function snoozeFollowUp(
  db: Kysely<DB>,
  input: { id: string; days: number; asOf?: string | undefined },
  now: Date,
  actionItems: ActionItemWrites,
): Promise<{ id: string; dueOn: string }> {
  const asOf = input.asOf ?? localIsoDate(now);
  return moveTo(db, input.id, asOf, (due) => addDays(due > asOf ? due : asOf, input.days), now, actionItems);
}

export async function rescheduleFollowUp(
  db: Kysely<DB>,
  input: { id: string; dueOn: string },
  now: Date,
  actionItems: ActionItemWrites,
): Promise<{ id: string; dueOn: string }> {
  return moveTo(db, input.id, localIsoDate(now), () => input.dueOn, now, actionItems);
}
