import { afterEach, describe, expect, it } from 'vitest';
import { careMetrics } from '../../src-main/features/metrics/care';
import { freshStore, type TestStore } from '../helpers/store';
import { recorder } from './helpers';

/**
 * A hand-worked dataset written straight into a real database (no cadence, no triggers):
 * check-ins with given due days, statuses and answers, a rated sale, interactions, complaints.
 */
async function handWorked(): Promise<TestStore> {
  const t = await freshStore();
  const db = t.store.sqlite;
  const customer = Number(
    db.prepare("INSERT INTO customers (name, name_key, created_at, updated_at) VALUES ('A', 'a', 'x', 'x')").run()
      .lastInsertRowid,
  );
  const sale = (status: string, day: string, satisfaction: number | null, nps: number | null): number =>
    Number(
      db
        .prepare(
          `INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, satisfaction, nps,
             created_at, updated_at) VALUES ('s', ?, 1, 'EUR', ?, ?, ?, ?, ?, 'x', 'x')`,
        )
        .run(customer, status, day, day, satisfaction, nps).lastInsertRowid,
    );
  const base = sale('won', '2026-04-01', null, null);
  let step = 0;
  const checkIn = (
    due: string,
    status: string,
    on: string | null,
    csat: number | null = null,
    nps: number | null = null,
  ) =>
    db
      .prepare(
        `INSERT INTO check_ins (sale_id, customer_id, step_days, scheduled_on, due_on, status, completed_on, csat, nps,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')`,
      )
      .run(base, customer, step++, due, due, status, on, csat, nps);
  checkIn('2026-06-01', 'done', '2026-06-01', 5, 10); // a: due, on time; promoter
  checkIn('2026-06-01', 'done', '2026-06-03', 3, 7); // b: due, late; passive
  checkIn('2026-06-02', 'skipped', '2026-06-02'); // c
  checkIn('2026-06-02', 'pending', null); // d: missed
  checkIn('2026-06-03', 'pending', null); // e: due today, undecided
  checkIn('2026-05-25', 'done', '2026-06-02', 1, 2); // f: due before the range, done in it, late; detractor
  checkIn('2026-06-03', 'done', '2026-05-30', 4, null); // g: due in the range, done early (before it)
  sale('lost', '2026-06-02', 4, 9); // h: a lost sale rated when it closed; promoter
  sale('won', '2026-05-31', 5, 10); // closed before the range: not counted
  const interaction = db.prepare(
    "INSERT INTO interactions (customer_id, kind, occurred_on, summary, created_at) VALUES (?, 'call', ?, 'x', 'x')",
  );
  for (const day of ['2026-06-01', '2026-06-01', '2026-06-03']) interaction.run(customer, day);
  const complaint = db.prepare(
    `INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, status, resolved_on,
       remind_on, created_at, updated_at) VALUES (?, ?, 'call', 'other', 'low', 'x', ?, ?, ?, 'x', 'x')`,
  );
  complaint.run(customer, '2026-05-20', 'resolved', '2026-06-02', '2026-05-27'); // x: 13 days
  complaint.run(customer, '2026-06-01', 'resolved', '2026-06-03', '2026-06-08'); // y: 2 days
  complaint.run(customer, '2026-06-02', 'open', null, '2026-06-09'); // z
  complaint.run(customer, '2026-05-28', 'closed_unresolved', '2026-06-03', '2026-06-04'); // w
  complaint.run(customer, '2026-06-03', 'resolved', '2026-06-03', '2026-06-10'); // v: 0 days
  return t;
}

describe('care.metrics (a dataset worked out by hand)', () => {
  let t: TestStore;
  afterEach(() => t.cleanup());
  // Range 1–3 June, seen on 3 June.
  const metricsOf = async () =>
    careMetrics(t.store.db, { from: '2026-06-01', to: '2026-06-03' }, new Date('2026-06-03T12:00:00'));

  it('totals', async () => {
    t = await handWorked();
    const metrics = await metricsOf();
    expect(metrics.checkIns).toEqual({ due: 5, onTime: 2, late: 1, skipped: 1, missed: 1, onTimeRate: 0.4 });
    // Every answer given in the range: check-ins a (5), b (3), f (1) and sale h (4); g's came before it.
    expect(metrics.csat).toEqual({ responses: 4, average: 3.25 });
    // a (10) and h (9) promote, f (2) detracts, b (7) is passive: (2 − 1) / 4.
    expect(metrics.nps).toEqual({ responses: 4, promoters: 2, detractors: 1, score: 25 });
    expect(metrics.complaints).toEqual({ opened: 3, resolved: 3, closedUnresolved: 1, medianDaysToResolve: 2 });
    expect(metrics.interactions).toBe(3);
    // The won sale of 1 April is before the range and 31 May's too: nobody bought in it.
    expect(metrics.purchases).toEqual({ customersActive: 0, repeatCustomers: 0, repeatPurchaseRate: null });
  });

  it('one row of raw counts per day, which sum to the totals', async () => {
    t = await handWorked();
    const metrics = await metricsOf();
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
        csatResponses: 2,
        csatSum: 5,
        npsResponses: 2,
        npsPromoters: 1,
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

  it('says null, not zero, when there is nothing to measure', async () => {
    t = await freshStore();
    const empty = await careMetrics(t.store.db, { from: '2026-06-01', to: '2026-06-01' }, new Date('2026-06-01'));
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
