/**
 * The coach report at scale, run with `node --import tsx bench/report.ts` (BENCH_SALES sets the
 * size, default 100,000). Builds the sample data and measures a 12-month report with the
 * previous period compared: the document alone (every figure gathered), and the whole PDF
 * (document, template, Chromium's start and print) as `rapport report --format pdf` makes it.
 * Target (issue 13): a 12-month PDF report within 2 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src-main/db/connection';
import { createHandlers } from '../src-main/ipc/assemble';
import { generateSampleData } from '../src-main/features/onboarding';
import { percentile, reportTargets, timeRuns } from './measure';

const SALES = Number(process.env.BENCH_SALES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 2000;
const END = '2026-11-27';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-report-'));
  try {
    const store = await openDatabase(join(dir, 'bench.sqlite'));
    const now = new Date(`${END}T10:00:00.000Z`);
    const handlers = createHandlers(store, { now: () => now, version: 'bench', platform: process.platform });
    await store.db
      .transaction()
      .execute((trx) =>
        generateSampleData(trx, store.sqlite, { sales: SALES, seed: 1, endDate: END, currency: 'EUR' }, now),
      );
    store.sqlite.pragma('optimize');
    const options = { from: '2025-11-01', to: '2026-10-31', compare: 'previous' as const };
    console.log(`${SALES} sales; a 12-month report, previous period compared; p50 / p95 over ${RUNS} runs`);
    const build = await timeRuns(RUNS, () => handlers['report.build'](parse(options)), 1);
    let n = 0;
    // The first print starts Chromium from a cold disk cache; the runs after it are what a seller sees again and again.
    const pdf = await timeRuns(
      RUNS,
      () =>
        handlers['report.save']({
          options: parse(options),
          format: 'pdf',
          path: join(dir, `report-${n++}.pdf`),
          paper: 'a4',
          overwrite: false,
        }),
      1,
    );
    const results = [
      {
        what: 'document (report.build)',
        p50: percentile(build.wall, 0.5),
        p95: percentile(build.wall, 0.95),
        target: TARGET_MS,
      },
      {
        what: 'PDF (report.save, with Chromium)',
        p50: percentile(pdf.wall, 0.5),
        p95: percentile(pdf.wall, 0.95),
        target: TARGET_MS,
      },
    ];
    reportTargets(results);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parse(o: { from: string; to: string; compare: 'previous' }) {
  return {
    ...o,
    sections: ['goals', 'scorecard', 'volume', 'quality', 'loyalty', 'care', 'techniques', 'learning', 'journal'] as (
      'goals' | 'scorecard' | 'volume' | 'quality' | 'loyalty' | 'care' | 'techniques' | 'learning' | 'journal'
    )[],
    anonymize: false,
    journalText: true,
    journalIds: [],
    comment: '',
  };
}

await main();
