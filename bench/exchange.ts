/**
 * Export, backup and the automatic backup (written, then verified like a restore candidate) at size. Builds 10,000- and 100,000-sale databases with the demo
 * generator, then exports and backs each up in a fresh child process, so the peak RSS it
 * reports is the export's own, not the generator's. Flat memory: the 100k export should peak
 * about where the 10k one does (rows are paged, the file is streamed).
 *
 * Last, an import of 1,000 sales (BENCH_IMPORT_ROWS) into each database as the app makes it (its automatic backup
 * copied, then checked in its thread while the rows are written): the time until its first
 * rows are written, and in all.
 *
 *   node --import tsx bench/exchange.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src-main/db/connection';
import { generateSampleData } from '../src-main/features/onboarding';
import { backupDatabase } from '../src-main/features/exchange';
import { exportCsv, verifyBackupFile } from '../src-main/features/exchange';
import { backUpStore } from '../src-main/db/backupFolder';
import { verifierFor } from '../src-main/features/backups';
import { runImport } from '../src-main/features/imports';

type Task = 'export' | 'backup' | 'automatic' | 'import';

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

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1000);

/** An import of IMPORT_ROWS new sales, with the automatic backup the app takes before it. */
async function importInto(db: string, csv: string): Promise<{ ms: number; firstRowsMs: number; bytes: number }> {
  const lines = ['Date,Customer,Amount,Currency,Status'];
  for (let i = 1; i <= IMPORT_ROWS; i++)
    lines.push(`2026-11-${String((i % 27) + 1).padStart(2, '0')},Bench ${i % 40},${i}.25,EUR,won`);
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const store = await openDatabase(db, { verifyBackup: verifierFor() });
  const start = performance.now();
  let firstRowsMs = -1;
  const result = await runImport(store, {
    kind: 'sales',
    path: csv,
    options: {},
    skipInvalid: false,
    dryRun: false,
    defaultCurrency: 'EUR',
    now: new Date(),
    progressIntervalMs: 0,
    onProgress: (progress) => {
      if (firstRowsMs < 0 && progress.rows > 0) firstRowsMs = Math.round(performance.now() - start);
    },
  });
  const ms = Math.round(performance.now() - start);
  await store.close();
  if (result.inserted !== IMPORT_ROWS) throw new Error(`imported ${result.inserted} of ${IMPORT_ROWS}`);
  return { ms, firstRowsMs, bytes: statSync(csv).size };
}

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);

async function child(task: Task, db: string, out: string): Promise<void> {
  if (task === 'automatic' || task === 'import') {
    const result = task === 'automatic' ? await automatic(db) : await importInto(db, out);
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
          generateSampleData(trx, store.sqlite, { sales, seed: 1, endDate: '2026-11-27', currency: 'EUR' }, new Date()),
        );
      await store.close();
      for (const task of ['export', 'backup', 'automatic', 'import'] as const) {
        const out = join(dir, `${sales}-${task}.${task === 'export' || task === 'import' ? 'csv' : 'sqlite'}`);
        const report = JSON.parse(
          execFileSync(process.execPath, ['--import', 'tsx', self, '--child', task, db, out], { encoding: 'utf8' }),
        ) as { ms: number; bytes: number; maxRssMB: number; verifyMs?: number; firstRowsMs?: number };
        const verified = report.verifyMs === undefined ? '' : `, then verified in ${report.verifyMs} ms`;
        const firstRows = report.firstRowsMs === undefined ? '' : ` (first rows written at ${report.firstRowsMs} ms)`;
        console.log(
          `${task.padEnd(9)} ${String(sales).padStart(7)} sales: ${String(report.ms).padStart(5)} ms${verified}${firstRows}, ` +
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
