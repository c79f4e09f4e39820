import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { localIsoDate } from '../../shared/dates';
import { metricFilters, type DateRange, type GoalStatus } from './contract/definition';
import type {
  GoalDetail,
  GoalList,
  GoalListQuery,
  GoalMilestone,
  GoalNudges,
  GoalTimeline,
  Scorecard,
  ScorecardQuery,
  TimelineQuery,
} from './contract/api';
import type { DB } from '../../db/schema';
import { writeIfFree } from '../../db/writeIfFree';
import * as repo from './repository';
import { periodContaining, periodsBetween, previousPeriods } from './calendar';
import { goalChart, timeline, type TimelineGoal } from './chart';
import { detailOf, evaluateGoal, type Evaluation, type EvaluationContext } from './evaluate';
import { getWorkCalendar, loadGoal, loadGoals, type LoadedGoal } from './service';
import { CATEGORY_WEIGHTS, scorecard, type GoalPeriodResult } from './scorecard';
import { plannedItems } from '../library';

/** The views over all goals: the list, one goal's detail, the timeline, the scorecard, nudges. */

type Archived = 'active' | 'archived' | 'all';

async function context(
  db: Kysely<DB>,
  now: Date,
  asOf: string | undefined,
  forecast: boolean,
): Promise<EvaluationContext> {
  const today = localIsoDate(now);
  return { asOf: asOf ?? today, today, now, appCalendar: await getWorkCalendar(db), forecast };
}

/** The goals the filters keep, with each one's evaluation, in creation order. */
async function evaluateAll(
  db: Kysely<DB>,
  filter: { archived: Archived; metric?: string | undefined; category?: string | undefined },
  ctx: EvaluationContext,
): Promise<{ loaded: LoadedGoal; evaluation: Evaluation }[]> {
  const rows = (await repo.listGoals(db, filter.archived)).filter(
    (r) =>
      (filter.metric === undefined || r.metric === filter.metric) &&
      (filter.category === undefined || r.category === filter.category),
  );
  const out = [];
  for (const loaded of await loadGoals(db, rows)) out.push({ loaded, evaluation: await evaluateGoal(db, loaded, ctx) });
  return out;
}

/** Runs in a transaction: looking at a goal records the results of its periods first seen closed. */
export async function listGoals(db: Kysely<DB>, query: z.output<typeof GoalListQuery>, now: Date): Promise<GoalList> {
  const ctx = await context(db, now, query.asOf, true);
  const items = (await evaluateAll(db, query, ctx))
    .map(({ evaluation }) => evaluation.summary)
    .filter((s) => query.status === undefined || query.status.includes(s.pace.status));
  return { asOf: ctx.asOf, items };
}

/**
 * Each active goal's phase and pace status as of today, without forecasts (which the status
 * does not depend on): Home's count of goals on track. Runs in a transaction, like listGoals.
 */
export async function goalStatuses(db: Kysely<DB>, now: Date): Promise<{ phase: string; status: GoalStatus }[]> {
  const ctx = await context(db, now, undefined, false);
  return (await evaluateAll(db, { archived: 'active' }, ctx)).map(({ evaluation }) => ({
    phase: evaluation.summary.phase,
    status: evaluation.summary.pace.status,
  }));
}

/** A revenue goal's pace over Home's range: the revenue its pace line asks for on each day. */
export interface RevenuePace {
  goalId: number;
  title: string;
  currency: string;
  /** Per day of the range inside one of the goal's periods: the line's rise that day (minor units). */
  daily: Record<string, number>;
}

/**
 * Home's goals: each active goal's status as of today (goalStatuses), and the pace of the
 * revenue goals (not archived, a sum in one currency) over `range`: for each of their periods
 * that overlaps it, the pace line of the goal's detail chart (goalChart, the target in force at
 * the period's end), as how much it rises on each day — what the pace asked for that day. The
 * goals are evaluated once for both.
 */
