import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNING_METRICS, readMetrics, type MetricName } from '../../src-main/features/metrics/definitions';
import { GOAL_METRICS, metricFilters, type GoalMetric } from '../../src-main/features/goals/contract/definition';
import { CARE_METRICS } from '../../src-main/features/metrics';
import { addDays } from '../../src-main/shared/dates';
import { freshStore, type TestStore } from '../helpers/store';
import { caller } from '../goals/db/helpers';

/**
 * The learning metrics (definitions.ts): items finished, minutes spent, pages read and
 * takeaways tried, each a per-day series read from the library's own rows, its period total
 * reduced from that series, and a goal on it reading the very same number.
 */

type Sqlite = TestStore['store']['sqlite'];

function item(sqlite: Sqlite, id: number, status: string, finishedOn: string | null): void {
  sqlite
    .prepare(
      `INSERT INTO library_items (id, kind, title, title_key, status, finished_on, created_at, updated_at)
       VALUES (?, 'book', ?, ?, ?, ?, 'x', 'x')`,
    )
    .run(id, `Book ${id}`, `book ${id}`, status, finishedOn);
}
const session = (sqlite: Sqlite, itemId: number, on: string, minutes: number, pages: number): void => {
  sqlite.prepare('INSERT INTO learning_sessions VALUES (?, ?, ?, ?)').run(itemId, on, minutes, pages);
};
const takeaway = (sqlite: Sqlite, itemId: number, triedOn: string | null): void => {
  sqlite
    .prepare(`INSERT INTO library_takeaways (item_id, text, tried_on, created_at) VALUES (?, 'Ask first', ?, 'x')`)
    .run(itemId, triedOn);
};

describe('learning metrics on hand-made rows', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await freshStore();
    const db = t.store.sqlite;
    item(db, 1, 'done', '2026-05-04');
    item(db, 2, 'done', '2026-05-04');
    item(db, 3, 'done', '2026-05-20');
    // Abandoned on a day, in progress with a day typed in, done with no day: none is finished on a day.
    item(db, 4, 'abandoned', '2026-05-06');
    item(db, 5, 'in_progress', '2026-05-07');
    item(db, 6, 'done', null);
    item(db, 7, 'done', '2026-04-30'); // before the range
    session(db, 1, '2026-05-01', 30, 12);
    session(db, 2, '2026-05-01', 15.5, 0);
    session(db, 3, '2026-05-02', 0, 20); // pages without time
    session(db, 1, '2026-05-03', 45, 0);
    session(db, 4, '2026-05-31', 10, 3);
    session(db, 5, '2026-06-01', 60, 40); // after the range
    takeaway(db, 1, '2026-05-02');
    takeaway(db, 1, '2026-05-02');
    takeaway(db, 2, '2026-05-10');
    takeaway(db, 3, null); // never tried
  });
  afterAll(() => t.cleanup());

  const may = { from: '2026-05-01', to: '2026-05-31' };
  const reader = (filter = {}) => readMetrics(t.store.db, { ...may, filter, asOf: '2026-06-15' });

  it('counts each day as its rows say, and the period as the sum of its days', async () => {
    const read = reader();
    expect(await read.series('items_finished')).toEqual({
      '2026-05-04': { value: 2, count: 2 },
      '2026-05-20': { value: 1, count: 1 },
    });
    expect(await read.series('learning_minutes')).toEqual({
      '2026-05-01': { value: 45.5, count: 2 },
      '2026-05-03': { value: 45, count: 1 },
      '2026-05-31': { value: 10, count: 1 },
    });
    expect(await read.series('pages_read')).toEqual({
      '2026-05-01': { value: 12, count: 12 },
      '2026-05-02': { value: 20, count: 20 },
      '2026-05-31': { value: 3, count: 3 },
    });
    expect(await read.series('takeaways_tried')).toEqual({
      '2026-05-02': { value: 2, count: 2 },
      '2026-05-10': { value: 1, count: 1 },
    });
    expect(await read.total('items_finished')).toBe(3);
    expect(await read.total('learning_minutes')).toBe(100.5);
    expect(await read.total('pages_read')).toBe(35);
    expect(await read.total('takeaways_tried')).toBe(3);
  });

  it('has nothing to say about a period without learning: every total 0', async () => {
    const read = readMetrics(t.store.db, { from: '2026-07-01', to: '2026-07-31', filter: {}, asOf: '2026-08-01' });
    for (const metric of LEARNING_METRICS) {
      expect(await read.series(metric)).toEqual({});
      expect(await read.total(metric)).toBe(0);
    }
  });

  it('is narrowed by no filter: there is no sale and no customer to narrow it by', async () => {
    const plain = reader();
    const narrowed = reader({ productIds: [1], techniqueIds: [2], segments: ['SMB'], customerId: 3, currency: 'USD' });
    for (const metric of LEARNING_METRICS) expect(await narrowed.series(metric)).toEqual(await plain.series(metric));
  });
});

