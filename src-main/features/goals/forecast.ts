import type { IsoDate } from '../../shared/dates';
import { isCumulative, type DayPoint, type Forecast, type ForecastPoint } from './contract/definition';
import { AppError } from '../../kernel/errors';
import { quantile, seededRandom } from '../../shared/statistics';
import { dayNumber, isoFromDayNumber, type DayNumber } from './calendar';
import { buildFrame, latestReading, meets, totalsBetween, valueThrough, type Frame, type GoalInput } from './frame';

/**
 * Forecast: where the goal will end, with an interval and the chance of meeting the target,
 * from the seller's own days (a circular block bootstrap).
 *
 * The pool is the seller's working days — up to `historyWorkingDays` of them, ending today:
 * history before the period and the period so far. Each simulated future fills the remaining
 * working days with blocks of `blockLength` consecutive pool days, so a good or a bad week
 * travels together. Sales on a day off are added to the working day before it, so a
 * seller's weekend business is kept. The metric at the deadline is then:
 * - sum, count: the total so far plus the simulated days;
 * - average, rate: (Σ value so far + simulated) / (Σ count so far + simulated);
 * - latest: today's reading plus simulated day-to-day changes of the reading.
 * The probability is the share of futures that meet the target; the projection is their
 * median and the interval their quantiles (10 % and 90 % by default).
 *
 * The plain linear-pace projection, for comparison: the run rate of the period so far per
 * working day carried over the remaining working days (levels stay where they are; a latest
 * value continues its trend from the reading before the period). Its "probability" is 1 if
 * that reaches the target and 0 if not — a yes/no forecast.
 */
export interface ForecastInput extends GoalInput {
  /** Same seed, same forecast. */
  readonly seed: number;
  readonly samples?: number;
  readonly blockLength?: number;
  readonly historyWorkingDays?: number;
  readonly interval?: readonly [number, number];
  /** The first day the seller's records cover; default: the series' first day. */
  readonly historyFrom?: IsoDate;
}

export const FORECAST_DEFAULTS = {
  samples: 2000,
  /** A working week. */
  blockLength: 5,
  /** About a year of working days: recent enough to describe the seller as they are now. */
  historyWorkingDays: 250,
  interval: [0.1, 0.9] as const,
};
/** Fewer working days of data than this and there is no honest forecast to make. */
export const MIN_FORECAST_WORKING_DAYS = 10;

export function forecastGoal(input: ForecastInput): Forecast {
  const samples = input.samples ?? FORECAST_DEFAULTS.samples;
  const blockLength = input.blockLength ?? FORECAST_DEFAULTS.blockLength;
  const historyWorkingDays = input.historyWorkingDays ?? FORECAST_DEFAULTS.historyWorkingDays;
  const interval = input.interval ?? FORECAST_DEFAULTS.interval;
  checkOptions(input.seed, samples, blockLength, historyWorkingDays, interval);
  const frame = buildFrame(input);
  const { target, direction, aggregation } = input;
  const asOf = Math.min(frame.today, frame.to);
  const current = valueThrough(frame, asOf);
  const remainingDays = frame.periodDays.slice(frame.elapsed);
  const linear = linearProjection(frame, current);
  const basis = {
    samples: 0,
    blockLength,
    historyWorkingDays: 0,
    historyFrom: null as string | null,
    historyTo: null as string | null,
    minimumWorkingDays: MIN_FORECAST_WORKING_DAYS,
    remainingWorkingDays: remainingDays.length,
    interval: [interval[0], interval[1]] as [number, number],
  };

  if (remainingDays.length === 0) {
    // Nothing left to happen on a working day: the value stands.
    return {
      probability: meets(current, target, direction) ? 1 : 0,
      projected: current,
      low: current,
      high: current,
      path: [],
      linear,
      basis: { ...basis, method: 'final' },
    };
  }

  const pool = buildPool(
    frame,
    input.historyFrom === undefined ? undefined : dayNumber(input.historyFrom),
    historyWorkingDays,
  );
  const insufficient = { probability: null, projected: null, low: null, high: null, path: [], linear };
  const base = aggregation === 'latest' ? { value: current ?? 0, count: 0 } : totalsBetween(frame, frame.from, asOf);
  const level = !isCumulative(aggregation) && aggregation !== 'latest';
  // A level needs observations to resample; a latest value needs a reading to start from.
  const nothingToResample =
    (aggregation === 'latest' && current === null) || (level && base.count === 0 && pool.counts.every((c) => c === 0));
  if (pool.days.length < MIN_FORECAST_WORKING_DAYS || nothingToResample)
    return { ...insufficient, basis: { ...basis, ...pool.basis, method: 'insufficient_history' } };

  const block = Math.min(blockLength, pool.values.length);
  const random = seededRandom(input.seed);
  const n = pool.values.length;
  const position = new Int32Array(samples);
  const left = new Int32Array(samples);
  const sumValue = new Float64Array(samples).fill(base.value);
  const sumCount = new Float64Array(samples).fill(base.count);
  const metric = new Float64Array(samples);
  const path: ForecastPoint[] = [];
  for (let j = 0; j < remainingDays.length; j++) {
    for (let s = 0; s < samples; s++) {
      if (left[s] === 0) {
        position[s] = Math.floor(random() * n);
        left[s] = block;
      }
      const i = position[s]!;
      sumValue[s]! += pool.values[i]!;
      sumCount[s]! += pool.counts[i]!;
      position[s] = i + 1 === n ? 0 : i + 1;
      left[s]!--;
      // A level with no observation at all is NaN: it meets no target and sorts last.
      metric[s] = level ? (sumCount[s]! > 0 ? sumValue[s]! / sumCount[s]! : Number.NaN) : sumValue[s]!;
    }
    const sorted = Float64Array.from(metric).sort();
    const q = (p: number): number => quantile(sorted, p);
    path.push({ date: isoFromDayNumber(remainingDays[j]!), low: q(interval[0]), median: q(0.5), high: q(interval[1]) });
  }
  let hits = 0;
  for (let s = 0; s < samples; s++) if (meets(Number.isNaN(metric[s]!) ? null : metric[s]!, target, direction)) hits++;
  const end = path[path.length - 1]!;
  const valid = (x: number): number | null => (Number.isNaN(x) ? null : x);
  return {
    probability: hits / samples,
    projected: valid(end.median),
    low: valid(end.low),
    high: valid(end.high),
    // Early days where no simulated future has an observation yet have no level to draw.
    path: path.filter((p) => !Number.isNaN(p.median)),
    linear,
    basis: { ...basis, ...pool.basis, samples, method: 'block_bootstrap' },
  };
}

