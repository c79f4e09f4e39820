import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import type { AtRisk, AtRiskQuery, AtRiskReason } from './contract';
import type { DB } from '../../db/schema';
import { daysBetween } from '../../shared/dates';
import { activeComplaints, pendingCheckIns } from './facts';
import {
  byName,
  compare,
  loadCareState,
  reorderFor,
  snoozesByKey,
  statesFromFacts,
  stayInTouchFor,
  type CareState,
} from './followups';
import { customersChangedAfter, type ChangedAfter } from './plainFollowUps';
import {
  latestRatingFacts,
  latestRatingsAsOf,
  lowCsat,
  lowNps,
  riskCandidates,
  type RiskCandidate,
} from './riskCandidates';
import { contactRuleFor, type RuleLike } from './rules';
import { readContactRules, readSnoozes } from './rulesRepository';

const SEVERITY_WEIGHT = { high: 3, medium: 2, low: 1 } as const;

/**
 * Customers showing a sign of churn, with every kind of reason once: open complaints, a latest
 * NPS of 6 or less (a detractor), a latest satisfaction of 2 or less, overdue check-ins, a
 * late reorder, or no contact for longer than their maximum interval. Several complaints or
 * check-ins are one reason with their count, described by the oldest. Snoozing a follow-up
 * moves its date but not the risk: a customer nobody has called in 90 days is at risk either
 * way. Most kinds of reason first; then the gravest open complaint.
 */
export function atRiskOf(state: CareState): AtRisk[] {
  return reasonsOf(state).sort(inAtRiskOrder);
}

/** atRiskOf's customers and reasons, in no order. */
function reasonsOf(state: CareState): AtRisk[] {
  const reasons = new Map<number, AtRiskReason[]>();
  const add = (customerId: number, reason: AtRiskReason): void => {
    const list = reasons.get(customerId);
    const same = list?.find((r) => r.code === reason.code);
    // Rows come oldest first: a later one of the same kind only adds to the count.
    if (same && (same.code === 'open_complaint' || same.code === 'overdue_check_in')) {
      same.count++;
      if (same.code === 'open_complaint' && reason.code === 'open_complaint')
        same.severity =
          SEVERITY_WEIGHT[reason.severity] > SEVERITY_WEIGHT[same.severity] ? reason.severity : same.severity;
    } else if (list) list.push(reason);
    else reasons.set(customerId, [reason]);
  };
  for (const m of [...state.complaints].sort((a, b) => compare(a.opened_on, b.opened_on) || a.id - b.id))
    add(m.customer_id, {
      code: 'open_complaint',
      count: 1,
      complaintId: m.id,
      openedOn: m.opened_on,
      daysOpen: daysBetween(m.opened_on, state.asOf),
      severity: m.severity,
    });
  for (const c of state.customers) {
    if (lowNps(c.nps)) add(c.id, { code: 'low_nps', nps: c.nps.value, on: c.nps.on });
    if (lowCsat(c.csat)) add(c.id, { code: 'low_csat', csat: c.csat.value, on: c.csat.on });
  }
  const overdue = state.checkIns.filter((k) => k.due_on < state.asOf);
  for (const k of overdue.sort((a, b) => compare(a.due_on, b.due_on) || a.id - b.id))
    add(k.customer_id, {
      code: 'overdue_check_in',
      count: 1,
      checkInId: k.id,
      dueOn: k.due_on,
      daysOverdue: daysBetween(k.due_on, state.asOf),
    });
  for (const c of state.customers) {
    const reorder = reorderFor(state, c);
    if (reorder?.status === 'late')
      add(c.id, {
        code: 'late_reorder',
        usualDays: reorder.usualDays,
        daysSincePurchase: reorder.daysSincePurchase,
        lastPurchaseOn: reorder.lastPurchaseOn,
      });
    const rule = contactRuleFor(state.rules, c);
    const touch = rule && stayInTouchFor(state, c, rule);
    if (touch?.status === 'overdue')
      add(c.id, {
        code: 'no_contact',
        lastContactOn: touch.lastContactOn,
        daysSinceContact: touch.daysSinceContact,
        maxDays: touch.maxDays,
      });
  }
  const names = new Map(state.customers.map((c) => [c.id, c.name]));
  for (const r of [...state.checkIns, ...state.complaints]) names.set(r.customer_id, r.customer_name);
  return [...reasons.entries()].map(([customerId, list]) => ({
    customerId,
    customerName: names.get(customerId)!,
    reasons: list,
  }));
}

/** The weight of the gravest open complaint among `list` (0 for none). */
function gravest(list: readonly AtRiskReason[]): number {
  let weight = 0;
  for (const r of list) if (r.code === 'open_complaint') weight = Math.max(weight, SEVERITY_WEIGHT[r.severity]);
  return weight;
}

/** The list's order: most kinds of reason first; then the gravest open complaint; then by name. */
const inAtRiskOrder = (a: AtRisk, b: AtRisk): number =>
  b.reasons.length - a.reasons.length ||
  gravest(b.reasons) - gravest(a.reasons) ||
  byName(a.customerName, b.customerName) ||
  a.customerId - b.customerId;

