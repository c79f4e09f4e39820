/**
 * Speed targets live here, not in timed tests. Builds a 100,000-sale database with the demo
 * generator, then measures the queries the sales log and customer book run while a user
 * scrolls, sorts, filters and searches. Targets (p95): a page of the log under 50 ms, so paging
 * and sorting stay smooth at 100,000 sales; a full-text search or a view that aggregates every
 * sale (customers by lifetime value, a year's stats) under 150 ms, since it runs once per
 * keystroke pause or screen, not per scroll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src-main/db/connection';
import { createHandlers } from '../src-main/ipc/assemble';
import { generateSampleData } from '../src-main/features/onboarding';
import { CustomerQuery } from '../src-main/features/customers/contract';
import { SaleQuery } from '../src-main/features/sales/contract';
import { StatsQuery } from '../src-main/features/metrics/contract';
import { percentile, reportTargets, timeRuns } from './measure';

const SALES = Number(process.env.BENCH_SALES ?? 100_000);
const RUNS = 25;
const PAGE_MS = 50;
const SCAN_MS = 150;

interface Result {
  label: string;
  p50: number;
  p95: number;
  target: number;
}

async function measure(label: string, target: number, fn: () => Promise<unknown>): Promise<Result> {
  const { wall } = await timeRuns(RUNS, fn, 1);
  return { label, p50: percentile(wall, 0.5), p95: percentile(wall, 0.95), target };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  try {
    const store = await openDatabase(join(dir, 'bench.sqlite'));
    const handlers = createHandlers(store, { version: 'bench', platform: process.platform });
    const start = performance.now();
    await store.db
      .transaction()
      .execute((trx) =>
        generateSampleData(
          trx,
          store.sqlite,
          { sales: SALES, seed: 1, endDate: '2026-11-27', currency: 'EUR' },
          new Date(),
        ),
      );
    const generated = performance.now() - start;
    store.sqlite.pragma('optimize'); // what the next app start would do
    console.log(
      `generated ${SALES} sales in ${Math.round(generated)} ms (${Math.round(SALES / (generated / 1000))} sales/s)`,
    );

    const sales = (q: Record<string, unknown>) => () => handlers['sales.list'](SaleQuery.parse(q));
    const results = [
      await measure('sales: first page, newest first', PAGE_MS, sales({})),
      await measure('sales: page at offset 50,000', PAGE_MS, sales({ offset: 50_000 })),
      await measure('sales: last page, sorted by amount', PAGE_MS, sales({ sort: 'amount', offset: SALES - 50 })),
      await measure('sales: won in 2026', PAGE_MS, sales({ statuses: ['won'], from: '2026-01-01', to: '2026-12-31' })),
      await measure('sales: search "renewal"', SCAN_MS, sales({ search: 'renewal' })),
      await measure('sales: one technique', PAGE_MS, sales({ techniqueId: 1 })),
      await measure('customers: by lifetime value', SCAN_MS, () =>
        handlers['customers.list'](CustomerQuery.parse({ sort: 'lifetimeValue', dir: 'desc' })),
      ),
      await measure('customers: detail', PAGE_MS, () => handlers['customers.get']({ id: 1 })),
      await measure('stats: one year', SCAN_MS, () =>
        handlers['stats.summary'](StatsQuery.parse({ from: '2026-01-01', to: '2026-12-31' })),
      ),
    ];
    reportTargets(results);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
