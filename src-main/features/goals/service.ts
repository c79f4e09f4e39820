import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/api';
import { localIsoDate } from '../../shared/dates';
import {
  DEFAULT_WEEKDAYS,
  goalAggregation,
  metricFilters,
  METRICS,
  WorkCalendar,
  type GoalChange,
  type GoalPeriod,
  type Milestone,
} from './contract/definition';
import type {
  Goal,
  GoalChangeEntry,
  GoalData,
  GoalValue,
  GoalValueInput,
  GoalValueQuery,
  MilestoneTick,
} from './contract/api';
import type { DB, GoalChangeRow, GoalMilestoneRow, GoalRow } from '../../db/schema';
import { countExisting } from '../catalog';
import * as repo from './repository';
import { readSettings, writeSettings } from '../settings';
import { AppError, notFound } from '../../kernel/errors';
import { notInFuture } from '../care';
import { chartEvents } from './chart';
import { countWorkingDays } from './calendar';

/**
 * Goals as the seller defines them: create, edit (a change of target or deadline is recorded
 * in the goal's history, easing or not), archive, tick milestones, log custom values, and the
 * app-wide work calendar. Evaluating a goal (pace, forecast, chart) is evaluate.ts.
 */

/** A goal with what is stored beside it, as evaluate.ts needs it. */
export interface LoadedGoal {
  goal: Goal;
  milestones: GoalMilestoneRow[];
  changes: GoalChangeEntry[];
}

const WEEKDAYS_SETTING = 'workWeekdays';

/** A work calendar as the schema outputs it (every break with its label). */
export type CalendarData = z.output<typeof WorkCalendar>;

function periodOf(row: GoalRow): GoalPeriod {
  return row.period_kind === 'fixed'
    ? { kind: 'fixed', from: row.from_on, to: row.to_on! }
    : { kind: 'recurring', every: row.recurrence!, since: row.from_on, weekStartsOn: row.week_starts_on };
}

