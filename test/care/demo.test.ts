import { afterEach, describe, expect, it } from 'vitest';
import { generateSampleData } from '../../src-main/features/onboarding/sampleData';
import { isIsoDate } from '../../src-main/shared/dates';
import { freshStore, FIXED_NOW, type TestStore } from '../helpers/store';
import { caller } from './helpers';

const END = '2026-06-15';
const stores: TestStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((t) => t.cleanup()));
});

async function sample(seed: number): Promise<TestStore> {
  const t = await freshStore();
  stores.push(t);
  await t.store.db
    .transaction()
    .execute((trx) =>
      generateSampleData(trx, t.store.sqlite, { sales: 1500, seed, endDate: END, currency: 'EUR' }, FIXED_NOW),
    );
  return t;
}
const rows = (t: TestStore, sql: string): Record<string, unknown>[] =>
  t.store.sqlite.prepare(sql).all() as Record<string, unknown>[];
const one = (t: TestStore, sql: string): unknown => t.store.sqlite.prepare(sql).pluck().get();
const CARE = ['check_ins', 'interactions', 'complaints', 'contact_rules'];

describe('sample data: the care history', () => {
  it('is deterministic by seed', async () => {
    const [a, b, c] = [await sample(7), await sample(7), await sample(8)];
    for (const table of CARE)
      expect(rows(b, `SELECT * FROM ${table} ORDER BY id`)).toEqual(rows(a, `SELECT * FROM ${table} ORDER BY id`));
    expect(rows(c, 'SELECT * FROM check_ins ORDER BY id')).not.toEqual(rows(a, 'SELECT * FROM check_ins ORDER BY id'));
  });

  it('looks like a seller who mostly keeps up: done, skipped, overdue and upcoming check-ins, complaints in every state', async () => {
    const t = await sample(42);
    expect(rows(t, 'PRAGMA foreign_key_check')).toEqual([]);
    const won = one(t, "SELECT count(*) FROM sales WHERE status = 'won'") as number;
    // Default cadence: three per won sale.
    expect(one(t, 'SELECT count(*) FROM check_ins')).toBe(3 * won);
    const byStatus = Object.fromEntries(
      rows(t, 'SELECT status, count(*) AS n FROM check_ins GROUP BY status').map((r) => [r.status, r.n]),
    ) as Record<string, number>;
    expect(byStatus.done! / (3 * won)).toBeGreaterThan(0.7);
    expect(byStatus.skipped).toBeGreaterThan(20);
    const overdue = one(t, `SELECT count(*) FROM check_ins WHERE status = 'pending' AND due_on < '${END}'`) as number;
    expect(overdue).toBeGreaterThan(2);
    expect(overdue).toBeLessThan(60);
    expect(one(t, `SELECT count(*) FROM check_ins WHERE status = 'pending' AND due_on > '${END}'`)).toBeGreaterThan(50);
    // Nothing happened after the end date.
    expect(one(t, `SELECT count(*) FROM check_ins WHERE completed_on > '${END}'`)).toBe(0);
    expect(one(t, `SELECT count(*) FROM interactions WHERE occurred_on > '${END}'`)).toBe(0);
    expect(one(t, `SELECT count(*) FROM complaints WHERE opened_on > '${END}' OR resolved_on > '${END}'`)).toBe(0);
    for (const r of rows(t, 'SELECT due_on, completed_on FROM check_ins'))
      for (const day of [r.due_on, r.completed_on]) if (day !== null) expect(isIsoDate(day as string)).toBe(true);

    const complaintStatuses = rows(t, 'SELECT DISTINCT status FROM complaints ORDER BY 1').map((r) => r.status);
    expect(complaintStatuses).toEqual(['closed_unresolved', 'in_progress', 'open', 'resolved']);
    // Every concern raised at a check-in has its complaint.
    expect(one(t, 'SELECT count(*) FROM check_ins WHERE concern IS NOT NULL')).toBe(
      one(t, "SELECT count(*) FROM complaints WHERE source = 'check_in'"),
    );
    expect(one(t, 'SELECT count(*) FROM interactions')).toBeGreaterThan(1500);
    expect(one(t, 'SELECT count(*) FROM contact_rules')).toBe(3);

    // Every screen has something to show.
    const call = caller(t);
    const list = await call('care.followups.list', { asOf: END });
    expect(list.counts.overdue).toBeGreaterThan(0);
    expect(list.counts.week).toBeGreaterThan(0);
    expect((await call('care.atRisk', { asOf: END })).total).toBeGreaterThan(5);
    const metrics = await call('care.metrics', { from: '2026-01-01', to: END });
    expect(metrics.checkIns.onTimeRate).toBeGreaterThan(0.5);
    expect(metrics.checkIns.onTimeRate).toBeLessThan(0.95);
    expect(metrics.nps.responses).toBeGreaterThan(100);
    expect(metrics.complaints.medianDaysToResolve).not.toBeNull();
  });

  it('keeps contact rules the seller already has', async () => {
    const t = await freshStore();
    stores.push(t);
    await caller(t)('care.contactRules.set', { rules: [{ scope: 'default', idealDays: 10, maxDays: 20 }] });
    await t.store.db
      .transaction()
      .execute((trx) =>
        generateSampleData(trx, t.store.sqlite, { sales: 100, seed: 1, endDate: END, currency: 'EUR' }, FIXED_NOW),
      );
    expect(rows(t, 'SELECT scope, ideal_days FROM contact_rules')).toEqual([{ scope: 'default', ideal_days: 10 }]);
  });
});
