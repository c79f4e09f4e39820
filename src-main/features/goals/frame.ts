import type { IsoDate } from '../../shared/dates';
import {
  AGGREGATIONS,
  GOAL_DIRECTIONS,
  isCumulative,
  type Aggregation,
  type DailySeries,
  type DayPoint,
  type GoalDirection,
  type WorkCalendar,
} from './contract/definition';
import { AppError } from '../../kernel/errors';
import { lowerBound } from '../../shared/sorted';
import { dayNumber, workingDayNumbers, workingDays, type DayNumber, type WorkingDays } from './calendar';

/**
 * What pace, forecast and chart all start from: a goal's period, target and daily series as
 * a service loads them from SQLite, checked once and turned into day numbers.
 */
export interface GoalInput {
  /** Days keyed `YYYY-MM-DD`; may reach back before `from` (seasonality, resampling). */
  readonly series: DailySeries;
  readonly target: number;
  readonly direction: GoalDirection;
  readonly aggregation: Aggregation;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The day the goal is looked at; it counts as elapsed (its entries are in the actual). */
  readonly today: IsoDate;
  readonly calendar?: WorkCalendar;
}

export interface Frame {
  readonly input: GoalInput;
  readonly from: DayNumber;
  readonly to: DayNumber;
  readonly today: DayNumber;
  readonly calendar: WorkingDays;
  /** The period's working days, in order. */
  readonly periodDays: readonly DayNumber[];
  /** How many of them are on or before today. */
  readonly elapsed: number;
  readonly points: ReadonlyMap<DayNumber, DayPoint>;
  /** Days that have a point, ascending. */
  readonly pointDays: readonly DayNumber[];
}

export function buildFrame(input: GoalInput): Frame {
  if (!GOAL_DIRECTIONS.includes(input.direction))
    throw new AppError('invalid_input', `Direction "${String(input.direction)}" is not at_least or at_most.`);
  if (!AGGREGATIONS.includes(input.aggregation))
    throw new AppError(
      'invalid_input',
      `Aggregation "${String(input.aggregation)}" is not one of ${AGGREGATIONS.join(', ')}.`,
    );
  if (typeof input.target !== 'number' || !Number.isFinite(input.target))
    throw new AppError('invalid_input', `The target must be a finite number, not ${String(input.target)}.`);
  const from = dayNumber(input.from);
  const to = dayNumber(input.to);
  const today = dayNumber(input.today);
  if (to < from) throw new AppError('invalid_input', `The period ends (${input.to}) before it starts (${input.from}).`);
  const calendar = workingDays(input.calendar);
  const periodDays = workingDayNumbers(from, to, calendar);
  if (periodDays.length === 0)
    throw new AppError('invalid_input', `The period ${input.from} to ${input.to} has no working days.`);
  let elapsed = 0;
  while (elapsed < periodDays.length && periodDays[elapsed]! <= today) elapsed++;
  const { points, pointDays } = readSeriesOnce(input.series, input.aggregation);
  return { input, from, to, today, calendar, periodDays, elapsed, points, pointDays };
}

type ReadSeries = Pick<Frame, 'points' | 'pointDays'>;
const readSeriesOf = new WeakMap<object, Map<Aggregation, ReadSeries>>();

/**
 * readSeries, and the days in order, once per series and aggregation: a goal's pace, forecast,
 * milestones and chart each make a frame of the same series (a series is never changed once
 * made), and Home makes some thirty frames over a handful of series.
 */
function readSeriesOnce(series: DailySeries, aggregation: Aggregation): ReadSeries {
  if (series === null || typeof series !== 'object') return sortedSeries(series, aggregation);
  let byAggregation = readSeriesOf.get(series);
  if (byAggregation === undefined) readSeriesOf.set(series, (byAggregation = new Map()));
  let read = byAggregation.get(aggregation);
  if (read === undefined) byAggregation.set(aggregation, (read = sortedSeries(series, aggregation)));
  return read;
}

function sortedSeries(series: DailySeries, aggregation: Aggregation): ReadSeries {
  const points = readSeries(series, aggregation);
  return { points, pointDays: [...points.keys()].sort((a, b) => a - b) };
}

