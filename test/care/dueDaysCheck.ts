import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { MERGE_DAYS, REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES } from '../../src-main/features/care/contract';
import { contactRuleFor, type RuleLike } from '../../src-main/features/care/rules';
import { dayNumberToIso, isoToDayNumber } from '../../src-main/shared/dates';

interface FactsRow {
  customer_id: number;
  last_contact_on: string | null;
  open_sales: number;
  purchase_days: number;
  last_purchase_on: string | null;
  usual_days: number | null;
}

/**
 * The due days kept by db/dueDays.ts equal what the JS contact rules (contactRuleFor), the care
 * facts, the snoozes, the pending check-ins and the open complaints give each active customer,
 * worked out here; and the table holds (no rule written behind its back). `after` names the
 * write in a failure.
 */
export function expectDueDaysRecomputed(sqlite: Database.Database, after: string): void {
  expect(sqlite.prepare('SELECT count(*) FROM customer_due_days_stale').pluck().get(), after).toBe(0);
  const rules = (
    sqlite.prepare('SELECT scope, value, customer_id, ideal_days, max_days FROM contact_rules ORDER BY id').all() as {
      scope: RuleLike['scope'];
      value: string | null;
      customer_id: number | null;
      ideal_days: number;
      max_days: number;
    }[]
  ).map((r) => ({
    scope: r.scope,
    value: r.value,
    customerId: r.customer_id,
    idealDays: r.ideal_days,
    maxDays: r.max_days,
  }));
  const facts = new Map(
    (sqlite.prepare('SELECT * FROM customer_care_facts').all() as FactsRow[]).map((f) => [f.customer_id, f]),
  );
  const snoozes = new Map(
    (
      sqlite.prepare('SELECT customer_id, kind, basis_on, due_on FROM follow_up_snoozes').all() as {
        customer_id: number;
        kind: string;
        basis_on: string;
        due_on: string;
      }[]
    ).map((s) => [`${s.kind} ${s.customer_id}`, s]),
  );
  const pending = new Map<number, number[]>();
  for (const k of sqlite.prepare("SELECT customer_id, due_on FROM check_ins WHERE status = 'pending'").all() as {
    customer_id: number;
    due_on: string;
  }[])
    pending.set(k.customer_id, [...(pending.get(k.customer_id) ?? []), isoToDayNumber(k.due_on)]);
  const complaining = new Set(
    sqlite
      .prepare("SELECT customer_id FROM complaints WHERE status IN ('open', 'in_progress')")
      .pluck()
      .all() as number[],
  );
  const customers = sqlite
    .prepare('SELECT id, segment, tags FROM customers WHERE archived_at IS NULL ORDER BY id')
    .all() as { id: number; segment: string | null; tags: string }[];
  const expected = customers.map((c) => {
    const f = facts.get(c.id);
    const rule = contactRuleFor(rules, { id: c.id, segment: c.segment, tags: JSON.parse(c.tags) as string[] });
    const contact = f?.last_contact_on ?? null;
    const contactDay = contact === null ? null : isoToDayNumber(contact);
    const reorders = f !== undefined && f.purchase_days >= REORDER_MIN_PURCHASES && f.open_sales === 0;
    const lastPurchase = reorders ? isoToDayNumber(f.last_purchase_on!) : 0;
    const snoozed = (kind: string, due: number | null): number | null => {
      const snooze = snoozes.get(`${kind} ${c.id}`);
      return due !== null && snooze?.basis_on === dayNumberToIso(due) ? isoToDayNumber(snooze.due_on) : due;
    };
    const rides = (due: number | null): number =>
      due !== null && (pending.get(c.id) ?? []).some((k) => Math.abs(k - due) <= MERGE_DAYS) ? 1 : 0;
    const stayDue = snoozed('stay_in_touch', rule && contactDay !== null ? contactDay + rule.idealDays : null);
    const reorder = reorders ? lastPurchase + f.usual_days! : null;
    const reorderDue = snoozed('reorder', reorder);
    return {
      customer_id: c.id,
      contact,
      rule: rule ? rule.idealDays * 10_000 + rule.maxDays : null,
      stay_due: stayDue,
      stay_rides: rides(stayDue),
      quiet_until: rule && contactDay !== null ? contactDay + rule.maxDays : null,
      reorder,
      reorder_due: reorderDue,
      reorder_rides: rides(reorderDue),
      reorder_until: reorders ? lastPurchase + REORDER_LAPSED_FACTOR * f.usual_days! : null,
      open_sales: f?.open_sales ?? 0,
      busy: pending.has(c.id) || complaining.has(c.id) ? 1 : 0,
    };
  });
  expect(sqlite.prepare('SELECT * FROM customer_due_days ORDER BY customer_id').all(), after).toEqual(expected);
}
