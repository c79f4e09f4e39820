import type { IsoDate } from '../../shared/dates';
import type {
  DateRange,
  Forecast,
  GoalChange,
  GoalDirection,
  GoalMetric,
  GoalStatus,
  Milestone,
  MilestoneState,
} from './contract/definition';
import type { PlannedItem, TimelineBar } from './contract/api';
import { AppError } from '../../kernel/errors';
import { dayNumber, isoFromDayNumber, periodContaining, weekdayOf, type DayNumber } from './calendar';
import { buildFrame, runningValues } from './frame';
import { milestoneStates, paceCurve, type PaceInput } from './pace';

/**
 * Plain data for the goal detail chart and the timeline, for any chart library to draw.
 * Dates are `YYYY-MM-DD`; values are in the metric's unit. Lines are given per calendar day
 * so weekends and breaks show as flat stretches.
 */

export interface ChartPoint {
  readonly date: IsoDate;
  readonly value: number | null;
}

export interface ConePoint {
  readonly date: IsoDate;
  readonly low: number;
  readonly median: number;
  readonly high: number;
}

/** A target or deadline change, placed on the chart; easing = made the goal easier. */
export interface ChartEvent {
  readonly date: IsoDate;
  readonly field: 'target' | 'deadline';
  readonly from: number | string;
  readonly to: number | string;
  readonly easing: boolean;
  readonly note: string;
}

export interface GoalChart {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly today: IsoDate;
  /** The metric at the end of each day from the start through today (or the end). */
  readonly actual: ChartPoint[];
  /** The ideal pace line, every day of the period. */
  readonly pace: ChartPoint[];
  /** From today's actual out to the deadline: the forecast's interval and median per working day. */
  readonly cone: ConePoint[];
  /** The target in effect, as steps: each point holds until the next (draw stepped). */
  readonly target: ChartPoint[];
  readonly milestones: (MilestoneState & { readonly value: number | null })[];
  /** Planned breaks inside the period, to shade. */
  readonly breaks: { readonly from: IsoDate; readonly to: IsoDate; readonly label: string }[];
  readonly events: ChartEvent[];
}

export interface GoalChartInput extends PaceInput {
  readonly milestones?: readonly Milestone[];
  /** The goal's history of target and deadline changes, in any order. */
  readonly changes?: readonly GoalChange[];
  /** The forecast for the same goal and day (forecastGoal); null to draw no cone. */
  readonly forecast?: Forecast | null;
}

export function goalChart(input: GoalChartInput): GoalChart {
  const frame = buildFrame(input);
  const curve = paceCurve(frame, input.seasonality);
  const last = Math.min(frame.today, frame.to);
  const actualValues = runningValues(frame, frame.from, last);
  const actual = actualValues.map((value, i) => ({ date: isoFromDayNumber(frame.from + i), value }));

  const pace: ChartPoint[] = [];
  let k = 0;
  for (let day = frame.from; day <= frame.to; day++) {
    if (k < frame.periodDays.length && frame.periodDays[k] === day) k++;
    pace.push({ date: isoFromDayNumber(day), value: curve.values[k]! });
  }

  const cone: ConePoint[] = [];
  const path = input.forecast?.path ?? [];
  const now = actualValues[actualValues.length - 1];
  if (path.length > 0 && now !== null && now !== undefined) {
    // Start the cone on today's actual so it grows out of the line, not beside it.
    cone.push({ date: isoFromDayNumber(last), low: now, median: now, high: now });
    cone.push(...path);
  }

  const events = chartEvents(input.changes ?? [], input.direction);
  return {
    from: input.from,
    to: input.to,
    today: input.today,
    actual,
    pace,
    cone,
    target: targetSteps(input, events),
    milestones: milestoneStates(input, input.milestones ?? []).map((m) => ({ ...m, value: m.target })),
    breaks: (input.calendar?.breaks ?? [])
      .filter((b) => b.to >= input.from && b.from <= input.to)
      .map((b) => ({
        from: b.from < input.from ? input.from : b.from,
        to: b.to > input.to ? input.to : b.to,
        label: b.label ?? '',
      }))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
    events,
  };
}

