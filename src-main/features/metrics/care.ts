import type { Kysely } from 'kysely';
import { eachDay, localIsoDate } from '../../shared/dates';
import type { CareDay, CareMetrics, CareMetricsQuery } from '../care/contract';
import type { DB } from '../../db/schema';
import { readMetrics, roundTo, shown } from './definitions';
import { checkInsDonePerDay, retentionFacts } from './facts';

/**
 * The care metrics of a range (care.metrics, optionally for one customer or one segment), as
 * totals and as one raw-count row per day (CareDay), so the dashboard shows the totals and any
 * window of days can be summed. Every figure is the one definitions.ts defines (on-time rate,
 * satisfaction, NPS, complaints, interactions, purchases); the breakdowns beside them (late,
 * skipped, missed, closed unresolved, promoters…) come from the same facts. Retention: of the
 * customers who bought in the period of the same length just before, those who bought again.
 */
export async function careMetrics(db: Kysely<DB>, query: CareMetricsQuery, now: Date): Promise<CareMetrics> {
  const { from, to } = query;
  const filter = { customerId: query.customerId, segments: query.segment === undefined ? [] : [query.segment] };
  const read = readMetrics(db, { from, to, filter, asOf: localIsoDate(now) });
  const [due, done, ratings, interactions, opened, closed, retention] = await Promise.all([
    read.facts.checkInsDue(),
    checkInsDonePerDay(db, { from, to }, filter),
    read.facts.ratings(),
    read.facts.interactions(),
    read.facts.complaintsOpened(),
    read.facts.complaintsClosed(),
    retentionFacts(db, { from, to }, filter),
  ]);

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
  for (const r of due) {
    const day = days.get(r.day)!;
    day.checkInsDue = r.due;
    day.checkInsDueDoneOnTime = r.onTime;
    checkIns.due += r.due;
    checkIns.onTime += r.onTime;
    checkIns.late += r.late;
    checkIns.skipped += r.skipped;
    checkIns.missed += r.missed;
  }
  for (const r of done) {
    const day = days.get(r.day)!;
    day.checkInsDone = r.done;
    day.checkInsDoneOnTime = r.onTime;
  }
  const nps = { responses: 0, promoters: 0, detractors: 0 };
  let csatResponses = 0;
  for (const r of ratings) {
    const day = days.get(r.day)!;
    day.csatResponses = r.satisfactionAnswers;
    day.csatSum = r.satisfactionSum;
    day.npsResponses = r.npsAnswers;
    day.npsPromoters = r.promoters;
    day.npsDetractors = r.detractors;
    csatResponses += r.satisfactionAnswers;
    nps.responses += r.npsAnswers;
    nps.promoters += r.promoters;
    nps.detractors += r.detractors;
  }
  for (const r of interactions) days.get(r.day)!.interactions = r.n;
  for (const r of opened) days.get(r.day)!.complaintsOpened = r.n;
  let closedUnresolved = 0;
  for (const r of closed)
    if (r.resolved === 1) days.get(r.day)!.complaintsResolved += r.n;
    else closedUnresolved += r.n;

  return {
    from,
    to,
    checkIns: { ...checkIns, onTimeRate: shown('checkins_on_time', await read.total('checkins_on_time')) },
    csat: { responses: csatResponses, average: shown('avg_satisfaction', await read.total('avg_satisfaction')) },
    nps: { ...nps, score: shown('nps', await read.total('nps')) },
    complaints: {
      opened: (await read.total('complaints_opened')) ?? 0,
      resolved: (await read.total('complaints_resolved')) ?? 0,
      closedUnresolved,
      medianDaysToResolve: await read.total('median_days_to_resolve'),
    },
    interactions: (await read.total('interactions')) ?? 0,
    purchases: {
      customersActive: (await read.total('customers_active')) ?? 0,
      repeatCustomers: (await read.total('repeat_customers')) ?? 0,
      repeatPurchaseRate: shown('repeat_purchase_rate', await read.total('repeat_purchase_rate')),
    },
    retention: {
      ...retention,
      rate: retention.previousCustomers > 0 ? roundTo(retention.retained / retention.previousCustomers, 4) : null,
    },
    daily: [...days.values()],
  };
}
