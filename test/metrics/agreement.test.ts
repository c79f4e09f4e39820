import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Output } from '../../src-main/shared/api';
import { addDays } from '../../src-main/shared/dates';
import { freshStore, type TestStore } from '../helpers/store';
import { caller, seed } from '../goals/db/helpers';

/**
 * stats.summary, a goal on the same metric and care.metrics are three views of one metrics
 * module: over random sales, check-ins and customers, a random period and a random segment
 * filter, they must give the same number, and that number must be the documented one
 * (worked out here from the generated rows, independently of the SQL).
 */

const START = '2026-03-02';
const SEGMENTS = ['SMB', 'Enterprise'] as const;

interface Sale {
  customer: number;
  status: 'won' | 'lost' | 'open';
  day: number;
  amount: number;
  currency: 'EUR' | 'USD';
  satisfaction: number | null;
  nps: number | null;
}
interface CheckIn {
  sale: number;
  due: number;
  status: 'pending' | 'done' | 'skipped';
  completed: number;
  csat: number | null;
  nps: number | null;
}

const sale = fc.record<Sale>({
  customer: fc.integer({ min: 1, max: 5 }),
  status: fc.constantFrom('won', 'won', 'lost', 'open'),
  day: fc.integer({ min: 0, max: 80 }),
  amount: fc.integer({ min: 0, max: 500_000 }),
  currency: fc.constantFrom('EUR', 'EUR', 'USD'),
  satisfaction: fc.option(fc.integer({ min: 1, max: 5 })),
  nps: fc.option(fc.integer({ min: 0, max: 10 })),
});
const checkIn = fc
  .record<CheckIn>({
    sale: fc.nat(),
    due: fc.integer({ min: 0, max: 80 }),
    status: fc.constantFrom('pending', 'done', 'done', 'skipped'),
    completed: fc.integer({ min: 0, max: 80 }),
    csat: fc.option(fc.integer({ min: 1, max: 5 })),
    nps: fc.option(fc.integer({ min: 0, max: 10 })),
  })
  // Answers only at done check-ins: the schema insists.
  .map((c) => (c.status === 'done' ? c : { ...c, csat: null, nps: null }));
