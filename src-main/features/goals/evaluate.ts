import type { Kysely } from 'kysely';
import {
  isCumulative,
  type DailySeries,
  type DateRange,
  type Forecast,
  type GoalStatus,
  type Pace,
  type WorkCalendar,
} from './contract/definition';
import type { GoalDetail, GoalMilestone, GoalSummary, PeriodResult } from './contract/api';
import type { DB, GoalPeriodResultRow } from '../../db/schema';
import { writeIfFree } from '../../db/writeIfFree';
import { periodResultsOf, recordPeriodResults } from './repository';
import { addMonths, countWorkingDays, dayNumber, isoFromDayNumber, periodContaining, periodsBetween } from './calendar';
import { chartTable, goalChart } from './chart';
import { forecastGoal } from './forecast';
import { coreChange, coreMilestone, type CalendarData, type LoadedGoal } from './service';
import { loadSeries } from '../metrics';
import { computePace, milestoneStates, type PaceInput } from './pace';
import { streaks } from './scorecard';

/**
 * The glue between the database and the pure core: loads a goal's daily series once, then
 * asks pace.ts, forecast.ts, chart.ts and scorecard.ts about the period it is looked at, and
 * about each closed period (whose first-seen result is recorded, never rewritten).
 */

export interface EvaluationContext {
  /** The day the goal is looked at. */
  asOf: string;
  /** The real today: only periods that ended before it are recorded as closed. */
  today: string;
  now: Date;
  /** The app-wide work calendar, for goals without their own. */
  appCalendar: CalendarData;
  /** Run the forecast (the nudge poll does not need one). */
  forecast: boolean;
}

/** A goal looked at on one day: its period, pace, forecast, milestones and closed periods. */
export interface Evaluation {
  summary: GoalSummary;
  forecast: Forecast | null;
  calendar: CalendarData;
  input: PaceInput;
  closed: PeriodResult[];
  /** Pace of any of the goal's periods (the target in force at its end), e.g. for the timeline. */
  paceOf(period: DateRange): Pace;
  /** The pace input of any of the goal's periods (the target in force at its end), e.g. for its pace line. */
  inputOf(period: DateRange): PaceInput;
}

const EVERY_DAY: WorkCalendar = { weekdays: [0, 1, 2, 3, 4, 5, 6], breaks: [] };

/** A goal's period that contains `day` (for a recurring goal before it began, its first one). */
export function periodAt(loaded: LoadedGoal, day: string): DateRange {
  const p = loaded.goal.period;
  if (p.kind === 'fixed') return { from: p.from, to: p.to };
  return periodContaining(day < p.since ? p.since : day, p.every, p.weekStartsOn);
}

/**
 * The target in force at the end of `day`: the last change made on or before it, else the
 * value before the first change, else the current target (chart.ts draws the same steps).
 */
function targetOn(loaded: LoadedGoal, day: string): number {
  const changes = loaded.changes.filter((c) => c.field === 'target');
  let target = changes.length > 0 ? (changes[0]!.from as number) : loaded.goal.target;
  for (const c of changes) if (c.on <= day) target = c.to as number;
  return target;
}

export async function evaluateGoal(db: Kysely<DB>, loaded: LoadedGoal, ctx: EvaluationContext): Promise<Evaluation> {
  const { goal } = loaded;
  const calendar = goal.calendar ?? ctx.appCalendar;
  const period = periodAt(loaded, ctx.asOf);
  const first = goal.period.kind === 'fixed' ? period : periodAt(loaded, goal.period.since);
  // Two years before the period feed the seasonality of sums and counts; the forecast
  // resamples about the last year (FORECAST_DEFAULTS: 250 working days) before the day looked at.
  const history = isCumulative(goal.aggregation)
    ? addMonths(period.from, -24)
    : addMonths(ctx.asOf < period.from ? ctx.asOf : period.from, -13);
  const seriesFrom = [first.from, history].sort()[0]!;
  const seriesTo = ctx.asOf < period.to ? ctx.asOf : period.to;
  const series: DailySeries =
    seriesTo < seriesFrom
      ? {}
      : await loadSeries(
          db,
          {
            metric: goal.metric,
            aggregation: goal.aggregation,
            currency: goal.currency,
            filters: goal.filters,
            goalId: goal.id,
            windowOf: windowOf(loaded),
          },
          { from: seriesFrom, to: seriesTo },
          ctx.asOf,
        );

  const inputFor = (p: DateRange, target: number): PaceInput => ({
    series,
    target,
    direction: goal.direction,
    aggregation: goal.aggregation,
    from: p.from,
    to: p.to,
    today: ctx.asOf,
    // A period that is all break (a recurring month of holiday) is paced over its calendar
    // days rather than refused: there is still a result to keep.
    calendar: countWorkingDays(p.from, p.to, calendar) > 0 ? calendar : EVERY_DAY,
  });
  const input = inputFor(period, goal.target);
  const pace = computePace(input);
  const forecast = ctx.forecast ? forecastGoal({ ...input, seed: goal.id }) : null;
  const states = milestoneStates(input, loaded.milestones.map(coreMilestone));
  const milestones: GoalMilestone[] = states.map((state, i) => ({
    ...state,
    id: loaded.milestones[i]!.id,
    auto: loaded.milestones[i]!.auto === 1,
  }));
  const closed = await closedPeriods(db, loaded, ctx, inputFor);

  const summary: GoalSummary = {
    goal,
    asOf: ctx.asOf,
    period,
    phase: ctx.asOf < period.from ? 'upcoming' : ctx.asOf > period.to ? 'ended' : 'active',
    pace,
    forecast: {
      probability: forecast?.probability ?? null,
      projected: forecast?.projected ?? null,
      low: forecast?.low ?? null,
      high: forecast?.high ?? null,
      method: forecast?.basis.method ?? 'insufficient_history',
    },
    milestones,
    streaks: goal.period.kind === 'recurring' ? streaksOf(closed) : null,
  };
  return {
    summary,
    forecast,
    calendar,
    input,
    closed,
    paceOf: (p) => computePace(inputFor(p, targetOn(loaded, p.to))),
    inputOf: (p) => inputFor(p, targetOn(loaded, p.to)),
  };
}