function checkOptions(
  seed: number,
  samples: number,
  blockLength: number,
  historyWorkingDays: number,
  interval: readonly [number, number],
): void {
  const whole = (x: number, min: number, max: number): boolean => Number.isInteger(x) && x >= min && x <= max;
  if (!Number.isSafeInteger(seed)) throw new AppError('invalid_input', `The seed must be a whole number, not ${seed}.`);
  if (!whole(samples, 100, 100_000))
    throw new AppError('invalid_input', `Samples must be a whole number from 100 to 100000, not ${samples}.`);
  if (!whole(blockLength, 1, 60))
    throw new AppError('invalid_input', `The block length must be 1 to 60 working days, not ${blockLength}.`);
  if (!whole(historyWorkingDays, MIN_FORECAST_WORKING_DAYS, 5000))
    throw new AppError(
      'invalid_input',
      `History must be ${MIN_FORECAST_WORKING_DAYS} to 5000 working days, not ${historyWorkingDays}.`,
    );
  const [low, high] = interval;
  if (!(low > 0 && low < 0.5 && high > 0.5 && high < 1))
    throw new AppError('invalid_input', `The interval must be two quantiles around the median, not ${low}–${high}.`);
}

interface Pool {
  days: DayNumber[];
  values: Float64Array;
  counts: Float64Array;
  basis: { historyWorkingDays: number; historyFrom: string | null; historyTo: string | null };
}

/**
 * The working days to resample, oldest first, ending today (or at the period's end): at
 * most `limit` of them, none before the records begin. A day off's points join the working
 * day before it. For latest, each entry is the change of the reading since the previous
 * working day instead (and the first day, which has none, is left out).
 */
function buildPool(frame: Frame, historyFrom: DayNumber | undefined, limit: number): Pool {
  const start = historyFrom ?? frame.pointDays[0];
  const end = Math.min(frame.today, frame.to);
  const days: DayNumber[] = [];
  if (start !== undefined)
    for (let d = end; d >= start && days.length < limit; d--) if (frame.calendar.isWorkingDay(d)) days.push(d);
  days.reverse();
  const latest = frame.input.aggregation === 'latest';
  const take = latest ? days.slice(1) : days;
  const values = new Float64Array(take.length);
  const counts = new Float64Array(take.length);
  take.forEach((day, i) => {
    if (latest) {
      const before = latestReading(frame, days[i]!);
      const now = latestReading(frame, day);
      values[i] = before === null || now === null ? 0 : now - before;
      return;
    }
    // Up to the next working day (or today): the days off that follow belong to this one.
    const next = i + 1 < take.length ? take[i + 1]! - 1 : end;
    const t = sumPoints(frame, day, next);
    values[i] = t.value;
    counts[i] = t.count;
  });
  return {
    days: take,
    values,
    counts,
    basis: {
      historyWorkingDays: take.length,
      historyFrom: take.length > 0 ? isoFromDayNumber(take[0]!) : null,
      historyTo: take.length > 0 ? isoFromDayNumber(take[take.length - 1]!) : null,
    },
  };
}

function sumPoints(frame: Frame, first: DayNumber, last: DayNumber): DayPoint {
  let value = 0;
  let count = 0;
  for (let d = first; d <= last; d++) {
    const p = frame.points.get(d);
    if (p) {
      value += p.value;
      count += p.count;
    }
  }
  return { value, count };
}

function linearProjection(frame: Frame, current: number | null): Forecast['linear'] {
  const { target, direction, aggregation } = frame.input;
  const remaining = frame.periodDays.length - frame.elapsed;
  let projected: number | null = current;
  if (current !== null && remaining > 0) {
    if (isCumulative(aggregation))
      projected = frame.elapsed > 0 ? current + (current / frame.elapsed) * remaining : null;
    else if (aggregation === 'latest') {
      const baseline = latestReading(frame, frame.from - 1);
      if (baseline !== null && frame.elapsed > 0)
        projected = current + ((current - baseline) / frame.elapsed) * remaining;
    }
  }
  return { projected, meetsTarget: projected === null ? null : meets(projected, target, direction) };
}
