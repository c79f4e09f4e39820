import {
  STATUS_THRESHOLDS,
  isCumulative,
  isEarlyInPeriod,
  type GoalStatus,
  type Milestone,
  type MilestoneState,
  type Pace,
  type PaceModel,
} from './contract/definition';
import { addMonths, dayNumber, isoFromDayNumber, monthOf, weekdayOf } from './calendar';
import {
  buildFrame,
  latestReading,
  meets,
  runningValues,
  tolerance,
  valueThrough,
  type Frame,
  type GoalInput,
} from './frame';

/**
 * Pace: where a goal should be by today, where it is, and what the rest of the period needs.
 *
 * How pace applies to each aggregation:
 * - sum and count are cumulative. The expected value climbs from 0 to the target over the
 *   period's working days: evenly (`linear`), or — when the series holds at least a year of
 *   history before the period — in proportion to the seller's own seasonality (`seasonal`:
 *   each working day weighted by its month's and its weekday's share of past sales per
 *   working day). Required per day is what is left over the remaining working days; the
 *   buffer is the working days the seller is ahead of the line.
 * - average and rate are levels of the whole period so far (Σ value / Σ count). There is no
 *   climbing line: the level should sit at the target all along (`flat`). Per-day
 *   requirements and buffers in days mean nothing for them and are null.
 * - latest is the most recent reading. With a reading from before the period the line goes
 *   straight from it to the target over the working days (`trend`), else it is flat; required
 *   per day is the change per remaining working day still needed.
 *
 * Today counts as elapsed: the expected value is where the line stands at the end of today,
 * and the actual includes today's entries.
 */
export interface PaceInput extends GoalInput {
  /** `auto` follows seasonality when a year of history exists; `off` always spreads evenly. */
  readonly seasonality?: 'auto' | 'off';
}

/** The expected value after k working days of the period, for k = 0 … total. */
export interface PaceCurve {
  readonly model: PaceModel;
  readonly values: readonly number[];
  /** The share of the period's weight done after k working days (0 … 1). */
  readonly fractions: readonly number[];
  /** For `trend`: the reading the line starts from. */
  readonly baseline: number | null;
}

export function paceCurve(frame: Frame, seasonality: 'auto' | 'off' = 'auto'): PaceCurve {
  const { target, aggregation } = frame.input;
  const total = frame.periodDays.length;
  const weights = (seasonality === 'auto' && isCumulative(aggregation) && seasonalWeights(frame)) || null;
  const fractions = [0];
  let sum = 0;
  const all = weights ? weights.reduce((a, b) => a + b, 0) : total;
  for (let k = 0; k < total; k++) {
    sum += weights ? weights[k]! : 1;
    fractions.push(k === total - 1 ? 1 : sum / all);
  }
  if (isCumulative(aggregation))
    return {
      model: weights ? 'seasonal' : 'linear',
      values: fractions.map((f) => target * f),
      fractions,
      baseline: null,
    };
  const baseline = aggregation === 'latest' ? latestReading(frame, frame.from - 1) : null;
  if (baseline === null) return { model: 'flat', values: fractions.map(() => target), fractions, baseline: null };
  return { model: 'trend', values: fractions.map((f) => baseline + (target - baseline) * f), fractions, baseline };
}

/** How many years of history before the period switch pace to the seller's seasonality. */
export const SEASONAL_HISTORY_YEARS = 1;
/** How far back seasonality looks: recent years describe the seller better than old ones. */
export const SEASONAL_WINDOW_YEARS = 2;

/**
 * Weight per working day of the period: (its month's sales per working day) × (its weekday's
 * sales per working day), each relative to the overall rate, over up to two years before the
 * period. Null — spread evenly — without a full year of history, or when the history has
 * nothing (or negative values) to weigh by.
 */