/** For repeat_customers: the first day of the period (or equally long window) containing a day. */
function windowOf(loaded: LoadedGoal): (day: string) => string {
  const p = loaded.goal.period;
  if (p.kind === 'recurring') return (day) => periodContaining(day, p.every, p.weekStartsOn).from;
  const from = dayNumber(p.from);
  const length = dayNumber(p.to) - from + 1;
  return (day) => isoFromDayNumber(from + Math.floor((dayNumber(day) - from) / length) * length);
}

/**
 * The goal's periods that ended before `asOf`, newest first: each as recorded when first seen
 * closed (recording it now if it ended before today and was not yet), and as the data says now
 * against the same target.
 */
async function closedPeriods(
  db: Kysely<DB>,
  loaded: LoadedGoal,
  ctx: EvaluationContext,
  inputFor: (p: DateRange, target: number) => PaceInput,
): Promise<PeriodResult[]> {
  const p = loaded.goal.period;
  const periods =
    p.kind === 'fixed'
      ? p.to < ctx.asOf
        ? [{ from: p.from, to: p.to }]
        : []
      : periodsBetween(p.since, ctx.asOf, p.every, p.weekStartsOn).filter((r) => r.to < ctx.asOf);
  if (periods.length === 0) return [];
  const recorded = await periodResultsOf(db, loaded.goal.id);
  const fresh: GoalPeriodResultRow[] = [];
  const results: PeriodResult[] = [];
  for (const period of periods) {
    const kept = recorded.get(period.from);
    const target = kept?.target ?? targetOn(loaded, period.to);
    const pace = computePace(inputFor(period, target));
    const outcome: PeriodResult['now']['outcome'] = pace.status === 'achieved' ? 'achieved' : 'missed';
    const now = { value: pace.actual, progress: pace.progress, outcome };
    let atClose: PeriodResult['atClose'] = { ...now, recordedAt: null };
    if (kept)
      atClose = { value: kept.value, progress: kept.progress, outcome: kept.outcome, recordedAt: kept.recorded_at };
    else if (period.to < ctx.today) {
      const recordedAt = ctx.now.toISOString();
      fresh.push({
        goal_id: loaded.goal.id,
        from_on: period.from,
        to_on: period.to,
        target,
        value: pace.actual,
        progress: pace.progress,
        outcome,
        recorded_at: recordedAt,
      });
      atClose = { ...atClose, recordedAt };
    }
    results.push({
      from: period.from,
      to: period.to,
      target,
      atClose,
      now,
      changed: atClose.value !== now.value || atClose.outcome !== now.outcome,
    });
  }
  // Looking is not worth waiting for another process's write: unrecorded, a period is recorded
  // by the next look, and this one says it is not recorded yet.
  if (fresh.length > 0 && !(await writeIfFree(db, (writer) => recordPeriodResults(writer, fresh)))) {
    const unrecorded = new Set(fresh.map((f) => f.from_on));
    for (const r of results) if (unrecorded.has(r.from)) r.atClose = { ...r.atClose, recordedAt: null };
  }
  return results.reverse();
}

function streaksOf(closed: readonly PeriodResult[]): GoalSummary['streaks'] {
  return streaks(
    closed.map((c): { from: string; status: GoalStatus } => ({ from: c.from, status: c.atClose.outcome })),
  );
}

/** Everything the detail screen shows: the summary, the full forecast, the chart and the history. */
export function detailOf(loaded: LoadedGoal, evaluation: Evaluation): GoalDetail {
  const chart = goalChart({
    ...evaluation.input,
    milestones: loaded.milestones.map(coreMilestone),
    changes: loaded.changes.map(coreChange),
    forecast: evaluation.forecast,
  });
  return {
    ...evaluation.summary,
    forecastDetail: evaluation.forecast!,
    calendar: evaluation.calendar,
    changes: loaded.changes,
    chart,
    chartTable: chartTable(chart),
    history: { periods: evaluation.closed, streaks: streaksOf(evaluation.closed)! },
  };
}
