/**
 * Export, backup and the automatic backup (written, then verified like a restore candidate) at size. Builds 10,000- and 100,000-sale databases with the demo
 * generator, then exports and backs each up in a fresh child process, so the peak RSS it
 * reports is the export's own, not the generator's. Flat memory: the 100k export should peak
 * about where the 10k one does (rows are paged, the file is streamed).
 *
 *   node --import tsx bench/exchange.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src-main/db/connection';
import { generateSampleData } from '../src-main/features/onboarding';
import { backupDatabase } from '../src-main/features/exchange';
import { exportCsv, verifyBackupFile } from '../src-main/features/exchange';
import { backUpStore } from '../src-main/db/backupFolder';

type Task = 'export' | 'backup' | 'automatic';

/** The automatic backup before an import: its copy, then its verification, timed apart. */
async function automatic(db: string): Promise<{ ms: number; bytes: number; verifyMs: number }> {
  const store = await openDatabase(db);
  const start = performance.now();
  const file = await backUpStore(store, 'before-import', new Date());
  const ms = Math.round(performance.now() - start);
  await store.close();
  const verifying = performance.now();
  await verifyBackupFile(file!);
  return { ms, bytes: statSync(file!).size, verifyMs: Math.round(performance.now() - verifying) };
}

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);

async function child(task: Task, db: string, out: string): Promise<void> {
  if (task === 'automatic') {
    const result = await automatic(db);
    const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(JSON.stringify({ task, ...result, maxRssMB }));
    return;
  }
  const store = await openDatabase(db);
  const start = performance.now();
  const result =
    task === 'export' ? await exportCsv(store.db, 'sales', out) : await backupDatabase(store.db, store.sqlite, out);
  const ms = Math.round(performance.now() - start);
  await store.close();
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ task, ms, bytes: result.bytes, maxRssMB }));
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-exchange-'));
  try {
    for (const sales of SIZES) {
      const db = join(dir, `${sales}.sqlite`);
      const store = await openDatabase(db);
      await store.db
        .transaction()
        .execute((trx) =>
          generateSampleData(trx, { sales, seed: 1, endDate: '2026-11-27', currency: 'EUR' }, new Date()),
        );
      await store.close();
      for (const task of ['export', 'backup', 'automatic'] as const) {
        const out = join(dir, `${sales}-${task}.${task === 'export' ? 'csv' : 'sqlite'}`);
        const report = JSON.parse(
          execFileSync(process.execPath, ['--import', 'tsx', self, '--child', task, db, out], { encoding: 'utf8' }),
        ) as { ms: number; bytes: number; maxRssMB: number; verifyMs?: number };
        const verified = report.verifyMs === undefined ? '' : `, then verified in ${report.verifyMs} ms`;
        console.log(
          `${task.padEnd(9)} ${String(sales).padStart(7)} sales: ${String(report.ms).padStart(5)} ms${verified}, ` +
            `${(report.bytes / 1024 / 1024).toFixed(1)} MB file, peak RSS ${report.maxRssMB} MB`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [, , flag, task, db, out] = process.argv;
if (flag === '--child') await child(task as Task, db!, out!);
else await main();