/**
 * The first `limit` customers at risk as of `asOf` and how many there are. Found over the kept
 * facts (pageFromFacts): for today, every customer's facts say how things stand; for a past day
 * (a report's last day), those of the customers with something recorded since do but for their
 * last contact and latest answers, read as of then, and those with a sale won since are worked
 * out from their rows, as is everyone while the facts are stale.
 */
export async function listAtRisk(
  db: Kysely<DB>,
  query: z.output<typeof AtRiskQuery>,
  now: Date,
): Promise<{ items: AtRisk[]; total: number }> {
  const asOf = query.asOf ?? localIsoDate(now);
  const changed = query.customerId === undefined ? await customersChangedAfter(db, asOf) : null;
  if (changed !== null) return pageFromFacts(db, asOf, query.limit, changed);
  // Every open complaint counts, of the check-ins only those already overdue; action items are
  // the seller's own, nobody's risk.
  const all = reasonsOf(
    await loadCareState(db, asOf, query.customerId, { ratings: true, checkInsDueBy: asOf, actions: false }),
  );
  return { items: firstInOrder(all, query.limit, inAtRiskOrder), total: all.length };
}

/**
 * The reasons of the customers with a sale won since `asOf`, worked out from their rows while the kept
 * facts hold for everyone else, in no order: their latest answers by then come from the kept ones
 * where those were given by then.
 */
async function atRiskOfSold(
  db: Kysely<DB>,
  asOf: string,
  sold: readonly number[],
  rules: readonly RuleLike[],
): Promise<AtRisk[]> {
  const [state, answers] = await Promise.all([
    loadCareState(db, asOf, sold, { checkInsDueBy: asOf, actions: false, rules }),
    latestRatingsAsOf(db, asOf, sold),
  ]);
  return reasonsOf({ ...state, customers: state.customers.map((c) => ({ ...c, ...answers.get(c.id) })) });
}

/** A candidate's place in the list before their reasons are read: atRiskOf's order. */
const inRiskOrder = (a: RiskCandidate, b: RiskCandidate): number =>
  b.reasons - a.reasons || b.gravest - a.gravest || byName(a.name, b.name) || a.id - b.id;

/**
 * The first `limit` of `items` in `order`: all of them in one sort, else kept as they come, each
 * compared with the last kept first: most never get further, and a long list shares few places.
 */
function firstInOrder<T>(items: readonly T[], limit: number, order: (a: T, b: T) => number): T[] {
  if (items.length <= limit) return [...items].sort(order);
  const best: T[] = [];
  for (const c of items) {
    if (best.length === limit && order(c, best[limit - 1]!) >= 0) continue;
    let at = best.length;
    for (let lo = 0, hi = best.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (order(c, best[mid]!) < 0) hi = at = mid;
      else lo = mid + 1;
    }
    best.splice(at, 0, c);
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * The first `limit` of the list and its total, with the customers at risk found by SQLite over
 * the kept facts (riskCandidates), which hold for `asOf` but for the customers changed since
 * (`apart`): only the page's customers are read and described by atRiskOf's rules (reasonsOf),
 * as they stood on `asOf`; those with a sale won since are worked out from their rows and merged
 * in. The page is picked in one pass keeping the best `limit` so far, not by sorting every
 * candidate: thousands may share the group that fills the page, and each comparison of two names
 * costs a collator.
 */
async function pageFromFacts(
  db: Kysely<DB>,
  asOf: string,
  limit: number,
  apart: ChangedAfter,
): Promise<{ items: AtRisk[]; total: number }> {
  const rules = await readContactRules(db);
  const { total, candidates } = await riskCandidates(db, rules, asOf, limit, apart);
  const best = firstInOrder(candidates, limit, inRiskOrder);
  const ids = best.map((c) => c.id);
  // As they stood on asOf only when some were in touch since: otherwise the kept facts are.
  const contactsBy = apart.contacted.length > 0 ? asOf : undefined;
  const [customers, ratings, snoozes, checkIns, complaints, theirs] = await Promise.all([
    statesFromFacts(db, ids, contactsBy),
    contactsBy === undefined ? latestRatingFacts(db, ids) : latestRatingsAsOf(db, contactsBy, ids),
    readSnoozes(db, ids),
    pendingCheckIns(db, ids, asOf),
    activeComplaints(db, ids),
    apart.sold.length > 0 ? atRiskOfSold(db, asOf, apart.sold, rules) : [],
  ]);
  const ours = reasonsOf({
    asOf,
    customers: customers.map((c) => ({ ...c, ...ratings.get(c.id) })),
    rules,
    snoozes: snoozesByKey(snoozes),
    checkIns,
    complaints,
    actions: [],
  });
  return { items: firstInOrder([...ours, ...theirs], limit, inAtRiskOrder), total: total + theirs.length };
}
