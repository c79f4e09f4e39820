/**
 * Goal forecast calibration and speed, run with `npm run bench:goals`.
 *
 * Calibration: simulated sellers (test/goals/simulate.ts) each get a monthly revenue goal,
 * looked at early, midway and late in the month; the forecast's probability is compared with
 * what the rest of the month brought. Prints the calibration table (bin, mean forecast, hit
 * rate, n) and the Brier scores of the resampling forecast and of the plain linear-pace
 * projection (a yes/no forecast: 1 if the run rate so far reaches the target).
 * Speed: milliseconds per forecast at the default 2,000 samples, for those monthly goals and
 * for a yearly goal looked at in its second week (about 250 working days to simulate, the
 * longest cone the detail chart draws). Target: a yearly forecast under 100 ms, so a goal's
 * detail opens without a wait.
 */
import { performance } from 'node:perf_hooks';
import { dayNumber, isoFromDayNumber, weekdayOf } from '../src-main/features/goals';
import { FORECAST_DEFAULTS, forecastGoal } from '../src-main/features/goals';
import { brierScore, calibrationTable, simulateGoals, type SimulatedGoal } from '../test/goals/simulate';

const GOALS = Number(process.env.BENCH_GOALS ?? 3000);
const YEARLY_TARGET_MS = 100;

const round = (x: number, places = 3): number => Math.round(x * 10 ** places) / 10 ** places;

function report(label: string, results: SimulatedGoal[]): { resample: number; linear: number } {
  const resample = brierScore(results.map((r) => ({ p: r.probability, outcome: r.outcome })));
  const linear = brierScore(results.map((r) => ({ p: r.linear, outcome: r.outcome })));
  console.log(`\n${label}: ${results.length} goals, ${results.filter((r) => r.outcome).length} met`);
  console.table(
    calibrationTable(results).map((b) => ({
      bin: `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
      'mean forecast': round(b.meanForecast),
      'hit rate': round(b.hitRate),
      n: b.n,
      '±3 s.e.': b.n > 0 ? round(3 * Math.sqrt((b.meanForecast * (1 - b.meanForecast)) / b.n)) : null,
    })),
  );
  console.log(`Brier: resample ${round(resample, 4)}, linear pace ${round(linear, 4)}`);
  return { resample, linear };
}

function yearlyForecastMs(): number {
  // Two years of a seller with a deal most days, then a yearly goal looked at on 12 January.
  const series: Record<string, number> = {};
  for (let d = dayNumber('2025-01-01'); d <= dayNumber('2027-01-12'); d++) {
    const w = weekdayOf(d);
    if (w >= 1 && w <= 5 && (d * 7919) % 10 < 7) series[isoFromDayNumber(d)] = 50_000 + ((d * 104_729) % 200_000);
  }
  const input = {
    series,
    target: 30_000_000,
    direction: 'at_least' as const,
    aggregation: 'sum' as const,
    from: '2027-01-01',
    to: '2027-12-31',
    today: '2027-01-12',
  };
  forecastGoal({ ...input, seed: 0 });
  const times: number[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const start = performance.now();
    forecastGoal({ ...input, seed });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

function main(): void {
  const samples = FORECAST_DEFAULTS.samples;
  console.log(`Forecast calibration: ${GOALS} simulated monthly goals per look, ${samples} samples each`);
  const looks: [string, readonly [number, number]][] = [
    ['early (20–40 % of the month)', [0.2, 0.4]],
    ['midway (40–60 %)', [0.4, 0.6]],
    ['late (60–80 %)', [0.6, 0.8]],
  ];
  const all: SimulatedGoal[] = [];
  const started = performance.now();
  looks.forEach(([label, lookAt], i) => {
    const results = simulateGoals({ goals: GOALS, seed: 100 + i, samples, lookAt });
    report(label, results);
    all.push(...results);
  });
  const elapsed = performance.now() - started;
  report('all looks together', all);
  const ms = all.map((r) => r.ms).sort((a, b) => a - b);
  const yearly = yearlyForecastMs();
  console.log(
    `\nforecast time per monthly goal: median ${round(ms[Math.floor(ms.length / 2)]!, 2)} ms, ` +
      `p95 ${round(ms[Math.floor(ms.length * 0.95)]!, 2)} ms (whole run ${Math.round(elapsed / 1000)} s)`,
  );
  console.log(
    `forecast time for a yearly goal (~250 working days ahead): median ${round(yearly, 1)} ms ` +
      `(target < ${YEARLY_TARGET_MS} ms) ${yearly < YEARLY_TARGET_MS ? 'ok' : 'NOT MET'}`,
  );
}

main();
