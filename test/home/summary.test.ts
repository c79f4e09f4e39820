import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HomeCard, HomeSummary } from '../../src-main/features/home/contract';
import type { Input } from '../../src-main/shared/api';
import { freshStore, type TestStore } from '../helpers/store';
import { callerForEachTest, caller, seed, type Caller } from '../goals/db/helpers';

/**
 * Home's cards on a small book worked out by hand (FIXED_NOW is Monday 15 June 2026, so "this
 * month" is 1–15 June, compared with 1–15 May), and every card against stats.summary, goals
 * and follow-ups for the same periods, on that book and on the demo data.
 */

const card = (home: HomeSummary, key: HomeCard['key'], currency: string | null = null): HomeCard => {
  const found = home.cards.find((c) => c.key === key && c.currency === currency);
  if (!found) throw new Error(`no ${key} card in ${currency}`);
  return found;
};

function handBook(t: TestStore): void {
  const s = seed(t);
  const customer = t.store.sqlite.prepare(
    `INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (?, ?, lower(?), ?, ?)`,
  );
  for (const [id, name] of [
    [1, 'Ada'],
    [2, 'Bo'],
    [3, 'Cy'],
    [4, 'Di'],
  ] as const)
    customer.run(id, name, name, '2026-04-01T09:00:00.000Z', '2026-04-01T09:00:00.000Z');
  s.sale({ id: 1, customer: 1, amount: 50_000, status: 'won', on: '2026-04-20' });
  s.sale({ id: 2, customer: 1, amount: 20_000, status: 'won', on: '2026-05-05', satisfaction: 4, nps: 9 });
  s.sale({ id: 3, customer: 2, status: 'lost', on: '2026-05-10', satisfaction: 2, nps: 5 });
  s.sale({ id: 4, customer: 2, amount: 30_000, status: 'won', on: '2026-06-02', satisfaction: 5, nps: 10 });
  s.sale({ id: 5, customer: 1, amount: 40_000, status: 'won', on: '2026-06-03' });
  s.sale({
    id: 6,
    customer: 3,
    amount: 10_000,
    currency: 'USD',
    status: 'won',
    on: '2026-06-09',
    satisfaction: 3,
    nps: 7,
  });
  s.sale({ id: 7, customer: 4, status: 'lost', on: '2026-06-10', nps: 6 });
  s.sale({ id: 8, customer: 1, amount: 10_000, status: 'won', on: '2026-06-12' });
  s.sale({ id: 9, customer: 4, status: 'open', on: '2026-06-11' });
  // A check-in due today: today's one follow-up.
  s.checkIn({ sale: 8, customer: 1, step: 3, due: '2026-06-15', status: 'pending' });
  const complaint = t.store.sqlite.prepare(
    `INSERT INTO complaints (customer_id, opened_on, source, category, severity, description, status, resolved_on,
       remind_on, created_at, updated_at) VALUES (?, ?, 'call', 'product', 'low', 'Late', ?, ?, '2026-09-01', ?, ?)`,
  );
  const at = '2026-05-02T09:00:00.000Z';
  complaint.run(1, '2026-05-02', 'resolved', '2026-05-20', at, at); // open on 15 May, not on 15 June
  complaint.run(2, '2026-06-05', 'open', null, at, at); // open on 15 June
  complaint.run(3, '2026-06-08', 'closed_unresolved', '2026-06-14', at, at); // closed before 15 June
}

