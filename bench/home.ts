/**
 * Home and stats at scale, run with `npm run bench:home`: builds demo books of 10,000 and
 * 200,000 sales (and 1,000,000 with BENCH_1M=1; BENCH_SIZES=a,b,… picks others) as
 * `rapport demo` makes them, and in the same run measures, p50 / p95 over BENCH_RUNS runs:
 * - home.summary for the year so far, compared with the same days of the year before (every
 *   card, comparison and trend), and stats.summary for the last whole year;
 * - the plain aggregate queries over the sales table they replace: the year's revenue and counts
 *   (won, lost, won amount in the currency) read from `sales`, once per period each reads;
 * - the writes that keep the rollups: a sale created, edited and deleted (p50 / p95 through the
 *   handlers), an import of BENCH_IMPORT rows (rows/s) and its undo.
 * Prints one markdown table per book with the ratio of each read to its plain scans.
 * Targets (issues 13 and 14, at 1,000,000 sales): home and stats p95 ≤ 50 ms and ≤ 0.5× the
 * plain scans. BENCH_BOOK=path measures a copy of an existing book instead of building one.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Store } from '../src-main/db/connection';
import { createHandlers } from '../src-main/ipc/assemble';
import { generateSampleData } from '../src-main/features/onboarding';
import { SaleEntry } from '../src-main/features/sales/contract';
import { countFollowUps } from '../src-main/features/care';
import { goalStatuses } from '../src-main/features/goals';
import { runImport } from '../src-main/features/imports/engine';
import { percentile, plainScan, timeRuns, type Timings } from './measure';

const SIZES = (process.env.BENCH_SIZES ?? (process.env.BENCH_1M ? '10000,200000,1000000' : '10000,200000'))
  .split(',')
  .map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WRITES = Number(process.env.BENCH_WRITES ?? 30);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT ?? 10_000);
const END = '2026-11-27';
const NOW = new Date(`${END}T10:00:00.000Z`);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const TARGET_MS = 50;
const TARGET_RATIO = 0.5;

interface Row {
  what: string;
  p50: number;
  p95: number;
  /** CPU (user + system) p95: on a shared, busy machine the wall clock also counts waiting for a core. */
  cpu?: number;
  /** The plain scans' p95 (wall, CPU) this read is compared with, if any. */
  plain?: number;
  plainCpu?: number;
  target?: string;
  ok?: boolean;
}

async function book(dir: string, sales: number, rows: Row[]): Promise<Store> {
  const file = join(dir, 'bench.sqlite');
  if (process.env.BENCH_BOOK) {
    copyFileSync(process.env.BENCH_BOOK, file);
    const start = performance.now();
    const store = await openDatabase(file);
    rows.push({ what: 'open a copy of BENCH_BOOK (migrations included)', p50: ms(start), p95: ms(start) });
    return store;
  }
  const store = await openDatabase(file);
  const start = performance.now();
  await store.db
    .transaction()
    .execute((trx) => generateSampleData(trx, store.sqlite, { sales, seed: 1, endDate: END, currency: 'EUR' }, NOW));
  const took = ms(start);
  rows.push({ what: `demo book built (${Math.round((sales / took) * 1000)} sales/s)`, p50: took, p95: took });
  store.sqlite.pragma('optimize');
  return store;
}

const ms = (start: number): number => Math.round((performance.now() - start) * 10) / 10;

