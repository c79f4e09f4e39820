import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src-main/shared/dates';
import { generateSampleData } from '../../../src-main/features/onboarding/sampleData';
import { FIXED_NOW, freshStore, storeForEachTest } from '../../helpers/store';
import { caller } from './helpers';

const t = storeForEachTest();

const rows = (sql: string): unknown[] => t.store.sqlite.prepare(sql).all();

describe('sample goals', () => {
  it('come with the sample data: every kind the screens show, alive on its data', async () => {
    const call = caller(t);
    await call('onboarding.start', { mode: 'sample' });
    const list = await call('goals.list', {});
    expect(list.items.map((i) => [i.goal.title, i.goal.metric, i.goal.period.kind])).toEqual([
      ['Quarterly revenue', 'revenue', 'fixed'],
      ['Deals won each month', 'deals_won', 'recurring'],
      ['Happy customers', 'avg_satisfaction', 'fixed'],
      ['Customers who come back', 'repeat_customers', 'recurring'],
      ['Cold calls', 'custom', 'fixed'],
      ['New customers this year', 'new_customers', 'fixed'],
      ['Learning time each week', 'learning_minutes', 'recurring'],
    ]);
    const byTitle = new Map(list.items.map((i) => [i.goal.title, i]));
    // The quarter's first month is over by 15 June: its milestone is decided either way.
    expect(byTitle.get('Quarterly revenue')!.milestones.map((m) => m.title)).toEqual([
      'Call the ten best customers',
      'A third of the way',
      'Two thirds',
    ]);
    expect(byTitle.get('Quarterly revenue')!.pace.actual).toBeGreaterThan(0);
    // Six closed months (December to May) behind the deals goal, recorded on first sight.
    const deals = byTitle.get('Deals won each month')!.streaks!;
    expect(deals.achieved + deals.missed).toBe(6);
    // Calls logged on each working day of June so far (1–5, 8–12, 15).
    const calls = byTitle.get('Cold calls')!;
    expect((await call('goals.values.list', { goalId: calls.goal.id })).total).toBe(11);
    expect(calls.pace.actual).toBeGreaterThanOrEqual(11 * 4);
    const eased = await call('goals.get', { id: byTitle.get('New customers this year')!.goal.id });
    expect(eased.changes).toEqual([expect.objectContaining({ field: 'target', easing: true, on: '2026-05-15' })]);
    const [easing] = eased.changes;
    expect(easing!.to).toBe(Number(easing!.from) - 2);
    // Targets come from the seller's own numbers, so each is within reach, not met many times over.
    for (const title of ['Customers who come back', 'New customers this year']) {
      const { pace, goal } = byTitle.get(title)!;
      expect((pace.actual ?? 0) / goal.target).toBeGreaterThan(0.3);
      expect((pace.actual ?? 0) / goal.target).toBeLessThan(1.5);
    }
    expect(eased.chart.events).toHaveLength(1);

    // The learning goal: minutes a week since the week the seller started the course in progress
    // they took on last, its target what their own closed weeks averaged (down to the half hour).
    const learning = byTitle.get('Learning time each week')!;
    const started = rows(`SELECT max(started_on) AS on_ FROM library_items WHERE status = 'in_progress'`)[0] as {
      on_: string;
    };
    expect(learning.goal.period).toMatchObject({ kind: 'recurring', every: 'weekly' });
    const since = (learning.goal.period as { since: string }).since;
    expect(since <= started.on_ && addDays(since, 7) > started.on_).toBe(true);
    const weeks = await call('goals.get', { id: learning.goal.id });
    const closed = weeks.history.periods.map((h) => h.atClose.value ?? 0);
    expect(closed.length).toBeGreaterThanOrEqual(3);
    const mean = closed.reduce((a, b) => a + b, 0) / closed.length;
    expect(learning.goal.target).toBe(Math.floor(mean / 30) * 30);
    // Honest: some weeks made it and some did not, and this week reads the library's own minutes.
    expect(closed.some((v) => v >= learning.goal.target)).toBe(true);
    expect(closed.some((v) => v < learning.goal.target)).toBe(true);
    const thisWeek = rows(
      `SELECT coalesce(sum(minutes), 0) AS m FROM learning_sessions WHERE on_date BETWEEN '${learning.pace.from}' AND '2026-06-15'`,
    )[0] as { m: number };
    expect(learning.pace.actual).toBe(thisWeek.m);
    // On pace or a little behind, on every day of the week (paced on all seven: learning has no office hours).
    expect(learning.goal.calendar?.weekdays).toHaveLength(7);
    expect(learning.pace.actual! / learning.pace.expected).toBeGreaterThan(0.8);

    expect(rows('SELECT count(*) AS n FROM goal_period_results')).toEqual([{ n: 6 + 4 + closed.length }]);
  });

  it('are the same for the same seed and end date', async () => {
    const options = { sales: 300, seed: 9, endDate: '2026-06-15', currency: 'EUR' };
    const goals = (): unknown[] =>
      rows('SELECT title, metric, target, from_on, to_on FROM goals ORDER BY id').concat(
        rows('SELECT on_date, value FROM goal_values ORDER BY id'),
      );
    await t.store.db.transaction().execute((trx) => generateSampleData(trx, t.store.sqlite, options, FIXED_NOW));
    const first = goals();
    const other = await freshStore();
    try {
      await other.store.db
        .transaction()
        .execute((trx) => generateSampleData(trx, other.store.sqlite, options, FIXED_NOW));
      expect(
        other.store.sqlite
          .prepare('SELECT title, metric, target, from_on, to_on FROM goals ORDER BY id')
          .all()
          .concat(other.store.sqlite.prepare('SELECT on_date, value FROM goal_values ORDER BY id').all()),
      ).toEqual(first);
    } finally {
      await other.cleanup();
    }
  });
});