export async function homeGoals(
  db: Kysely<DB>,
  range: DateRange,
  now: Date,
): Promise<{ statuses: { phase: string; status: GoalStatus }[]; revenuePace: RevenuePace[] }> {
  const ctx = await context(db, now, undefined, false);
  const statuses: { phase: string; status: GoalStatus }[] = [];
  const revenuePace: RevenuePace[] = [];
  for (const { loaded, evaluation } of await evaluateAll(db, { archived: 'active' }, ctx)) {
    statuses.push({ phase: evaluation.summary.phase, status: evaluation.summary.pace.status });
    const { goal } = loaded;
    if (goal.metric !== 'revenue' || goal.aggregation !== 'sum' || goal.currency === null) continue;
    const p = goal.period;
    const periods =
      p.kind === 'fixed'
        ? [{ from: p.from, to: p.to }]
        : periodsBetween(range.from < p.since ? p.since : range.from, range.to, p.every, p.weekStartsOn);
    const daily: Record<string, number> = {};
    for (const period of periods) {
      if (period.to < range.from || period.from > range.to) continue;
      let before = 0;
      for (const point of goalChart(evaluation.inputOf(period)).pace) {
        const value = point.value ?? before;
        if (point.date >= range.from && point.date <= range.to) daily[point.date] = value - before;
        before = value;
      }
    }
    if (Object.keys(daily).length > 0)
      revenuePace.push({ goalId: goal.id, title: goal.title, currency: goal.currency, daily });
  }
  return { statuses, revenuePace };
}

export async function goalDetail(db: Kysely<DB>, id: number, asOf: string | undefined, now: Date): Promise<GoalDetail> {
  const loaded = await loadGoal(db, id);
  return detailOf(loaded, await evaluateGoal(db, loaded, await context(db, now, asOf, true)));
}

/** A milestone's state as of today, after it was ticked or unticked. */
export async function milestoneState(
  db: Kysely<DB>,
  goalId: number,
  milestoneId: number,
  now: Date,
): Promise<GoalMilestone> {
  const { summary } = await evaluateGoal(db, await loadGoal(db, goalId), await context(db, now, undefined, false));
  return summary.milestones.find((m) => m.id === milestoneId)!;
}

const ZOOM_PERIOD = { month: 'monthly', quarter: 'quarterly', year: 'yearly' } as const;

/**
 * Every goal on one axis, as of today: a fixed goal is one bar, a recurring goal one bar per
 * period in the window (each with its pace against the target in force at its end); and the
 * learning plan, the library items due to be finished in the window, unless the goals are
 * narrowed by status, by scorecard side or to a metric that is not a learning one (then the
 * plan is beside the point).
 */
export async function goalTimeline(
  db: Kysely<DB>,
  query: z.output<typeof TimelineQuery>,
  now: Date,
): Promise<GoalTimeline> {
  const ctx = await context(db, now, undefined, false);
  const anchor = query.date ?? ctx.asOf;
  const window = periodContaining(anchor, ZOOM_PERIOD[query.zoom]);
  const goals: TimelineGoal[] = [];
  for (const { loaded, evaluation } of await evaluateAll(db, query, ctx)) {
    const { goal } = loaded;
    const current = evaluation.summary.period;
    const periods =
      goal.period.kind === 'fixed'
        ? [current]
        : periodsBetween(
            window.from < goal.period.since ? goal.period.since : window.from,
            window.to,
            goal.period.every,
            goal.period.weekStartsOn,
          );
    for (const period of periods) {
      const isCurrent = period.from === current.from;
      const pace = isCurrent ? evaluation.summary.pace : evaluation.paceOf(period);
      goals.push({
        id: goal.id,
        title: goal.title,
        metric: goal.metric,
        status: pace.status,
        progress: pace.progress,
        from: period.from,
        to: period.to,
        milestones: isCurrent ? evaluation.summary.milestones : [],
      });
    }
  }
  const showPlan =
    query.status === undefined &&
    query.category === undefined &&
    (query.metric === undefined || metricFilters(query.metric) === 'none');
  const plan = showPlan ? await plannedItems(db, window.from, window.to) : [];
  const result = timeline({
    goals,
    today: ctx.today,
    zoom: query.zoom,
    anchor,
    filter: query.status ? { statuses: query.status } : {},
    plan: plan.map((r) => ({
      itemId: r.id,
      title: r.title,
      kind: r.kind,
      plannedOn: r.planned_on,
      finishedOn: r.finished_on,
      done: r.status === 'done',
    })),
  });
  return { ...result, asOf: ctx.asOf };
}

