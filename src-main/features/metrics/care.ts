import type { Kysely } from 'kysely';
import { localIsoDate } from '../../shared/dates';
import type { CareDay, CareMetrics, CareMetricsQuery } from '../care/contract';
import type { DB } from '../../db/schema';
import {
  checkInFacts,
  complaintFacts,
  interactionsPerDay,
  purchaseFacts,
  type CheckInFact,
  type ComplaintFact,
  type PurchaseFacts,
} from './careRepository';
import { addDays, daysBetween, eachDay } from '../../shared/dates';
import { median } from '../../shared/statistics';

export interface MetricsInput {
  from: string;
  to: string;
  /** Today: a pending check-in counts as missed only once its due date has passed. */
  asOf: string;
  checkIns: readonly CheckInFact[];
  interactions: readonly { day: string; n: number }[];
  complaints: readonly ComplaintFact[];
  purchases: PurchaseFacts;
}

const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;
const ratio = (part: number, whole: number, places = 4): number | null =>
  whole > 0 ? round(part / whole, places) : null;

/**
 * The care metrics of a range, as totals and as one raw-count row per day (CareDay), so the
 * dashboard shows the totals and goals can sum any window of days. Pure: everything it needs
 * is in `input`.
 *
 * - On-time rate: of the check-ins due in the range that are decided (done, skipped, or
 *   pending past their due date), the share done on or before the due date (after any snooze:
 *   moving a date on purpose is not being late).
 * - CSAT and NPS: the answers given at check-ins completed in the range; NPS is promoters
 *   (9–10) % minus detractors (0–6) %.
 * - Complaints opened and resolved in the range; median days from opening to resolution over
 *   those resolved in it (closed unresolved ones are counted apart, not as resolved).
 */
export function computeCareMetrics(input: MetricsInput): CareMetrics {
  const { from, to, asOf } = input;
  const days = new Map<string, CareDay>(
    eachDay(from, to).map((date) => [
      date,
      {
        date,
        checkInsDue: 0,
        checkInsDueDoneOnTime: 0,
        checkInsDone: 0,
        checkInsDoneOnTime: 0,
        interactions: 0,
        csatResponses: 0,
        csatSum: 0,
        npsResponses: 0,
        npsPromoters: 0,
        npsDetractors: 0,
        complaintsOpened: 0,
        complaintsResolved: 0,
      },
    ]),
  );
  const checkIns = { due: 0, onTime: 0, late: 0, skipped: 0, missed: 0 };
  for (const k of input.checkIns) {
    const onTime = k.status === 'done' && k.completed_on! <= k.due_on;
    const dueDay = days.get(k.due_on);
    if (dueDay && (k.status !== 'pending' || k.due_on < asOf)) {
      dueDay.checkInsDue++;
      checkIns.due++;
      if (onTime) {
        dueDay.checkInsDueDoneOnTime++;
        checkIns.onTime++;
      } else if (k.status === 'done') checkIns.late++;
      else if (k.status === 'skipped') checkIns.skipped++;
      else checkIns.missed++;
    }
    const doneDay = k.status === 'done' ? days.get(k.completed_on!) : undefined;
    if (doneDay) {
      doneDay.checkInsDone++;
      if (onTime) doneDay.checkInsDoneOnTime++;
      if (k.csat !== null) {
        doneDay.csatResponses++;
        doneDay.csatSum += k.csat;
      }
      if (k.nps !== null) {
        doneDay.npsResponses++;
        if (k.nps >= 9) doneDay.npsPromoters++;
        if (k.nps <= 6) doneDay.npsDetractors++;
      }
    }
  }
  for (const i of input.interactions) {
    const day = days.get(i.day);
    if (day) day.interactions += i.n;
  }
  const complaints = { opened: 0, resolved: 0, closedUnresolved: 0 };
  const resolveDays: number[] = [];
  for (const m of input.complaints) {
    const opened = days.get(m.opened_on);
    if (opened) {
      opened.complaintsOpened++;
      complaints.opened++;
    }
    const closed = m.resolved_on === null ? undefined : days.get(m.resolved_on);
    if (closed && m.status === 'resolved') {
      closed.complaintsResolved++;
      complaints.resolved++;
      resolveDays.push(daysBetween(m.opened_on, m.resolved_on!));
    } else if (closed) complaints.closedUnresolved++;
  }
  const daily = [...days.values()];
  const sum = (key: keyof Omit<CareDay, 'date'>): number => daily.reduce((total, d) => total + d[key], 0);
  const csatResponses = sum('csatResponses');
  const npsResponses = sum('npsResponses');
  const promoters = sum('npsPromoters');
  const detractors = sum('npsDetractors');
  const p = input.purchases;
  return {
    from,
    to,
    checkIns: { ...checkIns, onTimeRate: ratio(checkIns.onTime, checkIns.due) },
    csat: { responses: csatResponses, average: ratio(sum('csatSum'), csatResponses, 2) },
    nps: {
      responses: npsResponses,
      promoters,
      detractors,
      score: npsResponses > 0 ? round(((promoters - detractors) / npsResponses) * 100, 1) : null,
    },
    complaints: { ...complaints, medianDaysToResolve: resolveDays.length > 0 ? median(resolveDays) : null },
    interactions: sum('interactions'),
    purchases: {
      customersActive: p.customersActive,
      repeatCustomers: p.repeatCustomers,
      repeatPurchaseRate: ratio(p.repeatCustomers, p.customersActive),
    },
    retention: {
      previousCustomers: p.previousCustomers,
      retained: p.retained,
      rate: ratio(p.retained, p.previousCustomers),
    },
    daily,
  };
}

/** Loads the range's facts (optionally one customer or one segment) and computes the metrics. */
export async function careMetrics(db: Kysely<DB>, query: CareMetricsQuery, now: Date): Promise<CareMetrics> {
  const { from, to } = query;
  const filter = { customerId: query.customerId, segment: query.segment };
  const length = daysBetween(from, to) + 1;
  const [checkIns, interactions, complaints, purchases] = await Promise.all([
    checkInFacts(db, from, to, filter),
    interactionsPerDay(db, from, to, filter),
    complaintFacts(db, from, to, filter),
    purchaseFacts(db, { from, to, previousFrom: addDays(from, -length), previousTo: addDays(from, -1) }, filter),
  ]);
  return computeCareMetrics({ from, to, asOf: localIsoDate(now), checkIns, interactions, complaints, purchases });
}