describe('home.summary on a hand-computed book', () => {
  const { t, call } = callerForEachTest();
  beforeEach(() => handBook(t));

  it('gives each card its value, the previous value, the change and the weekly trend', async () => {
    await call('goals.create', {
      title: 'Four deals',
      metric: 'deals_won',
      target: 4,
      period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' },
    } as Input<'goals.create'>);
    await call('goals.create', {
      title: 'A big June',
      metric: 'revenue',
      target: 10_000_000,
      period: { kind: 'fixed', from: '2026-06-01', to: '2026-06-30' },
    } as Input<'goals.create'>);
    const home = await call('home.summary', { period: 'month', compare: 'previous' });
    expect(home).toMatchObject({
      asOf: '2026-06-15',
      current: { from: '2026-06-01', to: '2026-06-15' },
      previous: { from: '2026-05-01', to: '2026-05-15' },
      grain: 'week',
      currencies: ['EUR', 'USD'],
      followUps: { today: 1, overdue: 0 },
      goals: { onTrack: 1, total: 2, behind: 1 },
      hasSales: true,
    });
    const weeks = [
      { from: '2026-06-01', to: '2026-06-07' },
      { from: '2026-06-08', to: '2026-06-14' },
      { from: '2026-06-15', to: '2026-06-15' },
    ];
    const trend = (values: (number | null)[]) => weeks.map((w, i) => ({ ...w, value: values[i] }));
    expect(card(home, 'revenue', 'EUR')).toEqual({
      key: 'revenue',
      currency: 'EUR',
      value: 80_000,
      previous: 20_000,
      change: 60_000,
      relative: 3,
      trend: trend([70_000, 10_000, 0]),
    });
    expect(card(home, 'revenue', 'USD')).toMatchObject({ value: 10_000, previous: 0, change: 10_000, relative: null });
    expect(card(home, 'deals_won')).toMatchObject({ value: 4, previous: 1, change: 3, relative: 3 });
    expect(card(home, 'deals_won').trend).toEqual(trend([2, 2, 0]));
    const winRate = card(home, 'win_rate');
    expect([winRate.value, winRate.previous]).toEqual([0.8, 0.5]);
    expect(winRate.change).toBeCloseTo(0.3, 10);
    expect(winRate.trend).toEqual(trend([1, 0.6667, null]));
    expect(card(home, 'avg_deal', 'EUR')).toMatchObject({ value: 26_667, previous: 20_000, change: 6_667 });
    expect(card(home, 'avg_deal', 'USD')).toMatchObject({ value: 10_000, previous: null, change: null });
    expect(card(home, 'new_customers')).toMatchObject({ value: 2, previous: 0, change: 2, relative: null });
    expect(card(home, 'new_customers').trend).toEqual(trend([1, 1, 0]));
    // Ada bought again in both weeks: once per week in the trend, once in the month.
    expect(card(home, 'repeat_customers')).toMatchObject({ value: 1, previous: 1, change: 0, relative: 0 });
    expect(card(home, 'repeat_customers').trend).toEqual(trend([1, 1, 0]));
    expect(card(home, 'repeat_revenue_share', 'EUR')).toMatchObject({ value: 0.625, previous: 1, change: -0.375 });
    expect(card(home, 'repeat_revenue_share', 'USD')).toMatchObject({ value: 0, previous: null });
    expect(card(home, 'avg_satisfaction')).toMatchObject({ value: 4, previous: 3, change: 1, relative: 1 / 3 });
    expect(card(home, 'avg_satisfaction').trend).toEqual(trend([5, 3, null]));
    expect(card(home, 'nps')).toMatchObject({ value: 0, previous: 0, change: 0, relative: null });
    expect(card(home, 'complaints_open')).toMatchObject({ value: 1, previous: 1, change: 0 });
    expect(card(home, 'complaints_open').trend).toEqual(trend([1, 1, 1]));
  });

  it('compares with the same dates a year earlier, and cuts a custom range by day, week or month', async () => {
    const lastYear = await call('home.summary', { period: 'quarter', compare: 'last_year' });
    expect(lastYear).toMatchObject({
      current: { from: '2026-04-01', to: '2026-06-15' },
      previous: { from: '2025-04-01', to: '2025-06-15' },
      grain: 'week',
    });
    expect(card(lastYear, 'revenue', 'EUR')).toMatchObject({ value: 150_000, previous: 0 });
    const week = await call('home.summary', { period: 'week' });
    expect(week).toMatchObject({
      current: { from: '2026-06-15', to: '2026-06-15' },
      previous: { from: '2026-06-08', to: '2026-06-08' },
      grain: 'day',
    });
    const year = await call('home.summary', { period: 'custom', from: '2026-01-01', to: '2026-12-31' });
    expect(year).toMatchObject({ grain: 'month', previous: { from: '2025-01-01', to: '2025-12-31' } });
    expect(card(year, 'revenue', 'EUR').trend.map((b) => b.value)).toEqual([
      0, 0, 0, 50_000, 20_000, 80_000, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('refuses a custom range without both ends or with them the wrong way round, naming the field', async () => {
    const refuse = (input: unknown) => call('home.summary', input as Input<'home.summary'>);
    await expect(refuse({ period: 'custom', from: '2026-01-01' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['to'], message: 'errors.required' })],
    });
    await expect(refuse({ period: 'custom', from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['to'], message: 'errors.rangeOrder' })],
    });
    await expect(refuse({ period: 'fortnight' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['period'] })],
    });
  });
});

