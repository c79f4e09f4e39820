/**
 * Goal views at scale, run with `node --import tsx bench/goals-views.ts` (BENCH_SALES sets the size,
 * default 100,000). Builds the sample data (with its six sample goals) and measures what the
 * goal screens ask for: the list (pace and forecast of every goal), one goal's detail (chart,
 * history), the timeline, the scorecard and the nudge poll the app runs every five minutes.
 * Targets (p95): the list and a detail under 250 ms, so the goals screen opens without a
 * wait; the nudge poll under 250 ms, as it runs in the background while the seller works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src-main/db/connection';
import { createHandlers } from '../src-main/ipc/assemble';
import { generateSampleData } from '../src-main/features/onboarding';
import { api, type Channel, type Input, type Output, type ParsedInput } from '../src-main/shared/api';
import { percentile, timeRuns } from './measure';

const SALES = Number(process.env.BENCH_SALES ?? 100_000);
const RUNS = 15;
const TARGET_MS = 250;
const END = '2026-11-27';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-goals-'));
  try {
    const store = await openDatabase(join(dir, 'bench.sqlite'));
    const now = new Date(`${END}T10:00:00.000Z`);
    const handlers = createHandlers(store, { now: () => now, version: 'bench', platform: process.platform });
    const call = <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> =>
      (handlers[channel] as (input: ParsedInput<C>) => Promise<Output<C>>)(
        api[channel].input.parse(input) as ParsedInput<C>,
      );
    await store.db
      .transaction()
      .execute((trx) =>
        generateSampleData(trx, store.sqlite, { sales: SALES, seed: 1, endDate: END, currency: 'EUR' }, now),
      );
    store.sqlite.pragma('optimize');
    const goals = (await call('goals.list', {})).items;
    console.log(`${SALES} sales, ${goals.length} goals; p50 / p95 over ${RUNS} runs (target p95 < ${TARGET_MS} ms)`);

    const rows: { view: string; p50: number; p95: number; ok: string }[] = [];
    const measure = async (view: string, fn: () => Promise<unknown>): Promise<void> => {
      const { wall } = await timeRuns(RUNS, fn, 1);
      const p95 = percentile(wall, 0.95);
      rows.push({ view, p50: percentile(wall, 0.5), p95, ok: p95 < TARGET_MS ? 'yes' : 'NO' });
    };
    await measure('goals.list (all six)', () => call('goals.list', {}));
    for (const { goal } of goals) await measure(`goals.get ${goal.title}`, () => call('goals.get', { id: goal.id }));
    await measure('goals.timeline (quarter)', () => call('goals.timeline', { zoom: 'quarter' }));
    await measure('goals.scorecard (12 months)', () => call('goals.scorecard', {}));
    // Each run asks for another day, so every goal behind pace is judged (and recorded) again.
    let day = 0;
    await measure('nudge poll', () => {
      day++;
      return call('goals.nudges', { asOf: `2026-11-${String(day).padStart(2, '0')}` });
    });
    console.table(rows);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
