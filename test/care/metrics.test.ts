import { afterEach, describe, expect, it } from 'vitest';
import { computeCareMetrics } from '../../src-main/features/metrics/care';
import type { CheckInFact } from '../../src-main/features/metrics/careRepository';
import { freshStore, type TestStore } from '../helpers/store';
import { recorder } from './helpers';

const done = (due: string, on: string, csat: number | null = null, nps: number | null = null): CheckInFact => ({
  due_on: due,
  completed_on: on,
  status: 'done',
  csat,
  nps,
});

describe('computeCareMetrics (a dataset worked out by hand)', () => {
  // Range 1–3 June, seen on 3 June.
  const metrics = computeCareMetrics({
    from: '2026-06-01',
    to: '2026-06-03',
    asOf: '2026-06-03',
    checkIns: [
      done('2026-06-01', '2026-06-01', 5, 10), // a: due, on time; promoter
      done('2026-06-01', '2026-06-03', 3, 7), // b: due, late; passive
      { due_on: '2026-06-02', completed_on: '2026-06-02', status: 'skipped', csat: null, nps: null }, // c
      { due_on: '2026-06-02', completed_on: null, status: 'pending', csat: null, nps: null }, // d: missed
      { due_on: '2026-06-03', completed_on: null, status: 'pending', csat: null, nps: null }, // e: due today, undecided
      done('2026-05-25', '2026-06-02', 1, 2), // f: due before the range, done in it, late; detractor
      done('2026-06-03', '2026-05-30', 4, null), // g: due in the range, done early (before it)
    ],
    interactions: [
      { day: '2026-06-01', n: 2 },
      { day: '2026-06-03', n: 1 },
    ],
    complaints: [
      { opened_on: '2026-05-20', resolved_on: '2026-06-02', status: 'resolved' }, // x: 13 days
      { opened_on: '2026-06-01', resolved_on: '2026-06-03', status: 'resolved' }, // y: 2 days
      { opened_on: '2026-06-02', resolved_on: null, status: 'open' }, // z
      { opened_on: '2026-05-28', resolved_on: '2026-06-03', status: 'closed_unresolved' }, // w
      { opened_on: '2026-06-03', resolved_on: '2026-06-03', status: 'resolved' }, // v: 0 days
    ],
    purchases: { customersActive: 4, repeatCustomers: 1, previousCustomers: 5, retained: 2 },
  });

  it('totals', () => {
    expect(metrics.checkIns).toEqual({ due: 5, onTime: 2, late: 1, skipped: 1, missed: 1, onTimeRate: 0.4 });
    // a (5), b (3), f (1) were answered in the range; g's answer came before it.
    expect(metrics.csat).toEqual({ responses: 3, average: 3 });
    expect(metrics.nps).toEqual({ responses: 3, promoters: 1, detractors: 1, score: 0 });
    expect(metrics.complaints).toEqual({ opened: 3, resolved: 3, closedUnresolved: 1, medianDaysToResolve: 2 });
    expect(metrics.interactions).toBe(3);
    expect(metrics.purchases).toEqual({ customersActive: 4, repeatCustomers: 1, repeatPurchaseRate: 0.25 });
    expect(metrics.retention).toEqual({ previousCustomers: 5, retained: 2, rate: 0.4 });
  });

  it('one row of raw counts per day, which sum to the totals', () => {
    const zero = { csatResponses: 0, csatSum: 0, npsResponses: 0, npsPromoters: 0, npsDetractors: 0 };
    expect(metrics.daily).toEqual([
      {
        date: '2026-06-01',
        checkInsDue: 2,
        checkInsDueDoneOnTime: 1,
        checkInsDone: 1,
        checkInsDoneOnTime: 1,
        interactions: 2,
        ...zero,
        csatResponses: 1,
        csatSum: 5,
        npsResponses: 1,
        npsPromoters: 1,
        complaintsOpened: 1,
        complaintsResolved: 0,
      },
      {
        date: '2026-06-02',
        checkInsDue: 2,
        checkInsDueDoneOnTime: 0,
        checkInsDone: 1,
        checkInsDoneOnTime: 0,
        interactions: 0,
        ...zero,
        csatResponses: 1,
        csatSum: 1,
        npsResponses: 1,
        npsDetractors: 1,
        complaintsOpened: 1,
        complaintsResolved: 1,
      },
      {
        date: '2026-06-03',
        checkInsDue: 1,
        checkInsDueDoneOnTime: 1,
        checkInsDone: 1,
        checkInsDoneOnTime: 0,
        interactions: 1,
        ...zero,
        csatResponses: 1,
        csatSum: 3,
        npsResponses: 1,
        complaintsOpened: 1,
        complaintsResolved: 2,
      },
    ]);
  });

  it('says null, not zero, when there is nothing to measure', () => {
    const empty = computeCareMetrics({
      from: '2026-06-01',
      to: '2026-06-01',
      asOf: '2026-06-01',
      checkIns: [],
      interactions: [],
      complaints: [],
      purchases: { customersActive: 0, repeatCustomers: 0, previousCustomers: 0, retained: 0 },
    });
    expect(empty.checkIns.onTimeRate).toBeNull();
    expect(empty.csat.average).toBeNull();
    expect(empty.nps.score).toBeNull();
    expect(empty.complaints.medianDaysToResolve).toBeNull();
    expect(empty.purchases.repeatPurchaseRate).toBeNull();
    expect(empty.retention.rate).toBeNull();
    expect(empty.daily).toHaveLength(1);
  });
});

