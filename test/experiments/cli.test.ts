import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { query, sandboxForAll } from '../cli/helpers';

const box = sandboxForAll();
const rapport = (...args: string[]) => box.run(['--db', box.db, ...args]);
const json = (...args: string[]): unknown => {
  const result = rapport(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
};

const STATS_KEYS = [
  'technique',
  'used',
  'won',
  'lost',
  'open',
  'win_rate',
  'ci_low',
  'ci_high',
  'baseline_win_rate',
  'prob_better',
  'avg_won_cents',
  'avg_satisfaction',
  'median_days_to_close',
  'enough_data',
];
const EXPERIMENT_KEYS = [
  'id',
  'technique',
  'technique_id',
  'hypothesis',
  'started_on',
  'stop_deals',
  'stop_on',
  'segment',
  'status',
  'through',
  'deals',
  'days_left',
  'progress',
  'used',
  'won',
  'open',
  'win_rate',
  'ci_low',
  'ci_high',
  'baseline_used',
  'baseline_won',
  'baseline_win_rate',
  'prob_better',
  'enough_data',
  'ended_on',
  'conclusion_entry_id',
];

describe('rapport techniques stats and rapport experiments, on a new database', () => {
  it('prints an empty list before there is anything', () => {
    expect(json('techniques', 'stats', '--from', '2026-01-01', '--to', '2026-12-31')).toEqual([]);
    expect(json('experiments', 'list')).toEqual([]);
  });

  it('prints exactly the documented keys, rounded, with null where nothing is measured', () => {
    const sale = (customer: string, status: string, date: string, ...extra: string[]) =>
      expect(
        rapport('sales', 'add', '--customer', customer, '--amount', '100', '--status', status, '--date', date, ...extra)
          .code,
      ).toBe(0);
    sale('Ann', 'won', '2026-02-01', '--technique', 'SPIN questions', '--product', 'Audit', '--satisfaction', '5');
    sale('Ann', 'won', '2026-02-03', '--technique', 'SPIN questions', '--technique', 'Tailored demo');
    sale('Bob', 'lost', '2026-02-05', '--technique', 'SPIN questions', '--product', 'Audit', '--satisfaction', '2');
    sale('Bob', 'lost', '2026-02-07');
    sale('Bob', 'open', '2026-02-09', '--technique', 'Tailored demo');

    const rows = json('techniques', 'stats', '--from', '2026-01-01', '--to', '2026-12-31') as Record<string, unknown>[];
    for (const row of rows) expect(Object.keys(row)).toEqual(STATS_KEYS);
    // Neither has 10 closed deals with it and 10 without: by name.
    expect(rows.map((r) => r.technique)).toEqual(['SPIN questions', 'Tailored demo']);
    expect(rows[0]).toEqual({
      technique: 'SPIN questions',
      used: 3,
      won: 2,
      lost: 1,
      open: 0,
      win_rate: 0.6667,
      ci_low: 0.2077, // Wilson 2 of 3
      ci_high: 0.9385,
      baseline_win_rate: 0,
      prob_better: 0.8, // P(Beta(3, 2) > Beta(1, 2)) = E[2X − X²] = 6/5 − 2/5
      avg_won_cents: 10_000,
      avg_satisfaction: 3.5,
      median_days_to_close: 0,
      enough_data: false,
    });
    expect(rows[1]).toMatchObject({ technique: 'Tailored demo', used: 1, won: 1, open: 1, avg_satisfaction: null });

    const audit = json('techniques', 'stats', '--from', '2026-01-01', '--to', '2026-12-31', '--product', 'audit');
    expect(audit).toEqual([
      expect.objectContaining({ technique: 'SPIN questions', used: 2, won: 1, baseline_win_rate: null }),
      expect.objectContaining({ technique: 'Tailored demo', used: 0, win_rate: null, ci_low: null, prob_better: null }),
    ]);

    const db = new Database(box.db);
    db.prepare("UPDATE customers SET segment = 'Retail' WHERE name = 'Ann'").run();
    db.close();
    const retail = json('techniques', 'stats', '--from', '2026-01-01', '--to', '2026-12-31', '--segment', 'Retail');
    expect(retail).toEqual([
      expect.objectContaining({ technique: 'SPIN questions', used: 2, won: 2, win_rate: 1, ci_high: 1 }),
      expect.objectContaining({ technique: 'Tailored demo', used: 1, won: 1, open: 0 }),
    ]);

    const words = rapport('techniques', 'stats', '--from', '2026-01-01', '--to', '2026-12-31');
    expect(words.code).toBe(0);
    expect(words.stdout).toContain('SPIN questions: won 2 of 3 so far; not enough data yet — 16 more closed deals.');
    expect(words.stdout).toContain('1 closed deal names more than one technique');
  });

  it('refuses an unknown product or a reversed period, naming the option', () => {
    const unknown = rapport('techniques', 'stats', '--from', '2026-01-01', '--to', '2026-12-31', '--product', 'Nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--product');
    const reversed = rapport('techniques', 'stats', '--from', '2026-12-31', '--to', '2026-01-01');
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('--to');
  });

  it('adds, lists and shows experiments with exactly the documented keys', () => {
    const created = json(
      'experiments',
      'add',
      '--technique',
      'spin questions',
      '--hypothesis',
      'Questions first',
      '--start',
      '2026-02-02',
      '--deals',
      '2',
    ) as Record<string, unknown>;
    expect(Object.keys(created)).toEqual(EXPERIMENT_KEYS);
    // Closed with SPIN from 02-02: 02-03 won, 02-05 lost (the 2nd: the end); without: 02-07 is after it.
    expect(created).toMatchObject({
      technique: 'SPIN questions',
      hypothesis: 'Questions first',
      started_on: '2026-02-02',
      stop_deals: 2,
      stop_on: null,
      segment: null,
      status: 'complete',
      through: '2026-02-05',
      deals: 2,
      progress: 1,
      used: 2,
      won: 1,
      win_rate: 0.5,
      baseline_used: 0,
      baseline_win_rate: null,
      prob_better: null,
      ended_on: null,
    });
    const dated = json(
      'experiments',
      'add',
      '--technique',
      'Tailored demo',
      '--hypothesis',
      'Demo all year',
      '--start',
      '2026-01-01',
      '--until',
      '2099-12-31',
      '--segment',
      'Retail',
    ) as Record<string, unknown>;
    expect(dated).toMatchObject({ status: 'running', stop_on: '2099-12-31', stop_deals: null, segment: 'Retail' });

    const list = json('experiments', 'list') as Record<string, unknown>[];
    expect(list.map((e) => e.id)).toEqual([dated.id, created.id]);
    for (const e of list) expect(Object.keys(e)).toEqual(EXPERIMENT_KEYS);
    expect(json('experiments', 'show', String(created.id))).toEqual(created);

    const shown = rapport('experiments', 'show', String(created.id));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Experiment');
    expect(shown.stdout).toContain('SPIN questions: won 1 of 2 so far');
  });

  it('refuses a bad experiment naming the option, and writes nothing', () => {
    const before = query<{ n: number }>(box.db, 'SELECT count(*) AS n FROM experiments')[0]!.n;
    const both = rapport('experiments', 'add', '--technique', 'SPIN questions', '--hypothesis', 'H', '--deals', '3', '--until', '2026-12-31'); // prettier-ignore
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--deals / --until');
    const unknown = rapport('experiments', 'add', '--technique', 'Nope', '--hypothesis', 'H', '--deals', '3');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--technique');
    const zero = rapport('experiments', 'add', '--technique', 'SPIN questions', '--hypothesis', 'H', '--deals', '0');
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain('--deals');
    const early = rapport('experiments', 'add', '--technique', 'SPIN questions', '--hypothesis', 'H', '--start', '2026-05-01', '--until', '2026-04-01'); // prettier-ignore
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('--until');
    expect(query<{ n: number }>(box.db, 'SELECT count(*) AS n FROM experiments')[0]!.n).toBe(before);
    const missing = rapport('experiments', 'show', '999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('999');
  });
});
