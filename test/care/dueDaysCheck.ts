import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { REORDER_LAPSED_FACTOR, REORDER_MIN_PURCHASES } from '../../src-main/features/care/contract';
import { contactRuleFor, type RuleLike } from '../../src-main/features/care/rules';
import { isoToDayNumber } from '../../src-main/shared/dates';

interface FactsRow {
  customer_id: number;
  last_contact_on: string | null;
  open_sales: number;
  purchase_days: number;
  last_purchase_on: string | null;
  usual_days: number | null;
}

/**
 * The due days kept by db/dueDays.ts equal what the JS contact rules (contactRuleFor) and the
 * care facts give each active customer, worked out here; and the table holds (no rule written
 * behind its back). `after` names the write in a failure.
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
    return {
      customer_id: c.id,
      contact,
      rule: rule ? rule.idealDays * 10_000 + rule.maxDays : null,
      stay: rule && contactDay !== null ? contactDay + rule.idealDays : null,
      quiet_until: rule && contactDay !== null ? contactDay + rule.maxDays : null,
      reorder: reorders ? lastPurchase + f.usual_days! : null,
      reorder_until: reorders ? lastPurchase + REORDER_LAPSED_FACTOR * f.usual_days! : null,
      open_sales: f?.open_sales ?? 0,
    };
  });
  expect(sqlite.prepare('SELECT * FROM customer_due_days ORDER BY customer_id').all(), after).toEqual(expected);
}