describe('care.metrics over a real database', () => {
  let t: TestStore;
  afterEach(() => t.cleanup());

  it('repeat purchases and retention against the previous period of equal length, filtered by segment or customer', async () => {
    t = await freshStore();
    const r = recorder(t);
    const insert = t.store.sqlite.prepare(
      `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, created_at, updated_at)
       VALUES ('s', ?, 1, 'EUR', ?, ?, ?, 'x', 'x')`,
    );
    const history: Record<string, [string, string[]]> = {
      A: ['Retail', ['2026-02-10', '2026-05-05']], // previous + this period: retained, repeat
      B: ['Retail', ['2026-04-10', '2026-06-01']], // twice in this period: repeat
      C: ['', ['2026-05-20']], // first purchase ever
      D: ['', ['2026-01-15']], // previous period only: not retained
      E: ['', ['2025-06-01', '2026-06-10']], // bought long ago, again now: repeat
    };
    const ids: Record<string, number> = {};
    for (const [name, [segment, days]] of Object.entries(history)) {
      ids[name] = (await r.customer(name, segment ? { segment } : {})).id;
      for (const day of days) insert.run(ids[name], 'won', day, day);
    }
    insert.run(ids.C, 'lost', '2026-05-01', '2026-05-01');

    // 1 April – 30 June is 91 days; the previous period is 31 December – 31 March.
    const range = { from: '2026-04-01', to: '2026-06-30' };
    const everyone = await r.call('care.metrics', range);
    expect(everyone.purchases).toEqual({ customersActive: 4, repeatCustomers: 3, repeatPurchaseRate: 0.75 });
    expect(everyone.retention).toEqual({ previousCustomers: 2, retained: 1, rate: 0.5 });
    expect(everyone.daily).toHaveLength(91);

    const retail = await r.call('care.metrics', { ...range, segment: 'Retail' });
    expect(retail.purchases).toEqual({ customersActive: 2, repeatCustomers: 2, repeatPurchaseRate: 1 });
    expect(retail.retention).toEqual({ previousCustomers: 1, retained: 1, rate: 1 });

    await r.call('care.interactions.create', {
      customerId: ids.C!,
      kind: 'call',
      occurredOn: '2026-06-02',
      summary: 'x',
    });
    await r.call('care.interactions.create', {
      customerId: ids.A!,
      kind: 'note',
      occurredOn: '2026-06-02',
      summary: 'y',
    });
    const c = await r.call('care.metrics', { ...range, customerId: ids.C! });
    expect(c.purchases).toEqual({ customersActive: 1, repeatCustomers: 0, repeatPurchaseRate: 0 });
    expect(c.interactions).toBe(1);
    expect(c.daily.find((d) => d.date === '2026-06-02')!.interactions).toBe(1);
    expect((await r.call('care.metrics', range)).interactions).toBe(2);
  });

  it('rejects a reversed or over-long range', async () => {
    t = await freshStore();
    const r = recorder(t);
    expect(() => r.call('care.metrics', { from: '2026-02-01', to: '2026-01-01' })).toThrow(/rangeOrder/);
    expect(() => r.call('care.metrics', { from: '2010-01-01', to: '2026-01-01' })).toThrow(/rangeTooLong/);
  });
});