function seasonalWeights(frame: Frame): number[] | null {
  const first = frame.pointDays[0];
  const from = frame.input.from;
  if (first === undefined || first > dayNumber(addMonths(from, -12 * SEASONAL_HISTORY_YEARS))) return null;
  const start = Math.max(first, dayNumber(addMonths(from, -12 * SEASONAL_WINDOW_YEARS)));
  const monthSum = new Array<number>(13).fill(0);
  const monthDays = new Array<number>(13).fill(0);
  const weekdaySum = new Array<number>(7).fill(0);
  const weekdayDays = new Array<number>(7).fill(0);
  let total = 0;
  let workedTotal = 0;
  let days = 0;
  for (let day = start; day < frame.from; day++) {
    const value = frame.points.get(day)?.value ?? 0;
    if (value < 0) return null;
    const month = monthOf(day);
    // A sale on a day off still belongs to its month; weekdays only compare days worked.
    monthSum[month]! += value;
    total += value;
    if (!frame.calendar.isWorkingDay(day)) continue;
    const weekday = weekdayOf(day);
    monthDays[month]!++;
    weekdayDays[weekday]!++;
    weekdaySum[weekday]! += value;
    workedTotal += value;
    days++;
  }
  if (total <= 0 || days === 0) return null;
  const monthFactor = (m: number): number => (monthDays[m]! > 0 ? monthSum[m]! / monthDays[m]! / (total / days) : 1);
  const weekdayFactor = (w: number): number =>
    weekdayDays[w]! > 0 && workedTotal > 0 ? weekdaySum[w]! / weekdayDays[w]! / (workedTotal / days) : 1;
  const weights = frame.periodDays.map((day) => monthFactor(monthOf(day)) * weekdayFactor(weekdayOf(day)));
  return weights.reduce((a, b) => a + b, 0) > 0 ? weights : null;
}

