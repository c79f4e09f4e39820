/**
 * The demo generator at scale, run with `npm run bench:demo` after `npm run build:cli`: builds a
 * book of 200,000 sales (and 1,000,000 with BENCH_1M=1; BENCH_SIZES=a,b,… picks others) with
 * `rapport demo`, as a seller's shell runs it (bin/rapport.js, the built CLI), each size in a
 * process of its own so that its peak memory is its own. bench/peak.cjs, loaded into that
 * process first, writes its CPU time and peak resident memory as it exits: the product's own,
 * without the TypeScript loader this script runs under (60–80 MB more at 1,000,000 sales).
 * Prints a markdown table: sales per second from the first insert to the commit (what the
 * command reports), by the wall clock and by the process's CPU time (user + system: on a shared,
 * busy machine the wall clock also counts waiting for a core), the peak memory, and the rows
 * the book holds. Target (issue 14, at 1,000,000 sales): ≥ 20,000 sales/s and ≤ 400 MB.
 * BENCH_KEEP=path keeps the last book built there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const SIZES = (process.env.BENCH_SIZES ?? (process.env.BENCH_1M ? '200000,1000000' : '200000')).split(',').map(Number);
const TARGET_RATE = 20_000;
const TARGET_MB = 400;
const END = '2026-11-27';
const COUNTED = ['customers', 'sales', 'check_ins', 'interactions', 'complaints', 'goals'] as const;
const ROOT = join(import.meta.dirname, '..');

interface Run {
  sales: number;
  ms: number;
  cpuMs: number;
  peakMb: number;
  rows: Record<(typeof COUNTED)[number], number>;
}

/** `rapport demo` making a book of `sales` sales at `file`, in a process of its own. */
function demo(sales: number, file: string, usage: string): Run {
  const args = ['--db', file, '--json', 'demo', '--sales', String(sales), '--seed', '1', '--end', END];
  const out = execFileSync(
    process.execPath,
    ['--require', join(ROOT, 'bench', 'peak.cjs'), join(ROOT, 'bin', 'rapport.js'), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, RAPPORT_PEAK_FILE: usage },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const { ms } = JSON.parse(out) as { ms: number };
  const { cpuMs, peakMb } = JSON.parse(readFileSync(usage, 'utf8')) as { cpuMs: number; peakMb: number };
  const book = new Database(file, { readonly: true });
  const count = (table: string) => book.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const rows = Object.fromEntries(COUNTED.map((t) => [t, count(t)])) as Run['rows'];
  book.close();
  return { sales, ms, cpuMs, peakMb, rows };
}

if (!existsSync(join(ROOT, 'out', 'cli', 'main.js'))) {
  console.error('No built CLI: run `npm run build:cli` first.');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-demo-'));
const runs: Run[] = [];
try {
  for (const sales of SIZES) {
    const file = join(dir, `demo-${sales}.sqlite`);
    runs.push(demo(sales, file, join(dir, 'usage.json')));
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