/**
 * Changes in date order, each marked as easing or not: a lower target for "at least", a
 * higher one for "at most", or a later deadline.
 */
export function chartEvents(changes: readonly GoalChange[], direction: GoalDirection): ChartEvent[] {
  return [...changes]
    .map((c) => {
      dayNumber(c.on);
      if (c.field === 'deadline' && (typeof c.from !== 'string' || typeof c.to !== 'string'))
        throw new AppError('invalid_input', `A deadline change on ${c.on} needs two dates.`);
      if (c.field === 'target' && (typeof c.from !== 'number' || typeof c.to !== 'number'))
        throw new AppError('invalid_input', `A target change on ${c.on} needs two numbers.`);
      const easing =
        c.field === 'deadline'
          ? dayNumber(c.to as string) > dayNumber(c.from as string)
          : direction === 'at_least'
            ? (c.to as number) < (c.from as number)
            : (c.to as number) > (c.from as number);
      return { date: c.on, field: c.field, from: c.from, to: c.to, easing, note: c.note ?? '' };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The target over the period as steps: the value in force on the first day (before any
 * change, the first change's old value), each change inside the period from its day on,
 * and the current target at the end.
 */
function targetSteps(input: GoalChartInput, events: readonly ChartEvent[]): ChartPoint[] {
  const changes = events.filter((e) => e.field === 'target');
  let value = changes.length > 0 ? (changes[0]!.from as number) : input.target;
  for (const c of changes) if (c.date <= input.from) value = c.to as number;
  const steps: ChartPoint[] = [{ date: input.from, value }];
  for (const c of changes)
    if (c.date > input.from && c.date <= input.to) steps.push({ date: c.date, value: c.to as number });
  steps.push({ date: input.to, value: input.target });
  return steps;
}

/** One row per week (its last day in the period) for the chart's accessible table. */
export interface ChartTableRow {
  readonly date: IsoDate;
  readonly actual: number | null;
  readonly expected: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

export function chartTable(chart: GoalChart): ChartTableRow[] {
  const actual = new Map(chart.actual.map((p) => [p.date, p.value]));
  const cone = new Map(chart.cone.map((p) => [p.date, p]));
  const rows: ChartTableRow[] = [];
  let coneSoFar: ConePoint | undefined;
  chart.pace.forEach((p, i) => {
    coneSoFar = cone.get(p.date) ?? coneSoFar;
    const endOfWeek = weekdayOf(dayNumber(p.date)) === 0 || i === chart.pace.length - 1;
    if (!endOfWeek) return;
    const future = p.date > chart.today;
    rows.push({
      date: p.date,
      actual: actual.get(p.date) ?? null,
      expected: p.value,
      low: future && coneSoFar ? coneSoFar.low : null,
      high: future && coneSoFar ? coneSoFar.high : null,
    });
  });
  return rows;
}

// ---- timeline -------------------------------------------------------------------------------

export const TIMELINE_ZOOMS = ['month', 'quarter', 'year'] as const;
export type TimelineZoom = (typeof TIMELINE_ZOOMS)[number];

export interface TimelineGoal {
  readonly id: number;
  readonly title: string;
  readonly metric: GoalMetric;
  readonly status: GoalStatus;
  readonly progress: number;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly milestones: readonly { readonly date: IsoDate; readonly title: string; readonly reached: boolean }[];
}

export interface TimelineInput {
  readonly goals: readonly TimelineGoal[];
  readonly today: IsoDate;
  readonly zoom: TimelineZoom;
  /** A day inside the window to show; default today. */
  readonly anchor?: IsoDate;
  readonly filter?: { readonly statuses?: readonly GoalStatus[]; readonly metrics?: readonly GoalMetric[] };
  /** Library items with their target day (the learning plan); those inside the window are placed. */
  readonly plan?: readonly (Omit<PlannedItem, 'at' | 'state'> & { readonly done: boolean })[];
}

export interface Timeline {
  readonly zoom: TimelineZoom;
  readonly window: DateRange;
  /** Anchors for the previous and next window. */
  readonly previous: IsoDate;
  readonly next: IsoDate;
  /** Where the today line goes (the middle of today), or null when today is outside the window. */
  readonly today: number | null;
  /** Week starts (month zoom) or month starts (quarter and year zoom) inside the window. */
  readonly ticks: { readonly date: IsoDate; readonly at: number }[];
  readonly bars: TimelineBar[];
  readonly plan: PlannedItem[];
}

const ZOOM_PERIOD = { month: 'monthly', quarter: 'quarterly', year: 'yearly' } as const;

export function timeline(input: TimelineInput): Timeline {
  if (!TIMELINE_ZOOMS.includes(input.zoom))
    throw new AppError('invalid_input', `Zoom "${String(input.zoom)}" is not one of ${TIMELINE_ZOOMS.join(', ')}.`);
  const today = dayNumber(input.today);
  const window = periodContaining(input.anchor ?? input.today, ZOOM_PERIOD[input.zoom]);
  const first = dayNumber(window.from);
  const lastDay = dayNumber(window.to);
  const width = lastDay - first + 1;
  const at = (day: DayNumber): number => (day - first) / width;
  const inside = (day: DayNumber): boolean => day >= first && day <= lastDay;

  const ticks: { date: IsoDate; at: number }[] = [];
  for (let day = first; day <= lastDay; day++) {
    const date = isoFromDayNumber(day);
    const tick = input.zoom === 'month' ? weekdayOf(day) === 1 : date.endsWith('-01');
    if (tick) ticks.push({ date, at: at(day) });
  }

  const statuses = input.filter?.statuses;
  const metrics = input.filter?.metrics;
  const bars = input.goals
    .filter((g) => (!statuses || statuses.includes(g.status)) && (!metrics || metrics.includes(g.metric)))
    .map((g) => ({ goal: g, from: dayNumber(g.from), to: dayNumber(g.to) }))
    .filter(({ goal, from, to }) => {
      if (to < from)
        throw new AppError('invalid_input', `Goal ${goal.id} ends (${goal.to}) before it starts (${goal.from}).`);
      return to >= first && from <= lastDay;
    })
    .sort((a, b) => a.from - b.from || a.to - b.to || a.goal.id - b.goal.id)
    .map(({ goal, from, to }) => ({
      id: goal.id,
      title: goal.title,
      metric: goal.metric,
      status: goal.status,
      progress: goal.progress,
      from: goal.from,
      to: goal.to,
      start: at(Math.max(from, first)),
      end: at(Math.min(to, lastDay) + 1),
      continuesBefore: from < first,
      continuesAfter: to > lastDay,
      milestones: goal.milestones
        .filter((m) => inside(dayNumber(m.date)))
        .map((m) => ({ date: m.date, title: m.title, reached: m.reached, at: at(dayNumber(m.date) + 0.5) })),
    }));

  const plan = (input.plan ?? [])
    .filter((item) => inside(dayNumber(item.plannedOn)))
    .map(({ done, ...item }): PlannedItem => ({
      ...item,
      // Finished is finished, on time or not; unfinished counts as late from the day after.
      state: done ? 'done' : item.plannedOn < input.today ? 'overdue' : 'planned',
      at: at(dayNumber(item.plannedOn) + 0.5),
    }))
    .sort((a, b) => a.at - b.at || a.itemId - b.itemId);

  return {
    zoom: input.zoom,
    window,
    previous: isoFromDayNumber(first - 1),
    next: isoFromDayNumber(lastDay + 1),
    today: inside(today) ? at(today + 0.5) : null,
    ticks,
    bars,
    plan,
  };
}