/** Every card against stats.summary (and goals, follow-ups) for the very same periods. */
async function agrees(t: TestStore, call: Caller, query: Input<'home.summary'>): Promise<void> {
  const home = await call('home.summary', query);
  for (const [range, side] of [
    [home.current, 'value'],
    [home.previous, 'previous'],
  ] as const) {
    for (const currency of home.currencies) {
      const stats = await call('stats.summary', { ...range, currency });
      expect(card(home, 'revenue', currency)[side]).toBe(stats.revenue_cents);
      expect(card(home, 'avg_deal', currency)[side]).toBe(stats.avg_deal_cents);
      if (currency === home.currencies[0]) {
        expect(card(home, 'deals_won')[side]).toBe(stats.deals_won);
        expect(card(home, 'win_rate')[side]).toBe(stats.win_rate);
        expect(card(home, 'new_customers')[side]).toBe(stats.new_customers);
        expect(card(home, 'repeat_customers')[side]).toBe(stats.repeat_customers);
        expect(card(home, 'avg_satisfaction')[side]).toBe(stats.avg_satisfaction);
        expect(card(home, 'nps')[side]).toBe(stats.nps);
      }
    }
    // Complaints open at the period's end, counted straight from the rows.
    const open = t.store.sqlite
      .prepare(`SELECT count(*) AS n FROM complaints WHERE opened_on <= ? AND coalesce(resolved_on, '9999') > ?`)
      .get(range.to, range.to) as { n: number };
    expect(card(home, 'complaints_open')[side]).toBe(open.n);
  }
  // The per-bucket trend of a sum adds up to the period's figure.
  for (const key of ['deals_won', 'new_customers'] as const)
    expect(card(home, key).trend.reduce((sum, b) => sum + (b.value ?? 0), 0)).toBe(card(home, key).value);
  const goals = (await call('goals.list', {})).items;
  expect(home.goals.total).toBe(goals.length);
  expect(home.goals.onTrack).toBe(
    goals.filter((g) => ['achieved', 'ahead', 'on_track'].includes(g.pace.status)).length,
  );
  const due = await call('care.followups.count', {});
  expect(home.followUps).toEqual({ today: due.today, overdue: due.overdue });
}

const QUERIES: Input<'home.summary'>[] = [
  { period: 'week' },
  { period: 'month' },
  { period: 'quarter', compare: 'last_year' },
  { period: 'year' },
  { period: 'custom', from: '2025-11-03', to: '2026-02-27', compare: 'last_year' },
];

describe('home.summary agrees with stats.summary, goals and follow-ups', () => {
  describe('on the hand-computed book', () => {
    const { t, call } = callerForEachTest();
    beforeEach(() => handBook(t));
    it.each(QUERIES)('for %j', (query) => agrees(t, call, query));
  });

  describe('on the demo data', () => {
    let t: TestStore;
    let call: Caller;
    beforeAll(async () => {
      t = await freshStore();
      call = caller(t);
      await call('onboarding.start', { mode: 'sample' });
    }, 120_000);
    afterAll(() => t.cleanup());
    it.each(QUERIES)('for %j', (query) => agrees(t, call, query), 60_000);
  });
});
