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

  it("charts revenue against the revenue goals' pace, new vs repeat revenue, the pipeline and learning", async () => {
    // A revenue goal in June (22 working days, Monday to Friday, no history: a straight pace line),
    // a deals goal (not revenue: no pace here) and a May revenue goal (outside the range).
    for (const [title, metric, target, from, to] of [
      ['A big June', 'revenue', 2_200_000, '2026-06-01', '2026-06-30'],
      ['Four deals', 'deals_won', 4, '2026-06-01', '2026-06-30'],
      ['May', 'revenue', 100_000, '2026-05-01', '2026-05-31'],
    ] as const)
      await call('goals.create', {
        title,
        metric,
        target,
        period: { kind: 'fixed', from, to },
      } as Input<'goals.create'>);
    // The pipeline: sale 9 (EUR 100.00) is a proposal; a lead in USD; a deal without a stage; one opened
    // after the day looked from (and the closed deals, which keep no stage).
    const s = seed(t);
    s.sale({ id: 10, customer: 3, amount: 5_000, currency: 'USD', status: 'open', on: '2026-06-14' });
    s.sale({ id: 11, customer: 2, amount: 7_000, status: 'open', on: '2026-03-01' });
    s.sale({ id: 12, customer: 2, amount: 9_000, status: 'open', on: '2026-06-20' });
    const stage = t.store.sqlite.prepare('UPDATE sales SET stage = ? WHERE id = ?');
    for (const [st, id] of [
      ['proposal', 9],
      ['lead', 10],
      ['lead', 12],
    ] as const)
      stage.run(st, id);
    // Learning: two books' sessions and one finished (another abandoned).
    const item = t.store.sqlite.prepare(
      `INSERT INTO library_items (id, kind, title, title_key, status, finished_on, created_at, updated_at)
       VALUES (?, 'book', ?, ?, ?, ?, 'x', 'x')`,
    );
    item.run(1, 'Book 1', 'book 1', 'done', '2026-06-09');
    item.run(2, 'Book 2', 'book 2', 'abandoned', '2026-06-03');
    const session = t.store.sqlite.prepare('INSERT INTO learning_sessions VALUES (?, ?, ?, ?)');
    session.run(1, '2026-06-02', 30, 12);
    session.run(2, '2026-06-02', 15, 0);
    session.run(1, '2026-06-09', 20, 8);
    session.run(1, '2026-05-30', 60, 40); // before the period

    const home = await call('home.summary', { period: 'month', compare: 'previous' });
    const weeks = [
      { from: '2026-06-01', to: '2026-06-07' },
      { from: '2026-06-08', to: '2026-06-14' },
      { from: '2026-06-15', to: '2026-06-15' },
    ];
    // 2,200,000 over 22 working days is 100,000 a day: five days, five days, then Monday the 15th.
    expect(home.charts.revenuePace).toHaveLength(1);
    const pace = home.charts.revenuePace[0]!;
    expect(pace).toMatchObject({ title: 'A big June', currency: 'EUR' });
    expect(pace.values.map((v) => Math.round(v!))).toEqual([500_000, 500_000, 100_000]);
    // EUR: Bo's first purchase (300.00) and Ada's repeat (400.00) in week 1, Ada's repeat (100.00) in week 2;
    // USD: Cy's first purchase. The two add up to the revenue card's trend.
    expect(home.charts.newRepeat).toEqual([
      {
        currency: 'EUR',
        trend: [
          { ...weeks[0], first: 30_000, repeat: 40_000 },
          { ...weeks[1], first: 0, repeat: 10_000 },
          { ...weeks[2], first: 0, repeat: 0 },
        ],
      },
      {
        currency: 'USD',
        trend: [
          { ...weeks[0], first: 0, repeat: 0 },
          { ...weeks[1], first: 10_000, repeat: 0 },
          { ...weeks[2], first: 0, repeat: 0 },
        ],
      },
    ]);
    expect(home.charts.newRepeat[0]!.trend.map((b) => b.first + b.repeat)).toEqual(
      card(home, 'revenue', 'EUR').trend.map((b) => b.value),
    );
    expect(home.charts.pipeline).toEqual([
      { stage: 'lead', count: 1, amounts: [{ currency: 'USD', amount: 5_000 }] },
      { stage: 'qualified', count: 0, amounts: [] },
      { stage: 'proposal', count: 1, amounts: [{ currency: 'EUR', amount: 10_000 }] },
      { stage: 'negotiation', count: 0, amounts: [] },
      { stage: 'none', count: 1, amounts: [{ currency: 'EUR', amount: 7_000 }] },
    ]);
    expect(home.charts.learning).toEqual([
      { ...weeks[0], minutes: 45, pages: 12, finished: 0 },
      { ...weeks[1], minutes: 20, pages: 8, finished: 1 },
      { ...weeks[2], minutes: 0, pages: 0, finished: 0 },
    ]);
    // No technique recorded on any sale: nothing ranked, nothing waiting.
    expect(home.charts.techniques).toEqual({ rows: [], waiting: 0, minimum: { withIt: 10, without: 10 } });
  });

  it('ranks techniques as what works does, with their interval, once they have enough decided sales', async () => {
    const s = seed(t);
    s.technique(1, 'Mirroring');
    s.technique(2, 'Silence');
    s.technique(3, 'Rarely');
    // Mirroring on 12 sales in June (9 won), Silence on 10 (5 won), Rarely on 2 (1 won); the book's
    // own June sales (4 won, 2 lost) name none.
    let id = 100;
    const june = (n: number, status: 'won' | 'lost', techniques: number[]) => {
      for (let i = 0; i < n; i++) s.sale({ id: id++, customer: 1 + (i % 4), status, on: '2026-06-04', techniques });
    };
    june(9, 'won', [1]);
    june(3, 'lost', [1]);
    june(5, 'won', [2]);
    june(5, 'lost', [2]);
    june(1, 'won', [3]);
    june(1, 'lost', [3]);
    const home = await call('home.summary', { period: 'month' });
    const z = 1.959963984540054;
    const wilson = (k: number, n: number) => {
      const p = k / n;
      const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
      const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) as number;
      return { low: centre - half, high: centre + half };
    };
    const { rows, waiting } = home.charts.techniques;
    expect(waiting).toBe(1);
    expect(rows.map((r) => [r.technique, r.used, r.won, r.winRate])).toEqual([
      ['Mirroring', 12, 9, 0.75],
      ['Silence', 10, 5, 0.5],
    ]);
    expect(rows[0]!.interval!.low).toBeCloseTo(wilson(9, 12).low, 8);
    expect(rows[0]!.interval!.high).toBeCloseTo(wilson(9, 12).high, 8);
    // The very numbers What works shows for the same period.
    const works = await call('techniques.stats', home.current);
    for (const r of rows)
      expect(r).toEqual(
        expect.objectContaining(
          (({ techniqueId, technique, used, won, winRate, interval }) => ({
            techniqueId,
            technique,
            used,
            won,
            winRate,
            interval,
          }))(works.rows.find((w) => w.techniqueId === r.techniqueId)!),
        ),
      );
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
  // New plus repeat revenue is the revenue card's trend, in every currency; the pipeline is every open deal.
  for (const { currency, trend } of home.charts.newRepeat)
    expect(trend.map((b) => b.first + b.repeat)).toEqual(card(home, 'revenue', currency).trend.map((b) => b.value));
  const open = t.store.sqlite
    .prepare(`SELECT count(*) AS n FROM sales WHERE status = 'open' AND opened_on <= ?`)
    .get(home.asOf) as { n: number };
  expect(home.charts.pipeline.reduce((n, s) => n + s.count, 0)).toBe(open.n);
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