async function measure(sales: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-home-'));
  const rows: Row[] = [];
  try {
    const store = await book(dir, sales, rows);
    const handlers = createHandlers(store, { now: () => NOW, version: 'bench', platform: process.platform });
    const n = store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;
    const plainScans = plainScan(store.sqlite);
    const home = { period: 'year' as const, compare: 'previous' as const, asOf: END };
    const summary = await handlers['home.summary'](home);
    const periods = [summary.current, summary.previous];

    const plainHome = await timeRuns(RUNS, async () => periods.map((p) => plainScans.get(p.from, p.to)), 2);
    const plainYear = await timeRuns(RUNS, async () => plainScans.get(YEAR.from, YEAR.to), 2);
    const homeRuns = await timeRuns(RUNS, () => handlers['home.summary'](home), 2);
    const statsRuns = await timeRuns(RUNS, () => handlers['stats.summary']({ ...YEAR, currency: 'EUR' }), 2);
    // What home.summary reads besides the metrics: the follow-up counts and every goal's status.
    const followUps = await timeRuns(RUNS, () => countFollowUps(store.db, END), 2);
    const goals = await timeRuns(RUNS, () => goalStatuses(store.db, NOW), 2);
    const p95 = (t: { wall: number[] }) => percentile(t.wall, 0.95);
    const cpu = (t: { cpu: number[] }) => percentile(t.cpu, 0.95);
    const timed = (what: string, t: Timings): Row => ({ what, p50: percentile(t.wall, 0.5), p95: p95(t), cpu: cpu(t) });
    const judged = (what: string, t: Timings, plain: Timings): Row => {
      const row = { ...timed(what, t), plain: p95(plain), plainCpu: cpu(plain) };
      return {
        ...row,
        target: `≤ ${TARGET_MS} ms, ≤ ${TARGET_RATIO}×`,
        ok: row.p95 <= TARGET_MS && row.p95 <= TARGET_RATIO * row.plain,
      };
    };
    rows.push(
      timed(`plain scans: the year so far and the year before (${periods.map((p) => p.from).join(', ')})`, plainHome),
      judged('home.summary, year so far vs the year before', homeRuns, plainHome),
      timed('… of which the follow-up counts (care)', followUps),
      timed('… of which the goals’ statuses (goals)', goals),
      timed(`plain scan: ${YEAR.from}–${YEAR.to}`, plainYear),
      judged(`stats.summary ${YEAR.from}–${YEAR.to}`, statsRuns, plainYear),
    );

    // Writes: a sale created, edited, deleted through the handlers (rollups kept by triggers).
    const customer = store.sqlite.prepare('SELECT id FROM customers ORDER BY id DESC LIMIT 1').pluck().get() as number;
    const entry = (i: number) =>
      SaleEntry.parse({
        title: `Bench ${i}`,
        customerId: customer,
        amountMinor: 10_000 + i,
        currency: 'EUR',
        status: 'won',
        openedOn: '2026-10-01',
        closedOn: '2026-10-20',
        satisfaction: 4,
      });
    const ids: number[] = [];
    let i = 0;
    const create = await timeRuns(WRITES, async () => ids.push((await handlers['sales.create'](entry(i++))).id));
    let j = 0;
    const update = await timeRuns(WRITES, () =>
      handlers['sales.update']({ id: ids[j]!, sale: { ...entry(j++), status: 'lost', closedOn: '2026-10-21' } }),
    );
    let k = 0;
    const remove = await timeRuns(WRITES, () => handlers['sales.delete']({ id: ids[k++]! }));
    for (const [what, t] of [
      ['sale created', create],
      ['sale edited', update],
      ['sale deleted', remove],
    ] as const)
      rows.push(
        timed(`${what} (sales.${{ created: 'create', edited: 'update', deleted: 'delete' }[what.split(' ')[1]!]})`, t),
      );

    // An import of IMPORT_ROWS rows onto new and existing customers, and its undo.
    const csv = ['Date,Customer,Amount,Currency,Status,Satisfaction'];
    for (let r = 0; r < IMPORT_ROWS; r++)
      csv.push(
        `${addDay(r % 300)},Bench customer ${r % 2000},${100 + (r % 50)}.00,EUR,${['won', 'lost', 'won', 'open'][r % 4]},${r % 4 === 3 ? '' : (r % 5) + 1}`,
      );
    const path = join(dir, 'import.csv');
    writeFileSync(path, `${csv.join('\n')}\n`);
    let start = performance.now();
    const result = await runImport(store, {
      path,
      kind: 'sales',
      options: {},
      skipInvalid: false,
      dryRun: false,
      defaultCurrency: 'EUR',
      now: NOW,
    });
    const imported = ms(start);
    rows.push({
      what: `import of ${IMPORT_ROWS} rows (${Math.round((result.inserted / imported) * 1000)} rows/s)`,
      p50: imported,
      p95: imported,
    });
    start = performance.now();
    await handlers['import.undo']({ batchId: result.batch_id! });
    const undone = ms(start);
    rows.push({ what: 'its undo (import.undo)', p50: undone, p95: undone });

    console.log(`\n### ${n.toLocaleString('en')} sales (p50 / p95 over ${RUNS} runs, ms)\n`);
    console.log('| figure | p50 | p95 | CPU p95 | plain scans p95 (CPU) | ratio (CPU) | target | ok |');
    console.log('|---|---:|---:|---:|---:|---:|---|---|');
    const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : '');
    for (const r of rows)
      console.log(
        `| ${r.what} | ${r.p50} | ${r.p95} | ${r.cpu ?? ''} | ${r.plain === undefined ? '' : `${r.plain} (${r.plainCpu})`} | ${r.plain === undefined ? '' : `${ratio(r.p95, r.plain)} (${ratio(r.cpu!, r.plainCpu)})`} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'NO'} |`,
      );
    console.log(`\nrss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
    // The targets are for a million sales; smaller books only show the trend.
    if (n >= 1_000_000 && rows.some((r) => r.ok === false)) process.exitCode = 1;
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The day `n` days after 2025-12-01. */
function addDay(n: number): string {
  const d = new Date(Date.UTC(2025, 11, 1 + n));
  return d.toISOString().slice(0, 10);
}

for (const sales of SIZES) await measure(sales);
