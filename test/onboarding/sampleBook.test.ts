import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src-main/shared/dates';
import { FIXED_NOW, freshStore, type TestStore } from '../helpers/store';
import { one } from '../helpers/sample';

/**
 * The sample is a well-kept book on the day it is made: what the seller sees first is a
 * handful of things to do, not months of neglect.
 */
describe('the sample book on its first day', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await freshStore();
    await t.handlers['onboarding.start']({ mode: 'sample' });
  });
  afterAll(() => t.cleanup());

  it('has a few follow-ups overdue by days, and some due today and this week', async () => {
    const today = localIsoDate(FIXED_NOW);
    const list = await t.handlers['care.followups.list']({ asOf: today, limit: 2000 });
    expect(list.counts.overdue).toBeGreaterThan(0);
    expect(list.counts.overdue).toBeLessThanOrEqual(12);
    expect(Math.max(...list.overdue.map((item) => item.daysOverdue))).toBeLessThanOrEqual(14);
    expect(list.counts.today).toBeGreaterThanOrEqual(1);
    expect(list.counts.today + list.counts.week).toBeGreaterThanOrEqual(5);
    const badge = await t.handlers['care.followups.count']({ asOf: today });
    expect(badge.overdue).toBe(list.counts.overdue);
  });

  it('has its complaints mostly resolved', () => {
    const total = one(t, 'SELECT count(*) FROM complaints');
    const settled = one(t, "SELECT count(*) FROM complaints WHERE status IN ('resolved', 'closed_unresolved')");
    expect(total).toBeGreaterThan(20);
    expect(settled / total).toBeGreaterThan(0.9);
  });
});
