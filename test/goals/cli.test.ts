import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { query, sandboxForAll, sandboxForEachTest } from '../cli/helpers';

const box = sandboxForEachTest();

const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const goalRows = (): number => query<{ n: number }>(box.db, 'SELECT count(*) AS n FROM goals')[0]!.n;

/** March 2026 starts on a Sunday: 22 working days, 10 of them by Friday the 13th. */
const MARCH = ['--from', '2026-03-01', '--to', '2026-03-31'];
const SHOW_KEYS = [
  'id',
  'title',
  'metric',
  'target',
  'current',
  'progress',
  'expected_now',
  'status',
  'required_per_day',
  'buffer_days',
  'forecast',
  'milestones',
];

function won(amount: string, date: string): void {
  const result = rapport('sales', 'add', '--customer', 'Ada', '--amount', amount, '--status', 'won', '--date', date);
  expect(result.code, result.stderr).toBe(0);
}

describe('rapport goals', () => {
  it('adds a revenue goal in major units and shows its pace as JSON in minor units', () => {
    won('1000.00', '2026-03-02');
    won('500.00', '2026-03-03');
    const added = rapport(
      'goals',
      'add',
      '--title',
      'March revenue',
      '--metric',
      'revenue',
      '--target',
      '5000',
      ...MARCH,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('Created goal #1.');
    expect(query(box.db, 'SELECT target, currency, metric, aggregation, from_on, to_on FROM goals')).toEqual([
      {
        target: 500000,
        currency: 'EUR',
        metric: 'revenue',
        aggregation: 'sum',
        from_on: '2026-03-01',
        to_on: '2026-03-31',
      },
    ]);

    const shown = rapport('goals', 'show', '1', '--as-of', '2026-03-13', '--json');
    expect(shown.code, shown.stderr).toBe(0);
    const json = JSON.parse(shown.stdout) as Record<string, unknown> & {
      forecast: Record<string, number | null>;
    };
    expect(Object.keys(json)).toEqual(SHOW_KEYS);
    expect(Object.keys(json.forecast)).toEqual(['probability', 'projected', 'low', 'high']);
    expect(json).toMatchObject({
      id: 1,
      title: 'March revenue',
      metric: 'revenue',
      target: 500000,
      current: 150000,
      progress: 0.3,
      // 500000 × 10 / 22 = 227272.7…, 350000 still needed over 12 working days: whole cents.
      expected_now: 227273,
      required_per_day: 29167,
      status: 'at_risk', // 34 % below pace
      buffer_days: 0,
      milestones: [],
    });
    const { probability, projected, low, high } = json.forecast;
    expect(probability).toBeGreaterThanOrEqual(0);
    expect(probability).toBeLessThanOrEqual(1);
    for (const money of [projected, low, high]) expect(Number.isInteger(money)).toBe(true);
    expect(low!).toBeLessThanOrEqual(projected!);
    expect(projected!).toBeLessThanOrEqual(high!);

    const text = rapport('goals', 'show', '1', '--as-of', '2026-03-13');
    expect(text.stdout).toMatch(/Current\s+€1,500\.00\n/);
    expect(text.stdout).toMatch(/Status\s+at risk/);
    const list = rapport('goals', 'list', '--as-of', '2026-03-13', '--json');
    expect(JSON.parse(list.stdout)).toEqual([json]);
  });

  it('logs values of a custom goal, which count toward it', () => {
    const added = rapport(
      'goals', 'add', '--title', 'Cold calls', '--metric', 'custom', '--name', 'cold calls',
      '--target', '100', ...MARCH, '--json',
    ); // prettier-ignore
    expect(added.code, added.stderr).toBe(0);
    expect(Object.keys(JSON.parse(added.stdout) as object)).toEqual(SHOW_KEYS);
    expect(rapport('goals', 'log', '1', '--date', '2026-03-02', '--value', '12').code).toBe(0);
    const logged = rapport(
      'goals',
      'log',
      '1',
      '--date',
      '2026-03-03',
      '--value',
      '8.5',
      '--note',
      'Short day',
      '--json',
    );
    expect(JSON.parse(logged.stdout)).toMatchObject({ goal_id: 1, date: '2026-03-03', value: 8.5, note: 'Short day' });
    const shown = JSON.parse(rapport('goals', 'show', '1', '--as-of', '2026-03-13', '--json').stdout) as {
      current: number;
      progress: number;
    };
    expect(shown).toMatchObject({ current: 20.5, progress: 0.205 });
  });

  // One process per case and per test: the cases used to run ~20 CLI processes in a row inside
  // one test, whose time limit a busy machine could exceed; now each test starts one or two.
  const add = (...more: string[]): string[] => ['add', '--title', 'G', ...MARCH, ...more];
  const refusedAdds: [string[], number, RegExp][] = [
    [add('--metric', 'speed', '--target', '3'), 1, /--metric: must be one of revenue/],
    [add('--metric', 'revenue', '--target', '12,50'), 1, /--target: use a dot for decimals/],
    [add('--metric', 'deals_won', '--target', 'ten'), 1, /--target: must be a number/],
    [add('--metric', 'deals_won', '--target', '2.5'), 1, /--target: must be a whole number/],
    [add('--metric', 'win_rate', '--target', '40'), 1, /--target: must be a rate from 0 to 1/],
    [add('--metric', 'deals_won', '--target', '3', '--direction', 'sideways'), 1, /--direction/],
    [add('--metric', 'custom', '--target', '3'), 1, /--name: is required/],
    [
      ['add', '--title', 'G', '--metric', 'deals_won', '--target', '3', '--from', '2026-03-31', '--to', '2026-03-01'],
      1,
      /--to: the end date cannot be before the start date/,
    ],
    [
      ['add', '--title', 'G', '--metric', 'deals_won', '--target', '3', '--from', '2026-02-30', '--to', '2026-03-31'],
      1,
      /--from: must be a real calendar day/,
    ],
    [['add', '--metric', 'deals_won', '--target', '3', ...MARCH], 2, /--title/],
  ];
  it.each(refusedAdds)('refuses goals %j with exit %i and writes nothing', (args, code, message) => {
    const result = rapport('goals', ...args);
    expect(result.code, result.stdout).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(existsSync(box.db) ? goalRows() : 0).toBe(0);
  });
});

describe('rapport goals refuses bad values, goals and IDs', () => {
  const shared = sandboxForAll();
  const run = (...args: string[]) => shared.run(['--db', shared.db, ...args]);
  const rows = (table: 'goals' | 'goal_values'): number =>
    query<{ n: number }>(shared.db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
  beforeAll(() => {
    expect(run('goals', 'add', '--title', 'Deals', '--metric', 'deals_won', '--target', '3', ...MARCH).code).toBe(0);
    expect(
      run('goals', 'add', '--title', 'Calls', '--metric', 'custom', '--name', 'calls', '--target', '3', ...MARCH).code,
    ).toBe(0);
  });
  const refused: [string[], number, RegExp][] = [
    [['log', '1', '--date', '2026-03-02', '--value', '1'], 1, /only custom metrics take logged values/],
    [['log', '2', '--date', '2099-01-01', '--value', '1'], 1, /--date: cannot be a day that has not come yet/],
    [['log', '2', '--date', '2026-03-02', '--value', 'lots'], 1, /--value: must be a number/],
    [['log', '2', '--date', '2026-03-02'], 2, /--value/],
    [['show', '9'], 1, /Goal 9 does not exist/],
    [['show', 'first'], 1, /ID: must be a whole number/],
  ];
  it.each(refused)('refuses goals %j with exit %i and writes nothing', (args, code, message) => {
    const result = run('goals', ...args);
    expect(result.code, result.stdout).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(rows('goals')).toBe(2);
    expect(rows('goal_values')).toBe(0);
  });
});
