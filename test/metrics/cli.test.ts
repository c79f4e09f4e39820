import { beforeAll, describe, expect, it } from 'vitest';
import { Stats } from '../../src-main/features/metrics/contract';
import { localIsoDate } from '../../src-main/shared/dates';
import { formatFor } from '../../src-main/shared/format';
import { counts, query, sandbox, sandboxForAll } from '../cli/helpers';

const END = '2026-06-30';
const STATS_KEYS = [
  'from',
  'to',
  'currency',
  'revenue_cents',
  'deals_won',
  'deals_lost',
  'deals_open',
  'win_rate',
  'avg_deal_cents',
  'customers_active',
  'new_customers',
  'repeat_customers',
  'avg_satisfaction',
  'nps',
];

const box = sandboxForAll();
beforeAll(() => {
  const demo = box.run(['--db', box.db, '--json', 'demo', '--sales', '2000', '--seed', '7', '--end', END]);
  expect(demo.code, demo.stderr).toBe(0);
  expect(JSON.parse(demo.stdout)).toMatchObject({ customers: 500, sales: 2000, products: 8, techniques: 6 });
});

const stats = (...args: string[]): Stats => {
  const result = box.run(['--db', box.db, 'stats', '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Stats;
};

describe('rapport demo', () => {
  it('wrote what it reported, in one go', () => {
    expect(counts(box.db)).toMatchObject({ customers: 500, sales: 2000, products: 8, techniques: 6 });
  });

  it('prints counts and the time taken', () => {
    const other = sandbox();
    try {
      const result = other.run(['--db', other.db, 'demo', '--sales', '200', '--end', END]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Added 50 customers, 200 sales, 8 products and 6 techniques to .+ in \d+ ms\.$/m);
    } finally {
      other.cleanup();
    }
  });

  it('rejects a bad count or end date with exit 1 and writes nothing', () => {
    const before = counts(box.db);
    for (const args of [
      ['--sales', 'many'],
      ['--sales', '-3'],
      ['--sales', '10', '--end', '2026-02-30'],
    ]) {
      const result = box.run(['--db', box.db, 'demo', ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/--sales|number of sales|end date/);
    }
    expect(counts(box.db)).toEqual(before);
  });
});

describe('rapport stats --json', () => {
  it('has exactly the documented keys, and values that agree with the database', () => {
    const from = '2025-07-01';
    const s = stats('--from', from, '--to', END);
    expect(Object.keys(s)).toEqual(STATS_KEYS);
    expect(Stats.parse(s)).toEqual(s);
    expect(s).toMatchObject({ from, to: END, currency: 'EUR' });

    // Recomputed with plain SQL, independently of the app's stats query.
    const [row] = query<{ revenue: number; won: number; lost: number; open: number }>(
      box.db,
      `SELECT
         (SELECT coalesce(sum(amount_minor), 0) FROM sales WHERE status = 'won' AND currency = 'EUR' AND closed_on BETWEEN @from AND @to) AS revenue,
         (SELECT count(*) FROM sales WHERE status = 'won' AND closed_on BETWEEN @from AND @to) AS won,
         (SELECT count(*) FROM sales WHERE status = 'lost' AND closed_on BETWEEN @from AND @to) AS lost,
         (SELECT count(*) FROM sales WHERE status = 'open' AND opened_on BETWEEN @from AND @to) AS open`,
      { from, to: END },
    );
    expect(s.revenue_cents).toBe(row!.revenue);
    expect(s.revenue_cents).toBeGreaterThan(0);
    expect(s.deals_won).toBe(row!.won);
    expect(s.deals_lost).toBe(row!.lost);
    expect(s.deals_open).toBe(row!.open);
    expect(s.win_rate).toBeGreaterThan(0);
    expect(s.win_rate).toBeLessThan(1);
    expect(s.win_rate).toBeCloseTo(row!.won / (row!.won + row!.lost), 4);
    expect(s.avg_deal_cents).toBe(Math.round(row!.revenue / row!.won));
    expect(s.avg_satisfaction).toBeGreaterThanOrEqual(1);
    expect(s.avg_satisfaction).toBeLessThanOrEqual(5);
    expect(s.nps).toBeGreaterThanOrEqual(-100);
    expect(s.nps).toBeLessThanOrEqual(100);
    expect(s.customers_active).toBeGreaterThan(0);
    expect(s.repeat_customers).toBeLessThanOrEqual(s.customers_active);
  });

  it('defaults to this year up to today', () => {
    const today = localIsoDate(new Date());
    const s = stats();
    expect(s.from).toBe(`${today.slice(0, 4)}-01-01`);
    expect(s.to).toBe(today);
  });

  it('counts nothing in another currency and nothing in an empty period', () => {
    expect(stats('--from', '2024-07-01', '--to', END, '--currency', 'USD')).toMatchObject({
      currency: 'USD',
      revenue_cents: 0,
      avg_deal_cents: null,
    });
    expect(stats('--from', '2020-01-01', '--to', '2020-12-31')).toMatchObject({
      deals_won: 0,
      win_rate: null,
      avg_satisfaction: null,
      nps: null,
    });
  });

  it('rejects a reversed or impossible range with exit 1', () => {
    const reversed = box.run(['--db', box.db, 'stats', '--from', '2026-05-01', '--to', '2026-01-01']);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('--to: the end date cannot be before the start date');
    const impossible = box.run(['--db', box.db, 'stats', '--from', '2026-02-30']);
    expect(impossible.code).toBe(1);
    expect(impossible.stderr).toContain('--from: must be a real calendar day written YYYY-MM-DD');
  });

  it('prints a readable summary without --json, money in major units', () => {
    const s = stats('--from', '2025-07-01', '--to', END);
    const result = box.run(['--db', box.db, 'stats', '--from', '2025-07-01', '--to', END]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Sales from 2025-07-01 to ${END}`);
    expect(result.stdout).toMatch(
      new RegExp(`Revenue\\s+${formatFor('en').money(s.revenue_cents, 'EUR').replace(/[.,]/g, '\\$&')}\n`),
    );
    expect(result.stdout).toMatch(new RegExp(`Win rate\\s+${(s.win_rate! * 100).toFixed(1)}%`));
    expect(result.stdout).toMatch(/Deals won\s+\d+\n/);
  });

  it('is reproducible: the same seed gives the same figures in another database', () => {
    const twin = sandbox();
    try {
      expect(twin.run(['--db', twin.db, 'demo', '--sales', '2000', '--seed', '7', '--end', END]).code).toBe(0);
      const mine = stats('--from', '2024-07-01', '--to', END);
      const theirs = JSON.parse(
        twin.run(['--db', twin.db, '--json', 'stats', '--from', '2024-07-01', '--to', END]).stdout,
      ) as Stats;
      expect(theirs).toEqual(mine);
    } finally {
      twin.cleanup();
    }
  });
});

describe('rapport customers list / sales list', () => {
  it('lists customers as JSON with the total, and as a table', () => {
    const json = box.run(['--db', box.db, '--json', 'customers', 'list', '--limit', '5']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as { name: string; lifetime_value_minor: number; currency: string }[];
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ lifetime_value_minor: expect.any(Number), currency: 'EUR' });
    expect(json.stderr).toBe('rapport: 5 of 500 customers.\n');
    const text = box.run(['--db', box.db, 'customers', 'list', '--limit', '3']);
    expect(text.stdout).toMatch(/^\s*ID\s+Name\s+Company\s+Email\s+Purchases\s+Lifetime value\s+Last purchase/);
    expect(text.stdout).toContain('3 of 500 customers');
  });

  it('searches customers', () => {
    const [target] = query<{ email: string }>(box.db, 'SELECT email FROM customers WHERE email IS NOT NULL LIMIT 1');
    const rows = JSON.parse(
      box.run(['--db', box.db, '--json', 'customers', 'list', '--search', target!.email]).stdout,
    ) as { email: string }[];
    expect(rows.map((c) => c.email)).toContain(target!.email);
  });

  it('filters sales by status and period', () => {
    const result = box.run([
      '--db',
      box.db,
      '--json',
      'sales',
      'list',
      '--status',
      'won,lost',
      '--from',
      '2026-01-01',
      '--to',
      END,
      '--limit',
      '500',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { status: string; closed_on: string }[];
    const [expected] = query<{ n: number }>(
      box.db,
      "SELECT count(*) AS n FROM sales WHERE status IN ('won', 'lost') AND closed_on BETWEEN '2026-01-01' AND ?",
      END,
    );
    expect(rows).toHaveLength(Math.min(expected!.n, 500));
    expect(result.stderr).toBe(expected!.n > 500 ? `rapport: 500 of ${expected!.n} sales.\n` : '');
    expect(rows.every((s) => s.status !== 'open' && s.closed_on >= '2026-01-01')).toBe(true);
    const text = box.run(['--db', box.db, 'sales', 'list', '--status', 'open', '--limit', '2']);
    expect(text.stdout).toMatch(/ID\s+Date\s+Status\s+Customer\s+Title\s+Amount/);
    expect(text.stdout).toMatch(/open\/(lead|qualified|proposal|negotiation)/);
  });

  it('rejects a bad filter with exit 1', () => {
    for (const [args, message] of [
      [['sales', 'list', '--status', 'pending'], '--status: must be one of open, won, lost'],
      [['sales', 'list', '--limit', '0'], '--limit: must be at least 1'],
      [['customers', 'list', '--limit', 'ten'], '--limit: must be a whole number'],
    ] as const) {
      const result = box.run(['--db', box.db, ...args]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
    }
  });
});
