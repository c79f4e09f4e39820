import { beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../src-main/shared/api';
import { callerForEachTest, june, seed } from './helpers';

/**
 * Every metric's exact value and progress on one small, hand-made month, read back through
 * goals.get (SQL series → pace). FIXED_NOW is Monday 15 June 2026; the goals run over June.
 *
 * Customers: 1 Ada (SMB), 2 Bob (Enterprise), 3 Cy (SMB), 4 Dee (no segment).
 * Products: 1 Workshop, 2 Audit. Techniques: 1 SPIN, 2 Challenger.
 *
 *  sale  customer product   amount      status  closed   sat nps techniques
 *  1     Ada      Workshop  1000.00 EUR won     05-20    4   9   SPIN          (before June)
 *  2     Ada      Audit      500.00 EUR won     06-02    5   10  Challenger
 *  3     Bob      Workshop  2000.00 EUR won     06-03    3   6   SPIN
 *  4     Bob      Workshop   300.00 USD won     06-10    -   8   -
 *  5     Cy       Audit      700.00 EUR lost    06-04    -   3   SPIN
 *  6     Cy       Workshop   400.00 EUR won     06-12    4   -   SPIN, Challenger
 *  7     Dee      Audit      100.00 EUR open    (06-05)
 *  8     Bob      Audit      250.00 EUR won     06-15    5   9   -             (today)
 *  9     Ada      Workshop   600.00 EUR won     06-20    5   10  -             (after today)
 *  10    Dee      Workshop    50.00 EUR lost    06-08    -   -   -
 *
 * Check-ins: on sale 3 due 06-06 done 06-06 (csat 2, nps 9); on sale 2 due 06-08 done 06-10
 * (late); on sale 6 due 06-09 pending (missed by today); on sale 4 due 06-12 skipped; on sale 8
 * due 06-15 pending (today: not yet decided); on sale 8 due 06-20 pending (not yet due).
 * Interactions: Ada 05-30, Ada 06-01, Bob 06-05, Cy 06-05, Dee 06-14, Ada 06-16.
 */
const { t, call } = callerForEachTest();

beforeEach(() => {
  const s = seed(t);
  s.customer(1, 'Ada', 'SMB');
  s.customer(2, 'Bob', 'Enterprise');
  s.customer(3, 'Cy', 'SMB');
  s.customer(4, 'Dee');
  s.product(1, 'Workshop');
  s.product(2, 'Audit');
  s.technique(1, 'SPIN');
  s.technique(2, 'Challenger');
  s.sale({
    id: 1,
    customer: 1,
    product: 1,
    amount: 100000,
    status: 'won',
    on: '2026-05-20',
    satisfaction: 4,
    nps: 9,
    techniques: [1],
  });
  s.sale({
    id: 2,
    customer: 1,
    product: 2,
    amount: 50000,
    status: 'won',
    on: '2026-06-02',
    satisfaction: 5,
    nps: 10,
    techniques: [2],
  });
  s.sale({
    id: 3,
    customer: 2,
    product: 1,
    amount: 200000,
    status: 'won',
    on: '2026-06-03',
    satisfaction: 3,
    nps: 6,
    techniques: [1],
  });
  s.sale({ id: 4, customer: 2, product: 1, amount: 30000, currency: 'USD', status: 'won', on: '2026-06-10', nps: 8 });
  s.sale({ id: 5, customer: 3, product: 2, amount: 70000, status: 'lost', on: '2026-06-04', nps: 3, techniques: [1] });
  s.sale({
    id: 6,
    customer: 3,
    product: 1,
    amount: 40000,
    status: 'won',
    on: '2026-06-12',
    satisfaction: 4,
    techniques: [1, 2],
  });
  s.sale({ id: 7, customer: 4, product: 2, amount: 10000, status: 'open', on: '2026-06-05' });
  s.sale({ id: 8, customer: 2, product: 2, amount: 25000, status: 'won', on: '2026-06-15', satisfaction: 5, nps: 9 });
  s.sale({ id: 9, customer: 1, product: 1, amount: 60000, status: 'won', on: '2026-06-20', satisfaction: 5, nps: 10 });
  s.sale({ id: 10, customer: 4, product: 1, amount: 5000, status: 'lost', on: '2026-06-08' });
  s.checkIn({
    sale: 3,
    customer: 2,
    step: 3,
    due: '2026-06-06',
    status: 'done',
    completed: '2026-06-06',
    csat: 2,
    nps: 9,
  });
  s.checkIn({ sale: 2, customer: 1, step: 3, due: '2026-06-08', status: 'done', completed: '2026-06-10' });
  s.checkIn({ sale: 6, customer: 3, step: 3, due: '2026-06-09', status: 'pending' });
  s.checkIn({ sale: 4, customer: 2, step: 3, due: '2026-06-12', status: 'skipped', completed: '2026-06-12' });
  s.checkIn({ sale: 8, customer: 2, step: 0, due: '2026-06-15', status: 'pending' });
  s.checkIn({ sale: 8, customer: 2, step: 5, due: '2026-06-20', status: 'pending' });
  for (const [customer, on] of [
    [1, '2026-05-30'],
    [1, '2026-06-01'],
    [2, '2026-06-05'],
    [3, '2026-06-05'],
    [4, '2026-06-14'],
    [1, '2026-06-16'],
  ] as const)
    s.interaction(customer, on);
});

async function standing(goal: Input<'goals.create'>): Promise<{ actual: number | null; progress: number }> {
  const { id } = await call('goals.create', goal);
  const { pace } = await call('goals.get', { id });
  return { actual: pace.actual, progress: pace.progress };
}

describe('each metric, by hand', () => {
  it.each<[string, Input<'goals.create'>, number, number]>([
    // EUR won sales 2, 3, 6, 8 (the USD sale and the one after today left out).
    ['revenue', june({ metric: 'revenue', target: 500000 }), 315000, 315000 / 500000],
    ['deals_won', june({ metric: 'deals_won', target: 10 }), 5, 0.5],
    // won 5 / (won 5 + lost 2); a level short of its target scores actual / target.
    ['win_rate', june({ metric: 'win_rate', target: 0.8 }), 5 / 7, 5 / 7 / 0.8],
    // 315000 over the 4 EUR won sales.
    ['avg_deal', june({ metric: 'avg_deal', target: 100000 }), 78750, 0.7875],
    // Bob (first won 06-03) and Cy (06-12); Ada first bought in May.
    ['new_customers', june({ metric: 'new_customers', target: 4 }), 2, 0.5],
    // Ada (second purchase 06-02) and Bob (second 06-10, third 06-15: once).
    ['repeat_customers', june({ metric: 'repeat_customers', target: 4 }), 2, 0.5],
    // Won sales 5, 3, 4, 5 and the check-in's 2: 19 / 5.
    ['avg_satisfaction', june({ metric: 'avg_satisfaction', target: 4 }), 3.8, 0.95],
    // Sales 2 (+100), 3 (−100), 4 (0), 5 (−100, lost still answered), 8 (+100); check-in +100: 100 / 6.
    ['nps', june({ metric: 'nps', target: 25 }), 100 / 6, 100 / 6 / 25],
    // Decided by today: on time (06-06), late, missed (pending since 06-09), skipped: 1 of 4.
    ['checkins_on_time', june({ metric: 'checkins_on_time', target: 0.5 }), 0.25, 0.5],
    // 06-01, 06-05 twice, 06-14 (05-30 is May, 06-16 after today).
    ['interactions', june({ metric: 'interactions', target: 8 }), 4, 0.5],
  ])('%s', async (_metric, goal, actual, progress) => {
    const result = await standing(goal);
    expect(result.actual).toBeCloseTo(actual, 9);
    expect(result.progress).toBeCloseTo(progress, 9);
  });

  it('custom: logged values add up (sum) or the last reading counts (latest)', async () => {
    const calls = await call('goals.create', june({ metric: 'custom', customName: 'cold calls', target: 100 }));
    for (const [date, value] of [
      ['2026-05-29', 50],
      ['2026-06-01', 12],
      ['2026-06-01', 3],
      ['2026-06-12', 20],
    ] as const)
      await call('goals.values.log', { goalId: calls.id, date, value });
    expect((await call('goals.get', { id: calls.id })).pace).toMatchObject({ actual: 35, progress: 0.35 });

    const pipeline = await call(
      'goals.create',
      june({ metric: 'custom', customName: 'pipeline', aggregation: 'latest', target: 90 }),
    );
    for (const [date, value] of [
      ['2026-05-29', 40],
      ['2026-06-03', 55],
      ['2026-06-10', 70],
      ['2026-06-10', 60],
    ] as const)
      await call('goals.values.log', { goalId: pipeline.id, date, value });
    // The last reading logged on 06-10 is 60; the line starts at May's 40: (60 − 40) / (90 − 40).
    expect((await call('goals.get', { id: pipeline.id })).pace).toMatchObject({
      actual: 60,
      progress: 0.4,
      model: 'trend',
    });
  });
});

describe('filters', () => {
  it.each<[string, Partial<Input<'goals.create'>>, number]>([
    ['a product', { filters: { productIds: [1] } }, 240000], // sales 3, 6
    ['a technique', { filters: { techniqueIds: [2] } }, 90000], // sales 2, 6
    ['either of two techniques', { filters: { techniqueIds: [1, 2] } }, 290000], // 2, 3, 6
    ['a segment', { filters: { segments: ['SMB'] } }, 90000], // Ada's 2, Cy's 6
    ['a product and a segment', { filters: { productIds: [1], segments: ['SMB'] } }, 40000], // 6
  ])('narrow revenue by %s', async (_what, more, actual) => {
    expect((await standing(june({ metric: 'revenue', target: 500000, ...more }))).actual).toBe(actual);
  });

  it('count a new customer of a product at their first purchase of it', async () => {
    // Audit: Ada's first won Audit sale is 06-02 (her first sale was May's Workshop), Bob's 06-15.
    expect((await standing(june({ metric: 'new_customers', target: 4, filters: { productIds: [2] } }))).actual).toBe(2);
  });

  it('narrow care metrics by segment, and refuse products for them', async () => {
    expect(
      (await standing(june({ metric: 'interactions', target: 8, filters: { segments: ['SMB', 'Enterprise'] } })))
        .actual,
    ).toBe(3);
    // SMB check-ins: Ada's late one and Cy's missed one.
    expect(
      (await standing(june({ metric: 'checkins_on_time', target: 0.5, filters: { segments: ['SMB'] } }))).actual,
    ).toBe(0);
    await expect(
      call('goals.create', june({ metric: 'interactions', target: 8, filters: { productIds: [1] } })),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ path: 'filters.productIds' }] });
    await expect(
      call('goals.create', june({ metric: 'revenue', target: 8, filters: { productIds: [99] } })),
    ).rejects.toMatchObject({ issues: [{ path: 'filters.productIds', message: 'errors.unknownProduct' }] });
  });
});