/**
 * The weighted score per period. A goal counts in the period its own period ends in; a closed
 * one with the result recorded when it closed, one still running with its progress so far.
 * Archived goals count too: archiving a missed goal does not take the miss out of the past.
 */
export async function goalScorecard(
  db: Kysely<DB>,
  query: z.output<typeof ScorecardQuery>,
  now: Date,
): Promise<Scorecard> {
  const ctx = await context(db, now, query.asOf, false);
  const to = query.to ?? ctx.asOf;
  const from = query.from ?? previousPeriods(to, query.every, 11).at(-1)!.from;
  const buckets = periodsBetween(from, to, query.every);
  const bucketOf = (day: string) => buckets.find((b) => b.from <= day && day <= b.to);
  const entries: { result: GoalPeriodResult; title: string; own: DateRange }[] = [];
  for (const { loaded, evaluation } of await evaluateAll(db, { archived: 'all' }, ctx)) {
    const { goal } = loaded;
    const { summary } = evaluation;
    const periods = evaluation.closed.map((c) => ({
      from: c.from,
      to: c.to,
      progress: c.atClose.progress,
      status: c.atClose.outcome as GoalStatus,
    }));
    if (summary.phase === 'active' && !goal.archived)
      periods.push({ ...summary.period, progress: summary.pace.progress, status: summary.pace.status });
    for (const own of periods) {
      const bucket = bucketOf(own.to);
      if (!bucket) continue;
      const { category, weight } = goal;
      const result = { goalId: goal.id, category, weight, ...bucket, progress: own.progress, status: own.status };
      entries.push({ result, title: goal.title, own: { from: own.from, to: own.to } });
    }
  }
  const weights = query.weights ?? CATEGORY_WEIGHTS;
  return {
    every: query.every,
    weights: { ...weights },
    periods: scorecard(
      entries.map((e) => e.result),
      weights,
    ).map((period) => ({
      ...period,
      goals: entries
        .filter((e) => e.result.from === period.from)
        .map(({ result, title, own }) => ({
          goalId: result.goalId,
          title,
          category: result.category,
          weight: result.weight,
          ...own,
          progress: result.progress,
          status: result.status,
        })),
    })),
  };
}

/**
 * Goals behind pace (behind or at risk, in their period) not yet nudged on `asOf`; each is
 * recorded in the ledger before it is given, so a goal nudges at most once a day.
 */
export async function pollNudges(db: Kysely<DB>, asOf: string | undefined, now: Date): Promise<GoalNudges> {
  const ctx = await context(db, now, asOf, false);
  const already = await repo.nudgedOn(db, ctx.asOf);
  const items: (GoalNudges['items'][number] & { status: 'behind' | 'at_risk' })[] = [];
  for (const { loaded, evaluation } of await evaluateAll(db, { archived: 'active' }, ctx)) {
    const { goal } = loaded;
    const { pace, phase, period } = evaluation.summary;
    const status = pace.status;
    if (already.has(goal.id) || phase !== 'active' || (status !== 'behind' && status !== 'at_risk')) continue;
    items.push({
      goalId: goal.id,
      title: goal.title,
      status,
      actual: pace.actual,
      expected: pace.expected,
      target: pace.target,
      unit: goal.unit,
      currency: goal.currency,
      period,
    });
  }
  const at = now.toISOString();
  const ledger = items.map((i) => ({ goal_id: i.goalId, on_date: ctx.asOf, status: i.status, nudged_at: at }));
  // A nudge not in the ledger could come again: while another process writes, none is given
  // (the next poll gives it).
  if (!(await writeIfFree(db, (writer) => repo.recordNudges(writer, ledger)))) return { asOf: ctx.asOf, items: [] };
  return { asOf: ctx.asOf, items };
}
