import { dayNumber, isoFromDayNumber, weekdayOf } from '../../src-main/features/goals/calendar';
import { forecastGoal } from '../../src-main/features/goals/forecast';
import { seededRandom } from '../../src-main/shared/statistics/random';
import type { GoalDirection } from '../../src-main/features/goals/contract/definition';

/**
 * Simulated sellers for the forecast's calibration test and bench. Each goal gets its own
 * seeded seller — a deal rate, a deal-size spread (volatility), week-to-week swings that
 * make days within a week move together, sometimes Saturday sales and a holiday — then a
 * history, a monthly revenue goal looked at part-way, and the rest of the month played out
 * by the same seller. Nothing here knows how the forecast works; it only plays the world.
 */
class Draw {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
  /** Knuth's method: fine for the small daily rates used here. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
}

export interface SimulatedGoal {
  /** The forecast's probability of meeting the target. */
  probability: number;
  /** The linear-pace projection as a yes/no forecast: 1 if it reaches the target. */
  linear: 0 | 1;
  outcome: boolean;
  direction: GoalDirection;
  ms: number;
}

export interface SimulationOptions {
  goals: number;
  seed: number;
  /** Simulated futures per forecast. */
  samples: number;
  /** Where in the month the goal is looked at, as a share of its working days. */
  lookAt?: readonly [number, number];
}

export function simulateGoals(options: SimulationOptions): SimulatedGoal[] {
  const results: SimulatedGoal[] = [];
  for (let g = 0; g < options.goals; g++) results.push(simulateGoal(options, g));
  return results;
}

function simulateGoal(options: SimulationOptions, index: number): SimulatedGoal {
  const draw = new Draw(options.seed * 1_000_003 + index);
  const dealsPerDay = Math.exp(draw.uniform(Math.log(0.3), Math.log(4)));
  const medianDeal = draw.uniform(20_000, 200_000);
  const spread = draw.uniform(0.2, 1.2);
  const weekSwing = draw.uniform(0, 0.35);
  const saturdays = draw.chance(0.3);
  const historyDays = draw.int(60, 300);

  const month = draw.int(0, 23);
  const from = dayNumber(`${2027 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`);
  const to = dayNumber(isoFromDayNumber(from + 40).slice(0, 8) + '01') - 1;
  const holiday = draw.chance(0.3) ? { from: from + draw.int(0, 20), length: draw.int(2, 6) } : null;
  const breaks = holiday
    ? [{ from: isoFromDayNumber(holiday.from), to: isoFromDayNumber(holiday.from + holiday.length) }]
    : [];
  const onBreak = (d: number): boolean => holiday !== null && d >= holiday.from && d <= holiday.from + holiday.length;
  const worked = (d: number): boolean => weekdayOf(d) >= 1 && weekdayOf(d) <= 5 && !onBreak(d);

  let start = from;
  for (let n = 0; n < historyDays;) if (worked(--start)) n++;
  const periodDays: number[] = [];
  for (let d = from; d <= to; d++) if (worked(d)) periodDays.push(d);
  const share = options.lookAt ?? [0.3, 0.7];
  const elapsed = Math.max(1, Math.round(draw.uniform(share[0], share[1]) * periodDays.length));
  const today = periodDays[elapsed - 1]!;

  const series: Record<string, number> = {};
  let periodTotal = 0;
  let swing = 1;
  for (let d = start; d <= to; d++) {
    if (weekdayOf(d) === 1 || d === start) swing = Math.exp(weekSwing * draw.normal() - (weekSwing * weekSwing) / 2);
    const rate = worked(d) ? dealsPerDay : saturdays && weekdayOf(d) === 6 && !onBreak(d) ? 0.3 * dealsPerDay : 0;
    if (rate === 0) continue;
    let value = 0;
    for (let k = draw.poisson(rate * swing); k > 0; k--)
      value += Math.round(medianDeal * Math.exp(spread * draw.normal()));
    if (value === 0) continue;
    if (d >= from) periodTotal += value;
    if (d <= today) series[isoFromDayNumber(d)] = value;
  }

  const meanDay = dealsPerDay * medianDeal * Math.exp((spread * spread) / 2);
  const target = Math.round(meanDay * periodDays.length * draw.uniform(0.6, 1.5));
  const direction: GoalDirection = draw.chance(0.2) ? 'at_most' : 'at_least';
  const began = performance.now();
  const forecast = forecastGoal({
    series,
    target,
    direction,
    aggregation: 'sum',
    from: isoFromDayNumber(from),
    to: isoFromDayNumber(to),
    today: isoFromDayNumber(today),
    calendar: { weekdays: [1, 2, 3, 4, 5], breaks },
    seed: index + 1,
    samples: options.samples,
    historyFrom: isoFromDayNumber(start),
  });
  const ms = performance.now() - began;
  if (forecast.probability === null) throw new Error(`goal ${index}: no forecast (${forecast.basis.method})`);
  return {
    probability: forecast.probability,
    linear: forecast.linear.meetsTarget ? 1 : 0,
    outcome: direction === 'at_least' ? periodTotal >= target : periodTotal <= target,
    direction,
    ms,
  };
}

export interface CalibrationBin {
  from: number;
  to: number;
  n: number;
  meanForecast: number;
  hitRate: number;
}

/** Forecasts grouped into equal probability bins ([0, 0.1), … [0.9, 1]) with how often they came true. */
export function calibrationTable(results: readonly SimulatedGoal[], bins = 10): CalibrationBin[] {
  const table = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, n: 0, sum: 0, hits: 0 }));
  for (const r of results) {
    const bin = table[Math.min(bins - 1, Math.floor(r.probability * bins))]!;
    bin.n++;
    bin.sum += r.probability;
    if (r.outcome) bin.hits++;
  }
  return table.map((b) => ({
    from: b.from,
    to: b.to,
    n: b.n,
    meanForecast: b.n > 0 ? b.sum / b.n : Number.NaN,
    hitRate: b.n > 0 ? b.hits / b.n : Number.NaN,
  }));
}

/** Mean squared difference between forecast probabilities and what happened (0 perfect, 0.25 a coin). */
export function brierScore(pairs: readonly { p: number; outcome: boolean }[]): number {
  let sum = 0;
  for (const { p, outcome } of pairs) sum += (p - (outcome ? 1 : 0)) ** 2;
  return sum / pairs.length;
}