/** Checks every day of a series; a bad one is named, so the caller can say which. */
function readSeries(series: DailySeries, aggregation: Aggregation): Map<DayNumber, DayPoint> {
  if (series === null || typeof series !== 'object')
    throw new AppError('invalid_input', 'A daily series must be an object keyed by YYYY-MM-DD.');
  const points = new Map<DayNumber, DayPoint>();
  for (const [date, raw] of Object.entries(series)) {
    const day = dayNumber(date);
    const point: DayPoint = typeof raw === 'number' ? { value: raw, count: 1 } : raw;
    if (point === null || typeof point !== 'object' || !Number.isFinite(point.value) || !Number.isFinite(point.count))
      throw new AppError('invalid_input', `The value for ${date} is not a number.`);
    if (point.count < 0) throw new AppError('invalid_input', `The count for ${date} is negative.`);
    if (aggregation === 'count' && (point.value < 0 || !Number.isInteger(point.value)))
      throw new AppError(
        'invalid_input',
        `A count for ${date} must be a whole number of at least 0, not ${point.value}.`,
      );
    if (aggregation === 'rate' && (point.value < 0 || point.value > point.count))
      throw new AppError(
        'invalid_input',
        `A rate for ${date} needs 0 ≤ successes ≤ trials, not ${point.value} of ${point.count}.`,
      );
    points.set(day, point);
  }
  return points;
}

export interface Totals {
  value: number;
  count: number;
  /** Some day in the range was below zero: a cumulative total may still go down. */
  negative: boolean;
}

/** Σ value and Σ count of the points from `first` through `last`. */
export function totalsBetween(frame: Frame, first: DayNumber, last: DayNumber): Totals {
  let value = 0;
  let count = 0;
  let negative = false;
  for (let i = lowerBound(frame.pointDays, first); i < frame.pointDays.length && frame.pointDays[i]! <= last; i++) {
    const p = frame.points.get(frame.pointDays[i]!)!;
    value += p.value;
    count += p.count;
    if (p.value < 0) negative = true;
  }
  return { value, count, negative };
}

/** The last reading on or before `day` (any time, not only inside the period), or null. */
export function latestReading(frame: Frame, day: DayNumber): number | null {
  const i = lowerBound(frame.pointDays, day + 1) - 1;
  return i >= 0 ? frame.points.get(frame.pointDays[i]!)!.value : null;
}

/** A level (average or rate) from totals; null without observations. */
export const ratio = (totals: { value: number; count: number }): number | null =>
  totals.count > 0 ? totals.value / totals.count : null;

/**
 * The goal's metric over the period through `day`: the cumulative total for sum and count,
 * the level for average and rate, the latest reading for latest.
 */
export function valueThrough(frame: Frame, day: DayNumber): number | null {
  const aggregation = frame.input.aggregation;
  if (aggregation === 'latest') return latestReading(frame, day);
  const totals = totalsBetween(frame, frame.from, day);
  return isCumulative(aggregation) ? totals.value : ratio(totals);
}

/** Whether a value meets the target in the goal's direction. */
export function meets(value: number | null, target: number, direction: GoalDirection): boolean {
  if (value === null) return false;
  return direction === 'at_least' ? value >= target - tolerance(target) : value <= target + tolerance(target);
}

/** Slack for float comparisons (sums of fractional weights), far below any unit shown. */
export const tolerance = (scale: number): number => 1e-9 * Math.max(1, Math.abs(scale));

/**
 * The goal's metric at the end of each calendar day from `first` through `last` (see
 * valueThrough), computed in one pass.
 */
export function runningValues(frame: Frame, first: DayNumber, last: DayNumber): (number | null)[] {
  const aggregation = frame.input.aggregation;
  const out: (number | null)[] = [];
  let level = latestReading(frame, first - 1);
  const totals = totalsBetween(frame, frame.from, first - 1);
  for (let day = first; day <= last; day++) {
    const p = frame.points.get(day);
    if (p) {
      level = p.value;
      if (day >= frame.from) {
        totals.value += p.value;
        totals.count += p.count;
      }
    }
    out.push(aggregation === 'latest' ? level : isCumulative(aggregation) ? totals.value : ratio(totals));
  }
  return out;
}
