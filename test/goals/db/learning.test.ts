import { describe, expect, it } from 'vitest';
import type { Input } from '../../../src-main/shared/api';
import { AppError } from '../../../src-main/kernel/errors';
import { callerForEachTest, count } from './helpers';

/**
 * Goals on the learning metrics go through the same pace, forecast, history and timeline as
 * any other goal: only their series comes from the library. FIXED_NOW is Monday 15 June 2026.
 */
const { t, call } = callerForEachTest();

const run = (statement: string, ...params: unknown[]): void => {
  t.store.sqlite.prepare(statement).run(...params);
};
function book(
  id: number,
  more: { status?: string; finished?: string | null; planned?: string | null; title?: string } = {},
): void {
  run(
    `INSERT INTO library_items (id, kind, title, title_key, status, finished_on, planned_on, created_at, updated_at)
     VALUES (?, 'book', ?, ?, ?, ?, ?, 'x', 'x')`,
    id,
    more.title ?? `Book ${id}`,
    `book ${id}`,
    more.status ?? 'want',
    more.finished ?? null,
    more.planned ?? null,
  );
}
const minutes = (item: number, on: string, n: number): void =>
  run('INSERT INTO learning_sessions (item_id, on_date, minutes, pages) VALUES (?, ?, ?, 0)', item, on, n);

const booksThisYear = (target = 6): Input<'goals.create'> => ({
  title: 'Finish 6 books this year',
  metric: 'items_finished',
  target,
  period: { kind: 'fixed', from: '2026-01-01', to: '2026-12-31' },
});

describe('a goal on items finished', () => {
  it('paces and forecasts on the days the books were finished, like any count', async () => {
    book(1, { status: 'done', finished: '2026-02-10' });
    book(2, { status: 'done', finished: '2026-03-20' });
    book(3, { status: 'done', finished: '2026-05-04' });
    book(4, { status: 'done', finished: '2026-06-12' });
    book(5, { status: 'abandoned', finished: '2026-06-01' });
    book(6, { status: 'in_progress' });
    const goal = await call('goals.create', booksThisYear());
    expect(goal).toMatchObject({ unit: 'count', aggregation: 'count', category: 'quality', currency: null });
    const detail = await call('goals.get', { id: goal.id });
    expect(detail.pace).toMatchObject({ actual: 4, target: 6, final: false });
    // 4 of 6 by mid-June, with the year a little under half gone: ahead, and likely to make it.
    expect(detail.pace.progress).toBeCloseTo(4 / 6, 9);
    expect(detail.pace.expected).toBeGreaterThan(2.5);
    expect(detail.pace.expected).toBeLessThan(3);
    expect(detail.pace.status).toBe('ahead');
    expect(detail.forecastDetail.basis.method).toBe('block_bootstrap');
    expect(detail.forecast.probability).toBeGreaterThan(0.5);
    expect(detail.forecast.projected).toBeGreaterThanOrEqual(4);
    // The chart steps up on the days the books were finished.
    const chart = new Map(detail.chart.actual.map((d) => [d.date, d.value]));
    expect(chart.get('2026-02-09')).toBe(0);
    expect(chart.get('2026-02-10')).toBe(1);
    expect(chart.get('2026-06-12')).toBe(4);
  });

  it('is achieved the day the sixth book is finished, and stays so', async () => {
    for (const [id, day] of ['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15'].entries())
      book(id + 1, { status: 'done', finished: day });
    const goal = await call('goals.create', booksThisYear());
    expect((await call('goals.get', { id: goal.id })).pace.status).not.toBe('achieved');
    book(6, { status: 'done', finished: '2026-06-10' });
    const detail = await call('goals.get', { id: goal.id });
    expect(detail.pace).toMatchObject({ actual: 6, status: 'achieved', progress: 1 });
    expect(detail.forecast.probability).toBe(1);
  });

  it('falls behind when the books do not come, and the list says so', async () => {
    book(1, { status: 'done', finished: '2026-01-20' });
    const goal = await call('goals.create', { ...booksThisYear(12), title: 'A book a month' });
    const [summary] = (await call('goals.list', {})).items;
    expect(summary!.goal.id).toBe(goal.id);
    expect(summary!.pace.actual).toBe(1);
    expect(summary!.pace.status).toBe('at_risk');
    expect(summary!.forecast.probability).toBeLessThan(0.5);
  });
});