/** Status from the pace gap (positive = better than pace), by STATUS_THRESHOLDS. */
export function statusFromGap(gap: number): GoalStatus {
  if (gap >= STATUS_THRESHOLDS.ahead) return 'ahead';
  if (gap >= STATUS_THRESHOLDS.onTrack) return 'on_track';
  if (gap >= STATUS_THRESHOLDS.behind) return 'behind';
  return 'at_risk';
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

export function computePace(input: PaceInput): Pace {
  const frame = buildFrame(input);
  const { target, direction, aggregation } = input;
  const curve = paceCurve(frame, input.seasonality);
  const total = frame.periodDays.length;
  const elapsed = frame.elapsed;
  const remaining = total - elapsed;
  const final = frame.today > frame.to;
  const asOf = Math.min(frame.today, frame.to);
  const cumulative = isCumulative(aggregation);
  const actual = valueThrough(frame, asOf);
  const expected = curve.values[elapsed]!;
  const sign = direction === 'at_least' ? 1 : -1;
  const better = actual === null ? null : sign * (actual - expected);
  const gap = better !== null && expected !== 0 ? better / Math.abs(expected) : null;
  const met = meets(actual, target, direction);
  // A cumulative total of non-negative days never goes down, so reaching an "at least"
  // target, or passing an "at most" limit, is final before the period ends.
  const decidedEarly = cumulative && !hasNegative(frame) && (direction === 'at_least' ? met : !met);

  let status: GoalStatus;
  if (final || decidedEarly) status = met ? 'achieved' : 'missed';
  else if (better === null)
    status = 'on_track'; // no observation yet: nothing to judge
  else if (gap !== null) status = statusFromGap(gap);
  else status = better > tolerance(target) ? 'ahead' : better < -tolerance(target) ? 'behind' : 'on_track';
  // Too few working days yet to call a shortfall more than luck (EARLY_PERIOD).
  if ((status === 'behind' || status === 'at_risk') && isEarlyInPeriod(elapsed, total)) status = 'on_track';

  return {
    from: input.from,
    to: input.to,
    asOf: isoFromDayNumber(asOf),
    model: curve.model,
    target,
    actual,
    expected,
    difference: actual === null ? null : actual - expected,
    gap,
    status,
    progress: progressOf(actual, met, final, curve, elapsed, input),
    workingDays: { total, elapsed, remaining },
    ...required(actual, remaining, frame, final),
    bufferDays: cumulative && actual !== null ? bufferDays(curve.values, elapsed, actual, direction) : null,
    final,
  };
}

function hasNegative(frame: Frame): boolean {
  for (const p of frame.points.values()) if (p.value < 0) return true;
  return false;
}

/**
 * Progress 0–1. "At least" cumulative: actual / target. "At most" cumulative: the share of
 * the period (by pace weight) survived within the limit — 0 once it is exceeded, 1 at the end
 * within it. Levels: 1 while at the target; on a trend, the share of the way from the
 * baseline; else actual / target (or target / actual for "at most") when both are positive.
 */
function progressOf(
  actual: number | null,
  met: boolean,
  final: boolean,
  curve: PaceCurve,
  elapsed: number,
  input: PaceInput,
): number {
  const { target, direction, aggregation } = input;
  if (actual === null) return 0;
  if (isCumulative(aggregation)) {
    if (direction === 'at_least') return target > 0 ? clamp01(actual / target) : 1;
    if (!met) return 0;
    return final ? 1 : curve.fractions[elapsed]!;
  }
  if (met) return 1;
  if (curve.baseline !== null && curve.baseline !== target)
    return clamp01((actual - curve.baseline) / (target - curve.baseline));
  if (direction === 'at_least') return target > 0 && actual > 0 ? clamp01(actual / target) : 0;
  return target > 0 && actual > 0 ? clamp01(target / actual) : 0;
}

/**
 * Per remaining working day: for sum and count what is still needed ("at least") or may
 * still be used ("at most"); for latest the change still needed. Per week is per day times
 * the weekdays worked. Levels (average, rate) have no per-day requirement.
 */
function required(
  actual: number | null,
  remaining: number,
  frame: Frame,
  final: boolean,
): { requiredPerDay: number | null; requiredPerWeek: number | null } {
  const { target, direction, aggregation } = frame.input;
  const none = { requiredPerDay: null, requiredPerWeek: null };
  if (final || remaining === 0 || actual === null || aggregation === 'average' || aggregation === 'rate') return none;
  const perDay = (target - actual) / remaining;
  const needed =
    aggregation === 'latest'
      ? direction === 'at_least'
        ? Math.max(0, perDay)
        : Math.min(0, perDay)
      : Math.max(0, perDay);
  return { requiredPerDay: needed, requiredPerWeek: needed * frame.calendar.weekdays.length };
}

/**
 * Working days ahead of the pace line. "At least": how many more working days of zero
 * progress before the line passes the actual (all remaining days once the target is
 * reached). "At most": how many working days' worth of planned allowance are still unused —
 * the line stood at the actual that many working days ago, so the seller could use that much
 * at once today and still be on pace. 0 when behind.
 */
export function bufferDays(
  values: readonly number[],
  elapsed: number,
  actual: number,
  direction: 'at_least' | 'at_most',
): number {
  const slack = tolerance(values[values.length - 1]!);
  let days = 0;
  if (direction === 'at_least') {
    if (values[elapsed]! > actual + slack) return 0;
    while (elapsed + days + 1 < values.length && values[elapsed + days + 1]! <= actual + slack) days++;
  } else {
    if (values[elapsed]! < actual - slack) return 0;
    while (days < elapsed && values[elapsed - days - 1]! >= actual - slack) days++;
  }
  return days;
}

/**
 * Each milestone's state as of `input.today`. A hand-ticked one (a checklist step, or a target
 * with `auto: false`) is reached on the day it was ticked. An automatic target milestone is
 * reached, for "at least", on the first day of the period the metric got to it; for "at
 * most", on its date if the metric was within it then.
 */
export function milestoneStates(input: GoalInput, milestones: readonly Milestone[]): MilestoneState[] {
  const frame = buildFrame(input);
  const last = Math.min(frame.today, frame.to);
  const values = runningValues(frame, frame.from, last);
  return milestones.map((m) => {
    const date = dayNumber(m.date);
    let reachedOn: string | null = m.doneOn;
    if (m.kind === 'target' && m.auto) {
      reachedOn = null;
      if (input.direction === 'at_least') {
        const i = values.findIndex((v) => meets(v, m.target, 'at_least'));
        if (i >= 0) reachedOn = isoFromDayNumber(frame.from + i);
      } else if (date <= last && meets(values[date - frame.from] ?? null, m.target, 'at_most')) {
        reachedOn = m.date;
      }
    }
    return {
      title: m.title,
      kind: m.kind,
      date: m.date,
      target: m.kind === 'target' ? m.target : null,
      reached: reachedOn !== null,
      reachedOn,
      overdue: reachedOn === null && date < frame.today,
    };
  });
}
