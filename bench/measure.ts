/**
 * The timing kit the benches share, so every bench reads its percentiles and judges its targets
 * the same way.
 */
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';

/** Wall-clock and CPU (user + system) milliseconds of each timed run. */
export interface Timings {
  wall: number[];
  cpu: number[];
}

/** Runs `fn` `warmUps` times untimed (to warm the page and statement caches), then `runs` times timed. */
export async function timeRuns(runs: number, fn: () => Promise<unknown>, warmUps = 0): Promise<Timings> {
  for (let i = 0; i < warmUps; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

/**
 * The plain aggregate scan over `sales` that the summary tables replace: a period's won and lost
 * counts and its won revenue in EUR, read from every sale closed in it (`.get(from, to)`). The
 * stats and Home figures are judged against it, measured in the same run.
 */
export function plainScan(sqlite: Database.Database): Database.Statement<[string, string]> {
  return sqlite.prepare(
    `SELECT count(*) FILTER (WHERE status = 'won') AS won, count(*) FILTER (WHERE status = 'lost') AS lost,
       coalesce(sum(amount_minor) FILTER (WHERE status = 'won' AND currency = 'EUR'), 0) AS revenue
     FROM sales WHERE closed_on BETWEEN ? AND ?`,
  );
}

/** The q-quantile (0..1) of `list`, rounded to a tenth of a millisecond. */
export function percentile(list: readonly number[], q: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
}

/** Prints the results with a verdict each and the memory used; a missed target fails the run. */
export function reportTargets(results: readonly { p95: number; target: number }[]): void {
  console.table(results.map((r) => ({ ...r, ok: r.p95 <= r.target ? 'yes' : 'NO' })));
  console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  if (results.some((r) => r.p95 > r.target)) process.exitCode = 1;
}
