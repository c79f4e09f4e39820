import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import { CSAT_AT_RISK, NPS_AT_RISK, type AtRisk, type AtRiskQuery, type AtRiskReason } from './contract';
import type { DB } from '../../db/schema';
import { daysBetween } from '../../shared/dates';
import { byName, compare, loadCareState, reorderFor, stayInTouchFor, type CareState } from './followups';
import { contactRuleFor } from './rules';

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
    if (c.nps && c.nps.value <= NPS_AT_RISK) add(c.id, { code: 'low_nps', nps: c.nps.value, on: c.nps.on });
    if (c.csat && c.csat.value <= CSAT_AT_RISK) add(c.id, { code: 'low_csat', csat: c.csat.value, on: c.csat.on });
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
  const gravest = (list: AtRiskReason[]): number =>
    Math.max(0, ...list.map((r) => (r.code === 'open_complaint' ? SEVERITY_WEIGHT[r.severity] : 0)));
  return [...reasons.entries()]
    .map(([customerId, list]) => ({ customerId, customerName: names.get(customerId)!, reasons: list }))
    .sort(
      (a, b) =>
        b.reasons.length - a.reasons.length ||
        gravest(b.reasons) - gravest(a.reasons) ||
        byName(a.customerName, b.customerName) ||
        a.customerId - b.customerId,
    );
}

export async function listAtRisk(
  db: Kysely<DB>,
  query: z.output<typeof AtRiskQuery>,
  now: Date,
): Promise<{ items: AtRisk[]; total: number }> {
  const asOf = query.asOf ?? localIsoDate(now);
  // Every open complaint counts, of the check-ins only those already overdue; action items
  // are the seller's own, nobody's risk.
  const all = atRiskOf(
    await loadCareState(db, asOf, query.customerId, { ratings: true, checkInsDueBy: asOf, actions: false }),
  );
  return { items: all.slice(0, query.limit), total: all.length };
}