describe('what narrows which goal metric', () => {
  it('agrees with the metrics module: learning metrics take no filter, care metrics segments only', () => {
    const learning = GOAL_METRICS.filter((m) => metricFilters(m) === 'none');
    expect(learning).toEqual([...LEARNING_METRICS]);
    for (const metric of GOAL_METRICS.filter((m) => metricFilters(m) === 'segments'))
      expect(CARE_METRICS).toContain(metric);
    for (const metric of GOAL_METRICS.filter((m) => metricFilters(m) === 'sales'))
      expect([...CARE_METRICS, ...LEARNING_METRICS]).not.toContain(metric);
  });
});

// ---- the same over random rows, with a goal reading them ------------------------------------

const START = '2026-03-02';
const day = (n: number): string => addDays(START, n);

const world = fc.record({
  items: fc.array(
    fc.record({
      status: fc.constantFrom('want', 'in_progress', 'done', 'done', 'abandoned'),
      finished: fc.option(fc.integer({ min: 0, max: 60 })),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  // One session per item and day (the table's key).
  sessions: fc.uniqueArray(
    fc.record({
      item: fc.nat(),
      day: fc.integer({ min: 0, max: 60 }),
      minutes: fc.oneof(fc.integer({ min: 0, max: 240 }), fc.double({ min: 0, max: 240, noNaN: true })),
      pages: fc.integer({ min: 0, max: 80 }),
    }),
    { selector: (s) => `${s.item}/${s.day}`, maxLength: 25 },
  ),
  tried: fc.array(fc.record({ item: fc.nat(), day: fc.option(fc.integer({ min: 0, max: 60 })) }), { maxLength: 10 }),
  from: fc.integer({ min: 0, max: 45 }),
  length: fc.integer({ min: 7, max: 20 }),
  metric: fc.constantFrom(...LEARNING_METRICS),
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

/** The documented definitions, straight from the generated rows: the metric per day. */
function expected(w: World, metric: MetricName, from: number, to: number): Map<number, number> {
  const days = new Map<number, number>();
  const add = (d: number, value: number): void => {
    if (d >= from && d <= to) days.set(d, (days.get(d) ?? 0) + value);
  };
  if (metric === 'items_finished')
    for (const i of w.items) if (i.status === 'done' && i.finished !== null) add(i.finished, 1);
  // Sessions are unique per (item, day) before the item number is folded onto the items made.
  const sessions = new Map(w.sessions.map((s) => [`${s.item % w.items.length}/${s.day}`, s]));
  if (metric === 'learning_minutes') for (const s of sessions.values()) add(s.day, s.minutes);
  if (metric === 'pages_read') for (const s of sessions.values()) add(s.day, s.pages);
  if (metric === 'takeaways_tried') for (const k of w.tried) if (k.day !== null) add(k.day, 1);
  for (const [d, v] of days) if (v === 0) days.delete(d);
  return days;
}

describe('learning metrics over random rows', () => {
  it('give each day its rows, the period their sum, and a goal on the metric that same sum', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const t = await freshStore();
        try {
          const db = t.store.sqlite;
          w.items.forEach((i, n) => item(db, n + 1, i.status, i.finished === null ? null : day(i.finished)));
          const folded = new Map(w.sessions.map((s) => [`${s.item % w.items.length}/${s.day}`, s]));
          for (const [key, s] of folded) session(db, Number(key.split('/')[0]) + 1, day(s.day), s.minutes, s.pages);
          for (const k of w.tried) takeaway(db, (k.item % w.items.length) + 1, k.day === null ? null : day(k.day));

          const to = w.from + w.length - 1;
          const read = readMetrics(t.store.db, { from: day(w.from), to: day(to), filter: {}, asOf: day(to) });
          const want = expected(w, w.metric, w.from, to);
          const series = await read.series(w.metric);
          expect(Object.keys(series).sort()).toEqual([...want.keys()].sort((a, b) => a - b).map(day));
          for (const [d, value] of want) expect(series[day(d)]!.value).toBeCloseTo(value, 9);
          const total = [...want.values()].reduce((a, b) => a + b, 0);
          expect(await read.total(w.metric)).toBeCloseTo(total, 9);

          // A goal on the metric over the same days reads the same number (goals read only from there).
          const call = caller(t);
          const goal = await call('goals.create', {
            title: 'Learn',
            metric: w.metric as GoalMetric,
            target: 1,
            period: { kind: 'fixed', from: day(w.from), to: day(to) },
          });
          const detail = await call('goals.get', { id: goal.id, asOf: day(to) });
          expect(detail.pace.actual).toBeCloseTo(total, 9);
        } finally {
          await t.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
