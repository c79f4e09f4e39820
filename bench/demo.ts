/**
 * The demo generator at scale, run with `npm run bench:demo`: builds a book of 200,000 sales
 * (and 1,000,000 with BENCH_1M=1; BENCH_SIZES=a,b,… picks others) as `rapport demo` does
 * (generateDemo), every size in a process of its own so that its peak memory is its own.
 * Prints a markdown table: sales per second from the first insert to the commit, by the wall
 * clock and by this process's CPU time (user + system: on a shared, busy machine the wall clock
 * also counts waiting for a core), the process's peak resident memory, and the rows the book
 * holds. Target (issue 14, at 1,000,000 sales): ≥ 20,000 sales/s and ≤ 400 MB. BENCH_KEEP=path keeps the last book built there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src-main/db/connection';
import { generateDemo } from '../src-main/features/onboarding';

const SIZES = (process.env.BENCH_SIZES ?? (process.env.BENCH_1M ? '200000,1000000' : '200000')).split(',').map(Number);
const TARGET_RATE = 20_000;
const TARGET_MB = 400;
const END = '2026-11-27';
const COUNTED = ['customers', 'sales', 'check_ins', 'interactions', 'complaints', 'goals'] as const;

interface Run {
  sales: number;
  ms: number;
  cpuMs: number;
  peakMb: number;
  rows: Record<(typeof COUNTED)[number], number>;
}

/** One book in this process: what the parent reads from its last line. */
async function child(sales: number, file: string): Promise<void> {
  const store = await openDatabase(file, { alone: true });
  const start = performance.now();
  const cpu = process.cpuUsage();
  await generateDemo(store, { sales, seed: 1, endDate: END, currency: 'EUR' }, new Date());
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  const count = (table: string) => store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const rows = Object.fromEntries(COUNTED.map((t) => [t, count(t)])) as Run['rows'];
  await store.close();
  // maxRSS is in kilobytes.
  const run: Run = { sales, ms, cpuMs: (user + system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024, rows };
  console.log(JSON.stringify(run));
}

function parent(): void {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-demo-'));
  const runs: Run[] = [];
  try {
    for (const sales of SIZES) {
      const file = join(dir, `demo-${sales}.sqlite`);
      const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, String(sales), file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      runs.push(JSON.parse(out.trim().split('\n').at(-1)!) as Run);
      if (process.env.BENCH_KEEP && sales === SIZES.at(-1)) renameSync(file, process.env.BENCH_KEEP);
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    '| sales | s | sales/s | CPU s | sales/CPU s | target | peak RSS MB | target | ok | customers | check-ins | ' +
      'interactions | complaints | goals |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|');
  for (const r of runs) {
    const rate = (r.sales / r.ms) * 1000;
    const cpuRate = (r.sales / r.cpuMs) * 1000;
    const ok = rate >= TARGET_RATE && r.peakMb <= TARGET_MB;
    console.log(
      `| ${fmt(r.sales)} | ${(r.ms / 1000).toFixed(1)} | ${fmt(rate)} | ${(r.cpuMs / 1000).toFixed(1)} | ${fmt(cpuRate)} | ` +
        `≥ ${fmt(TARGET_RATE)} | ${fmt(r.peakMb)} | ≤ ${TARGET_MB} | ` +
        `${ok ? '✓' : '✗'} | ${fmt(r.rows.customers)} | ${fmt(r.rows.check_ins)} | ${fmt(r.rows.interactions)} | ` +
        `${fmt(r.rows.complaints)} | ${fmt(r.rows.goals)} |`,
    );
  }
}

const [sales, file] = process.argv.slice(2);
if (sales && file) await child(Number(sales), file);
else parent();