const world = fc.record({
  segments: fc.array(fc.constantFrom<(typeof SEGMENTS)[number] | null>(...SEGMENTS, null), {
    minLength: 5,
    maxLength: 5,
  }),
  sales: fc.array(sale, { minLength: 1, maxLength: 25 }),
  checkIns: fc.array(checkIn, { maxLength: 15 }),
  // At least a week, so a fixed goal always has working days.
  from: fc.integer({ min: 0, max: 60 }),
  length: fc.integer({ min: 7, max: 30 }),
  segment: fc.option(fc.constantFrom(...SEGMENTS)),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

/** The documented definitions, straight from the rows. */
function expected(w: World, from: number, to: number) {
  const keep = (customer: number): boolean => w.segment === null || w.segments[customer - 1] === w.segment;
  const sales = w.sales.filter((s) => keep(s.customer));
  const inside = (day: number): boolean => day >= from && day <= to;
  const won = sales.filter((s) => s.status === 'won' && inside(s.day));
  const decided = sales.filter((s) => s.status !== 'open' && inside(s.day));
  const eur = won.filter((s) => s.currency === 'EUR');
  const answers = [
    ...decided.map((s) => ({ satisfaction: s.satisfaction, nps: s.nps })),
    ...w.checkIns
      .filter((c) => c.status === 'done' && inside(c.completed) && keep(w.sales[c.sale % w.sales.length]!.customer))
      .map((c) => ({ satisfaction: c.csat, nps: c.nps })),
  ];
  const scores = answers.flatMap((a) => (a.satisfaction === null ? [] : [a.satisfaction]));
  const npsAnswers = answers.flatMap((a) => (a.nps === null ? [] : [a.nps]));
  // Purchase order per customer: closing day, then id (the order rows were written in).
  const ordered = sales
    .map((s, id) => ({ ...s, id }))
    .filter((s) => s.status === 'won' && s.day <= to)
    .sort((a, b) => a.day - b.day || a.id - b.id);
  const active = new Set<number>();
  const fresh = new Set<number>();
  const repeat = new Set<number>();
  const seen = new Set<number>();
  for (const s of ordered) {
    if (inside(s.day)) {
      active.add(s.customer);
      if (!seen.has(s.customer)) fresh.add(s.customer);
      else repeat.add(s.customer);
    }
    seen.add(s.customer);
  }
  const mean = (xs: number[]): number | null => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    revenue: eur.reduce((sum, s) => sum + s.amount, 0),
    deals_won: won.length,
    win_rate: decided.length > 0 ? won.length / decided.length : null,
    avg_deal: mean(eur.map((s) => s.amount)),
    customers_active: active.size,
    new_customers: fresh.size,
    repeat_customers: repeat.size,
    avg_satisfaction: mean(scores),
    nps: mean(npsAnswers.map((n) => (n >= 9 ? 100 : n <= 6 ? -100 : 0))),
  };
}

const GOAL_METRICS = [
  ['revenue', 1000],
  ['deals_won', 5],
  ['win_rate', 0.5],
  ['avg_deal', 1000],
  ['new_customers', 2],
  ['repeat_customers', 2],
  ['avg_satisfaction', 4],
  ['nps', 30],
] as const;

const round = (x: number | null, places: number): number | null =>
  x === null ? null : Math.round(x * 10 ** places) / 10 ** places;

describe('stats, goals and care agree (property, real SQLite)', () => {
  let t: TestStore;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    t = await freshStore();
    call = caller(t);
  });
  afterAll(() => t.cleanup());

  function write(w: World): void {
    const db = t.store.sqlite;
    for (const table of ['goals', 'check_ins', 'sale_techniques', 'sales', 'customers'])
      db.prepare(`DELETE FROM ${table}`).run();
    const s = seed(t);
    w.segments.forEach((segment, i) => s.customer(i + 1, `C${i + 1}`, segment));
    w.sales.forEach((x, i) =>
      s.sale({
        id: i + 1,
        customer: x.customer,
        amount: x.amount,
        currency: x.currency,
        status: x.status,
        on: addDays(START, x.day),
        satisfaction: x.satisfaction,
        nps: x.nps,
      }),
    );
    w.checkIns.forEach((c, step) => {
      const id = (c.sale % w.sales.length) + 1;
      s.checkIn({
        sale: id,
        customer: w.sales[id - 1]!.customer,
        step,
        due: addDays(START, c.due),
        status: c.status,
        completed: c.status === 'pending' ? undefined : addDays(START, c.completed),
        csat: c.csat,
        nps: c.nps,
      });
    });
  }

  it('give the same number for every shared metric', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        write(w);
        const to = w.from + w.length - 1;
        const period = { from: addDays(START, w.from), to: addDays(START, to) };
        const want = expected(w, w.from, to);
        const segments = w.segment === null ? [] : [w.segment];

        const goals: Record<string, number | null> = {};
        for (const [metric, target] of GOAL_METRICS) {
          const { id } = await call('goals.create', {
            title: metric,
            metric,
            target,
            period: { kind: 'fixed', ...period },
            filters: { productIds: [], techniqueIds: [], segments },
          } as Input<'goals.create'>);
          goals[metric] = (await call('goals.get', { id })).pace.actual;
        }
        const care: Output<'care.metrics'> = await call('care.metrics', {
          ...period,
          ...(w.segment === null ? {} : { segment: w.segment }),
        });

        // Each goal against the documented value (exact, before rounding for display).
        const close = (actual: number | null, value: number | null): void => {
          if (value === null) expect(actual).toBeNull();
          else expect(actual).toBeCloseTo(value, 9);
        };
        close(goals.revenue ?? 0, want.revenue);
        close(goals.deals_won ?? 0, want.deals_won);
        close(goals.win_rate!, want.win_rate);
        close(goals.avg_deal!, want.avg_deal);
        close(goals.new_customers ?? 0, want.new_customers);
        close(goals.repeat_customers ?? 0, want.repeat_customers);
        close(goals.avg_satisfaction!, want.avg_satisfaction);
        close(goals.nps!, want.nps);

        // Care, for any segment.
        expect(care.csat.average).toBe(round(want.avg_satisfaction, 2));
        expect(care.nps.score).toBe(round(want.nps, 1));
        expect(care.purchases.repeatCustomers).toBe(want.repeat_customers);
        expect(care.purchases.customersActive).toBe(want.customers_active);

        // The stats take no filter: compared when the world is not narrowed.
        if (w.segment !== null) return;
        const stats = await call('stats.summary', period);
        expect(stats).toMatchObject({
          revenue_cents: want.revenue,
          deals_won: want.deals_won,
          win_rate: round(want.win_rate, 4),
          avg_deal_cents: round(want.avg_deal, 0),
          customers_active: want.customers_active,
          new_customers: want.new_customers,
          repeat_customers: want.repeat_customers,
          avg_satisfaction: round(want.avg_satisfaction, 2),
          nps: round(want.nps, 1),
        });
      }),
      { numRuns: 25, seed: 20260615 },
    );
  });
});