function toGoal(row: GoalRow, filters: repo.GoalFilterValues): Goal {
  return {
    id: row.id,
    title: row.title,
    metric: row.metric,
    customName: row.custom_name,
    direction: row.direction,
    aggregation: row.aggregation,
    unit: METRICS[row.metric].unit,
    currency: row.currency,
    target: row.target,
    period: periodOf(row),
    // Parsed again on the way out: a stored calendar is trusted only as far as the schema says.
    calendar: row.calendar === null ? null : WorkCalendar.parse(JSON.parse(row.calendar)),
    filters,
    category: row.category,
    weight: row.weight,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toChangeEntry(r: GoalChangeRow): GoalChangeEntry {
  const target = r.field === 'target';
  return {
    id: r.id,
    on: r.changed_on,
    field: r.field,
    from: target ? r.old_target! : r.old_deadline!,
    to: target ? r.new_target! : r.new_deadline!,
    easing: r.easing === 1,
    note: r.note,
  };
}

/** The core's view of a recorded change (chart.ts). */
export const coreChange = (c: GoalChangeEntry): GoalChange => ({
  on: c.on,
  field: c.field,
  from: c.from,
  to: c.to,
  note: c.note ?? '',
});

/** The core's view of a stored milestone (pace.ts, chart.ts). */
export function coreMilestone(m: GoalMilestoneRow): Milestone {
  return m.kind === 'target'
    ? { kind: 'target', title: m.title, date: m.due_on, target: m.target!, auto: m.auto === 1, doneOn: m.done_on }
    : { kind: 'step', title: m.title, date: m.due_on, doneOn: m.done_on };
}

/** Goals with their filters, milestones and changes, loaded in one query per table. */
export async function loadGoals(db: Kysely<DB>, rows: readonly GoalRow[]): Promise<LoadedGoal[]> {
  const ids = rows.map((r) => r.id);
  const [filters, milestones, changes] = await Promise.all([
    repo.filtersOf(db, ids),
    repo.milestonesOf(db, ids),
    repo.changesOf(db, ids),
  ]);
  return rows.map((row) => ({
    goal: toGoal(row, filters.get(row.id)!),
    milestones: milestones.get(row.id)!,
    changes: changes.get(row.id)!.map(toChangeEntry),
  }));
}

export async function loadGoal(db: Kysely<DB>, id: number): Promise<LoadedGoal> {
  const row = await repo.findGoal(db, id);
  if (!row) throw notFound('Goal', id);
  return (await loadGoals(db, [row]))[0]!;
}

// ---- the work calendar --------------------------------------------------------------------

/** The app-wide work calendar: the weekdays worked (a setting) and the planned breaks. */
export async function getWorkCalendar(db: Kysely<DB>): Promise<CalendarData> {
  const stored = WorkCalendar.shape.weekdays.safeParse((await readSettings(db))[WEEKDAYS_SETTING]);
  return {
    weekdays: stored.success ? stored.data : [...DEFAULT_WEEKDAYS],
    breaks: await repo.listBreaks(db),
  };
}

export async function setWorkCalendar(db: Kysely<DB>, calendar: CalendarData): Promise<CalendarData> {
  await writeSettings(db, { [WEEKDAYS_SETTING]: [...calendar.weekdays].sort((a, b) => a - b) });
  await repo.replaceBreaks(db, calendar.breaks);
  return getWorkCalendar(db);
}

// ---- create and edit ----------------------------------------------------------------------

const invalid = (message: string, issues: FieldIssue[]): AppError => new AppError('invalid_input', message, issues);

/**
 * What the schema cannot check alone: filters name real products and techniques (care
 * metrics take segments only, learning metrics none), the scorecard side of a built-in metric
 * is its own, and a fixed period has at least one working day to pace over.
 */
async function checkGoal(db: Kysely<DB>, data: GoalData): Promise<void> {
  const issues: FieldIssue[] = [];
  const { productIds, techniqueIds } = data.filters;
  const products = [...new Set(productIds)];
  const techniques = [...new Set(techniqueIds)];
  if ((await countExisting(db, 'products', products)) !== products.length)
    issues.push({ path: 'filters.productIds', message: 'errors.unknownProduct' });
  if ((await countExisting(db, 'techniques', techniques)) !== techniques.length)
    issues.push({ path: 'filters.techniqueIds', message: 'errors.unknownTechnique' });
  const narrowedBy = metricFilters(data.metric);
  if (narrowedBy === 'segments' && products.length + techniques.length > 0)
    issues.push({
      path: productIds.length > 0 ? 'filters.productIds' : 'filters.techniqueIds',
      message: 'errors.segmentOnly',
    });
  if (narrowedBy === 'none') {
    const given = (['productIds', 'segments', 'techniqueIds'] as const).find((kind) => data.filters[kind].length > 0);
    if (given) issues.push({ path: `filters.${given}`, message: 'library.learning.noFilters' });
  }
  const natural = METRICS[data.metric].category;
  if (data.metric !== 'custom' && data.category !== undefined && data.category !== natural)
    issues.push({ path: 'category', message: 'errors.invalid' });
  if (data.period.kind === 'fixed') {
    const calendar = data.calendar ?? (await getWorkCalendar(db));
    if (countWorkingDays(data.period.from, data.period.to, calendar) === 0)
      issues.push({ path: 'period.to', message: 'errors.noWorkingDay' });
  }
  if (issues.length > 0) throw invalid('The goal cannot be saved as it is.', issues);
}

function goalColumns(data: GoalData, nowIso: string) {
  const period = data.period;
  return {
    title: data.title,
    custom_name: data.customName,
    target: data.target,
    from_on: period.kind === 'fixed' ? period.from : period.since,
    to_on: period.kind === 'fixed' ? period.to : null,
    week_starts_on: period.kind === 'recurring' ? period.weekStartsOn : 1,
    calendar: data.calendar === null ? null : JSON.stringify(data.calendar),
    category: data.category ?? METRICS[data.metric].category,
    weight: data.weight,
    updated_at: nowIso,
  };
}

const uniqueFilters = (f: GoalData['filters']): repo.GoalFilterValues => ({
  productIds: [...new Set(f.productIds)],
  segments: [...new Set(f.segments)],
  techniqueIds: [...new Set(f.techniqueIds)],
});

export async function createGoal(db: Kysely<DB>, data: GoalData, currency: string, now: Date): Promise<Goal> {
  await checkGoal(db, data);
  const iso = now.toISOString();
  const id = await repo.insertGoal(db, {
    ...goalColumns(data, iso),
    metric: data.metric,
    direction: data.direction,
    aggregation: goalAggregation(data),
    currency: METRICS[data.metric].unit === 'money' ? currency : null,
    period_kind: data.period.kind,
    recurrence: data.period.kind === 'recurring' ? data.period.every : null,
    created_at: iso,
  });
  await repo.replaceFilters(db, id, uniqueFilters(data.filters));
  await saveMilestones(db, id, data.milestones, []);
  return (await loadGoal(db, id)).goal;
}

/**
 * Edits a goal. Title, custom name, target, deadline, milestones, calendar, side and weight
 * may change at any time; a change of target or deadline is recorded (with today's date, the
 * old and the new value, and whether it eased the goal). What the goal measures — metric,
 * direction, aggregation, kind of period — never changes, and its start and filters only
 * until the goal has begun: after that it would be a different goal wearing the old one's
 * history.
 */
export async function updateGoal(
  db: Kysely<DB>,
  id: number,
  data: GoalData,
  note: string | null,
  now: Date,
): Promise<Goal> {
  const { goal, milestones } = await loadGoal(db, id);
  const today = localIsoDate(now);
  const issues: FieldIssue[] = [];
  const unchanged = (path: string, same: boolean, why: string): void => {
    if (!same) issues.push({ path, message: why });
  };
  const another = 'errors.goalFixedField';
  unchanged('metric', data.metric === goal.metric, another);
  unchanged('direction', data.direction === goal.direction, another);
  unchanged('aggregation', goalAggregation(data) === goal.aggregation, another);
  unchanged('period.kind', data.period.kind === goal.period.kind, another);
  const before = goal.period;
  const after = data.period;
  if (before.kind === 'recurring' && after.kind === 'recurring') {
    unchanged('period.every', after.every === before.every, another);
    unchanged('period.weekStartsOn', after.weekStartsOn === before.weekStartsOn, another);
  }
  const started = (before.kind === 'fixed' ? before.from : before.since) <= today;
  if (started) {
    const since = (p: GoalPeriod): string => (p.kind === 'fixed' ? p.from : p.since);
    unchanged(
      after.kind === 'fixed' ? 'period.from' : 'period.since',
      since(after) === since(before),
      'errors.goalStarted',
    );
    const same = (a: readonly (number | string)[], b: readonly (number | string)[]): boolean =>
      a.length === b.length && a.every((x) => b.includes(x));
    const filters = uniqueFilters(data.filters);
    unchanged(
      'filters',
      same(filters.productIds, goal.filters.productIds) &&
        same(filters.techniqueIds, goal.filters.techniqueIds) &&
        same(filters.segments, goal.filters.segments),
      'errors.goalStarted',
    );
  }
  const known = new Set(milestones.map((m) => m.id));
  data.milestones.forEach((m, i) => {
    if (m.id !== undefined && !known.has(m.id)) issues.push({ path: `milestones.${i}.id`, message: 'errors.invalid' });
  });
  if (issues.length > 0) throw invalid('The goal cannot be changed that way.', issues);
  await checkGoal(db, data);

  const iso = now.toISOString();
  const changes: GoalChange[] = [];
  if (data.target !== goal.target)
    changes.push({ on: today, field: 'target', from: goal.target, to: data.target, note: note ?? '' });
  if (before.kind === 'fixed' && after.kind === 'fixed' && after.to !== before.to)
    changes.push({ on: today, field: 'deadline', from: before.to, to: after.to, note: note ?? '' });
  // Whether a change eases the goal is the chart's rule (chart.ts), so the two never disagree.
  for (const c of chartEvents(changes, goal.direction)) {
    const target = c.field === 'target';
    await repo.insertChange(db, {
      goal_id: id,
      changed_on: today,
      field: c.field,
      old_target: target ? (c.from as number) : null,
      new_target: target ? (c.to as number) : null,
      old_deadline: target ? null : (c.from as string),
      new_deadline: target ? null : (c.to as string),
      easing: c.easing ? 1 : 0,
      note,
      created_at: iso,
    });
  }
  await repo.updateGoal(db, id, goalColumns(data, iso));
  if (!started) await repo.replaceFilters(db, id, uniqueFilters(data.filters));
  await saveMilestones(db, id, data.milestones, milestones);
  return (await loadGoal(db, id)).goal;
}

/**
 * The goal's milestones become `wanted`, in that order. One that names its id is updated in
 * place and keeps its tick (ticks change only through tickMilestone); others are new.
 */
async function saveMilestones(
  db: Kysely<DB>,
  goalId: number,
  wanted: GoalData['milestones'],
  existing: readonly GoalMilestoneRow[],
): Promise<void> {
  const byId = new Map(existing.map((m) => [m.id, m]));
  await repo.deleteMilestonesExcept(
    db,
    goalId,
    wanted.flatMap((m) => (m.id === undefined ? [] : [m.id])),
  );
  for (const [position, m] of wanted.entries()) {
    const auto = m.kind === 'target' && m.auto;
    const kept = m.id === undefined ? undefined : byId.get(m.id);
    const columns = {
      position,
      kind: m.kind,
      title: m.title,
      due_on: m.date,
      target: m.kind === 'target' ? m.target : null,
      auto: auto ? 1 : 0,
      done_on: auto ? null : kept ? kept.done_on : m.doneOn,
    };
    if (kept) await repo.updateMilestone(db, kept.id, columns);
    else await repo.insertMilestone(db, { goal_id: goalId, ...columns });
  }
}

export async function archiveGoal(db: Kysely<DB>, id: number, archived: boolean, now: Date): Promise<Goal> {
  const { goal } = await loadGoal(db, id);
  if (goal.archived !== archived) {
    const iso = now.toISOString();
    await repo.updateGoal(db, id, { archived_at: archived ? iso : null, updated_at: iso });
  }
  return (await loadGoal(db, id)).goal;
}

/**
 * Ticks (or unticks) a milestone done by hand: a checklist step, or a target milestone that
 * is not reached automatically. Returns the goal's id for the caller to evaluate.
 */
export async function tickMilestone(
  db: Kysely<DB>,
  input: z.output<typeof MilestoneTick>,
  now: Date,
): Promise<{ goalId: number; milestoneId: number }> {
  const milestone = await repo.findMilestone(db, input.id);
  if (!milestone) throw notFound('Milestone', input.id);
  if (milestone.auto === 1) throw new AppError('conflict', 'failures.milestoneAutomatic');
  const today = localIsoDate(now);
  const on = input.on ?? today;
  notInFuture(on, today, 'on');
  await repo.updateMilestone(db, milestone.id, { done_on: input.done ? on : null });
  return { goalId: milestone.goal_id, milestoneId: milestone.id };
}

// ---- custom-metric values -----------------------------------------------------------------

/** The goal a value is logged for: an existing custom-metric goal. */
export async function customGoal(db: Kysely<DB>, goalId: number): Promise<Goal> {
  const { goal } = await loadGoal(db, goalId);
  if (goal.metric !== 'custom')
    throw new AppError('conflict', 'failures.goalNotCustom', undefined, { id: goalId, metric: goal.metric });
  return goal;
}

/** Why `value` cannot be a point of the goal's aggregation (a message key), or null when it can. */
export function valueProblem(goal: Goal, value: number): string | null {
  if (!Number.isFinite(value)) return 'errors.invalid';
  if (goal.aggregation === 'count' && !(Number.isInteger(value) && value >= 0)) return 'errors.wholeNumber';
  if (goal.aggregation === 'rate' && !(value >= 0 && value <= 1)) return 'errors.goalFraction';
  return null;
}

export async function logValue(db: Kysely<DB>, input: z.output<typeof GoalValueInput>, now: Date): Promise<GoalValue> {
  const goal = await customGoal(db, input.goalId);
  notInFuture(input.date, localIsoDate(now), 'date');
  const problem = valueProblem(goal, input.value);
  if (problem) throw invalid('The value does not fit this goal.', [{ path: 'value', message: problem }]);
  const [row] = await repo.insertValues(db, [
    { goal_id: goal.id, on_date: input.date, value: input.value, note: input.note, created_at: now.toISOString() },
  ]);
  return repo.toGoalValue(row!);
}

export async function listValues(
  db: Kysely<DB>,
  query: z.output<typeof GoalValueQuery>,
): Promise<{ items: GoalValue[]; total: number }> {
  await loadGoal(db, query.goalId);
  return repo.listValues(db, query);
}

export async function deleteValue(db: Kysely<DB>, id: number): Promise<void> {
  if (!(await repo.deleteValue(db, id))) throw notFound('Value', id);
}