describe('a recurring goal on minutes spent learning', () => {
  it('counts each week on its own, weekends included, and keeps each closed week', async () => {
    book(1);
    minutes(1, '2026-06-02', 20);
    minutes(1, '2026-06-06', 15); // a Saturday: learning counts whatever the day
    minutes(1, '2026-06-10', 10);
    minutes(1, '2026-06-15', 12.5);
    const goal = await call('goals.create', {
      title: '30 minutes of training a week',
      metric: 'learning_minutes',
      target: 30,
      period: { kind: 'recurring', every: 'weekly', since: '2026-06-01' },
    });
    expect(goal).toMatchObject({ unit: 'minutes', aggregation: 'sum' });
    const detail = await call('goals.get', { id: goal.id });
    expect(detail.period).toEqual({ from: '2026-06-15', to: '2026-06-21' });
    expect(detail.pace).toMatchObject({ actual: 12.5, target: 30 });
    expect(detail.pace.requiredPerDay).toBeCloseTo((30 - 12.5) / 4, 9);
    expect(detail.history.periods.map((p) => [p.from, p.now.value, p.now.outcome])).toEqual([
      ['2026-06-08', 10, 'missed'],
      ['2026-06-01', 35, 'achieved'],
    ]);
    expect(detail.history.streaks).toMatchObject({ achieved: 1, missed: 1 });
    // Fractions of a minute are fine as a target; a negative one is not.
    const again = { title: goal.title, metric: goal.metric, period: goal.period };
    await expect(call('goals.update', { id: goal.id, goal: { ...again, target: 22.5 } })).resolves.toMatchObject({
      target: 22.5,
    });
    // (Refused by the contract's schema, before the service.)
    await expect(call('goals.create', { ...again, target: -5 })).rejects.toThrow('errors.goalNegative');
  });
});

describe('filters on a learning goal', () => {
  it.each<[string, { productIds?: number[]; segments?: string[]; techniqueIds?: number[] }]>([
    ['segments', { segments: ['SMB'] }],
    ['productIds', { productIds: [1] }],
    ['techniqueIds', { techniqueIds: [1] }],
  ])('are refused (%s) with a clear message, and nothing is written', async (path, filters) => {
    run(`INSERT INTO products (id, name, currency, created_at) VALUES (1, 'Widget', 'EUR', 'x')`);
    run(`INSERT INTO techniques (id, name, created_at) VALUES (1, 'SPIN', 'x')`);
    const refused = await call('goals.create', { ...booksThisYear(), filters }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: `filters.${path}`, message: 'library.learning.noFilters' }],
    });
    expect(count(t, 'goals')).toBe(0);
    expect(count(t, 'goal_filters')).toBe(0);
  });
});

describe('the learning plan on the goals timeline', () => {
  it('places the items to be finished in the window: planned, done or overdue, abandoned ones off the plan', async () => {
    book(1, { title: 'Pitch perfect', planned: '2026-06-30' });
    book(2, { title: 'Objections', planned: '2026-05-10', status: 'done', finished: '2026-05-12' });
    book(3, { title: 'Late one', planned: '2026-04-20', status: 'in_progress' });
    book(4, { title: 'Dropped', planned: '2026-05-01', status: 'abandoned' });
    book(5, { title: 'Next quarter', planned: '2026-07-01' });
    book(6, { title: 'Unplanned' });
    await call('goals.create', booksThisYear());
    const timeline = await call('goals.timeline', { zoom: 'quarter' });
    expect(timeline.window).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(timeline.plan.map((p) => [p.title, p.state, p.plannedOn, p.finishedOn])).toEqual([
      ['Late one', 'overdue', '2026-04-20', null],
      ['Objections', 'done', '2026-05-10', '2026-05-12'],
      ['Pitch perfect', 'planned', '2026-06-30', null],
    ]);
    // The middle of its day, on the goals' own axis: 30 June is the quarter's 91st and last day.
    expect(timeline.plan[2]!.at).toBeCloseTo(90.5 / 91, 9);
    expect(timeline.plan[0]).toMatchObject({ itemId: 3, kind: 'book' });

    const next = await call('goals.timeline', { zoom: 'quarter', date: timeline.next });
    expect(next.plan.map((p) => p.title)).toEqual(['Next quarter']);
  });

  it('is left out when the goals are narrowed to something else than learning', async () => {
    book(1, { planned: '2026-06-30' });
    const plan = async (query: Input<'goals.timeline'>) => (await call('goals.timeline', query)).plan.length;
    expect(await plan({ zoom: 'quarter' })).toBe(1);
    expect(await plan({ zoom: 'quarter', metric: 'items_finished' })).toBe(1);
    expect(await plan({ zoom: 'quarter', metric: 'revenue' })).toBe(0);
    expect(await plan({ zoom: 'quarter', status: ['behind'] })).toBe(0);
    expect(await plan({ zoom: 'quarter', category: 'volume' })).toBe(0);
  });
});
