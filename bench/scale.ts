/**
 * `npm run bench`: issue 14's figures, and Home's of issue 13, at 10,000 and 200,000 sales (and 1,000,000 with
 * BENCH_1M=1; BENCH_SIZES=a,b,… picks others), in one markdown table, compared with the
 * committed baseline (bench/baseline.json): a figure more than 20% slower than its baseline
 * (and slower by more than BENCH_NOISE_MS, 5 ms by default: a shared machine jitters) is flagged,
 * and so is a missed target at 1,000,000 sales; either fails the run (exit code 1).
 *
 * Each book is made as `rapport demo --sales N` makes it (BENCH_BOOKS=folder keeps them there
 * between runs, as demo-<N>.sqlite). For each book, p50 / p95 over BENCH_RUNS runs:
 * - every screen's data as the window asks for it (through the contract's dispatch, in-process),
 *   and the follow-ups and badge again with a sale won on a day ahead of the book's last;
 * - stats for a year, and Home's data for the year so far, against the plain aggregate scans over
 *   `sales` measured in the same run;
 * - a 12-month coach report as a PDF, to the day and to the end of last month (Chromium needed);
 * - opening the book (migration check included) and reading the first screen's data;
 * - screens read through the database threads while an import of BENCH_IMPORT rows writes;
 * - a reload of the sales list in Chromium, through the preview (the built renderer in out/), to
 *   its first rows;
 * - `rapport stats` for a year and `rapport --version`, each a whole process from Node's start to
 *   its exit, started from a small process as a shell starts it (bench/cliTimes.mjs; BENCH_CLI_RUNS
 *   runs, 5 by default; the built CLI, `npm run build:cli`);
 * - the process's peak memory so far.
 * BENCH_UPDATE_BASELINE=1 writes this run's p95s as the new baseline.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src-main/db/connection';
import { createHandlers } from '../src-main/ipc/assemble';
import { dispatch } from '../src-main/ipc/register';
import { startBackend } from '../src-main/backend/host';
import { startPreview } from '../src-main/preview/server';
import { launchChromium } from '../scripts/chromium.mjs';
import { generateDemo } from '../src-main/features/onboarding';
import type { Channel } from '../src-main/shared/api';
import { percentile, plainScan, timeRuns, type Timings } from './measure';
import { addDays, addMonths } from '../src-main/shared/dates';

const SIZES = (process.env.BENCH_SIZES ?? (process.env.BENCH_1M ? '10000,200000,1000000' : '10000,200000'))
  .split(',')
  .map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT ?? 60_000);
const NOISE_MS = Number(process.env.BENCH_NOISE_MS ?? 5);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);
const BASELINE = join(import.meta.dirname, 'baseline.json');
// The day the screens are looked at, and the last day of a book made here. A kept book
// (BENCH_BOOKS) made on another day is looked at on its own last day: BENCH_AS_OF.
const END = process.env.BENCH_AS_OF ?? '2026-11-27';
const NOW = new Date(`${END}T10:00:00.000Z`);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

interface Row {
  book: number;
  what: string;
  p50: number;
  p95: number;
  /** The plain scans' p95 this figure is compared with. */
  plain?: number;
  /** A target from `at` sales up (1,000,000 unless given): p95 at most `ms`, and at most `ratio` × the plain scans. */
  target?: { ms: number; ratio?: number; at?: number };
}

const ms = (start: number): number => Math.round((performance.now() - start) * 10) / 10;
const timed = (book: number, what: string, t: Timings, target?: Row['target']): Row => ({
  book,
  what,
  p50: percentile(t.wall, 0.5),
  p95: percentile(t.wall, 0.95),
  ...(target && { target }),
});

/**
 * The demo book of `sales` sales, made once per folder (BENCH_BOOKS) or in `dir`. A kept book of
 * an older schema is brought up to date first, once (openDatabase backs it up and migrates it):
 * otherwise every run's first open would time that upgrade (at a million sales, its backup alone
 * takes 6 s), not an open.
 */
async function demoBook(sales: number, dir: string, rows: Row[]): Promise<string> {
  const kept = process.env.BENCH_BOOKS ? join(process.env.BENCH_BOOKS, `demo-${sales}.sqlite`) : null;
  if (kept && existsSync(kept)) {
    await (await openDatabase(kept)).close();
    return kept;
  }
  const file = kept ?? join(dir, 'book.sqlite');
  if (kept) mkdirSync(process.env.BENCH_BOOKS!, { recursive: true });
  const store = await openDatabase(file, { alone: true });
  const start = performance.now();
  await generateDemo(store, { sales, seed: 1, endDate: END, currency: 'EUR' }, NOW);
  const took = ms(start);
  rows.push({
    book: sales,
    what: `demo book made (${Math.round((sales / took) * 1000)} sales/s)`,
    p50: took,
    p95: took,
  });
  await store.close();
  return file;
}

async function measure(sales: number, rows: Row[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-bench-scale-'));
  try {
    const book = await demoBook(sales, dir, rows);
    const file = join(dir, 'copy.sqlite');
    copyFileSync(book, file);

    // Opening it as the app does, and the first screen's data (Home, the year so far).
    const home = { period: 'year', compare: 'previous', asOf: END };
    const start = performance.now();
    const store = await openDatabase(file, { checkIntegrity: true });
    const handlers = createHandlers(store, { now: () => NOW, version: 'bench', platform: process.platform });
    const ask = async (channel: Channel, input: unknown): Promise<unknown> => {
      const reply = await dispatch(handlers, channel, input, (message, error) => console.error(message, error));
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
      return reply.value;
    };
    await ask('home.summary', home);
    // The window shows the book, not the first-run choice, as after `rapport demo` and a first start.
    await ask('onboarding.start', { mode: 'empty' });
    rows.push({
      book: sales,
      what: 'open + migration check + Home’s data',
      p50: ms(start),
      p95: ms(start),
      target: { ms: 300 },
    });

    const customer = store.sqlite
      .prepare('SELECT customer_id FROM sales GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as number;
    const goal = store.sqlite.prepare('SELECT id FROM goals ORDER BY id LIMIT 1').pluck().get() as number;
    const screens: [string, Channel, unknown][] = [
      ['sales list, first page', 'sales.list', {}],
      ['customers list, first page', 'customers.list', {}],
      ['customer page: the customer', 'customers.get', { id: customer }],
      ['customer page: their sales', 'sales.list', { customerId: customer }],
      ['customer page: their timeline', 'care.timeline', { customerId: customer }],
      ['follow-ups, first page and bucket counts', 'care.followups.list', { asOf: END }],
      ['badge (care.followups.count)', 'care.followups.count', { asOf: END }],
      ['at-risk customers', 'care.atRisk', { asOf: END }],
      ['complaints', 'care.complaints.list', {}],
      ['goals list', 'goals.list', { asOf: END }],
      ['goal detail', 'goals.get', { id: goal, asOf: END }],
      ['goals timeline', 'goals.timeline', { date: END }],
      ['scorecard', 'goals.scorecard', { asOf: END }],
      ['Home, year so far vs the year before', 'home.summary', home],
    ];
    for (const [what, channel, input] of screens)
      rows.push(timed(sales, what, await timeRuns(RUNS, () => ask(channel, input), 2), { ms: 100 }));
    const homeRow = rows.at(-1)!;
    // A renewal won on a day ahead, typed in advance: its customer's follow-ups are worked out from
    // their rows as of today, everyone else's still read from the kept due days.
    const ahead = (await ask('sales.create', {
      title: 'Renewal, signed for next week',
      customerId: customer,
      amountMinor: 120_000,
      currency: 'EUR',
      status: 'won',
      openedOn: END,
      closedOn: addDays(END, 5),
    })) as { id: number };
    for (const [what, channel] of [
      ['follow-ups, with a sale dated ahead', 'care.followups.list'],
      ['badge, with a sale dated ahead', 'care.followups.count'],
    ] as const)
      rows.push(timed(sales, what, await timeRuns(RUNS, () => ask(channel, { asOf: END }), 2), { ms: 100 }));
    await ask('sales.delete', { id: ahead.id });

    const plainScans = plainScan(store.sqlite);
    const plain = await timeRuns(RUNS, async () => plainScans.get(YEAR.from, YEAR.to), 2);
    rows.push(timed(sales, `plain scans over sales, ${YEAR.from}–${YEAR.to}`, plain));
    // Issue 13: Home's whole data for a year within 50 ms and half the plain scans of the same run.
    Object.assign(homeRow, { plain: percentile(plain.wall, 0.95), target: { ms: 50, ratio: 0.5 } });
    const stats = await timeRuns(RUNS, () => ask('stats.summary', { ...YEAR, currency: 'EUR' }), 2);
    rows.push({
      ...timed(sales, `stats for ${YEAR.from.slice(0, 4)}`, stats, { ms: 50, ratio: 0.5 }),
      plain: percentile(plain.wall, 0.95),
    });
    // Issue 13: a 12-month coach report as a PDF, every section and the period before compared, as
    // `rapport report --format pdf` makes it (Chromium started for each): the 12 months to the day,
    // and those to the end of last month, whose at-risk list is as of a past day.
    const lastMonthEnd = addDays(`${END.slice(0, 7)}-01`, -1);
    const reports: [string, { from: string; to: string }][] = [
      ['to the day', { from: addDays(addMonths(END, -12), 1), to: END }],
      ['to last month’s end', { from: addMonths(addDays(lastMonthEnd, 1), -12), to: lastMonthEnd }],
    ];
    let printed = 0;
    for (const [what, range] of reports) {
      const save = () =>
        ask('report.save', {
          options: { ...range, compare: 'previous' },
          format: 'pdf',
          path: join(dir, `report-${printed++}.pdf`),
          paper: 'a4',
        });
      rows.push(timed(sales, `12-month report as PDF, ${what}`, await timeRuns(RUNS, save, 1), { ms: 2000 }));
    }
    await store.close();

    // The CLI as a seller runs it: the whole process, most of it loading what the command needs.
    const year = ['--db', file, 'stats', '--from', YEAR.from, '--to', YEAR.to];
    rows.push(timed(sales, `rapport stats for ${YEAR.from.slice(0, 4)}, whole process`, cliRuns(year), { ms: 300 }));
    rows.push(timed(sales, 'rapport --version, whole process', cliRuns(['--version']), { ms: 150 }));

    rows.push(await previewReload(sales, file));
    rows.push(await readsDuringImport(sales, file, dir));
    rows.push({
      book: sales,
      what: 'peak memory of the bench process so far (MiB)',
      p50: Math.round(process.resourceUsage().maxRSS / 1024),
      p95: Math.round(process.resourceUsage().maxRSS / 1024),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `rapport <args>` as a user runs it (bin/rapport.js): each run a whole process, after one untimed,
 * started from a small process of its own (bench/cliTimes.mjs), as a shell starts it.
 */
function cliRuns(args: readonly string[]): Timings {
  const timer = join(import.meta.dirname, 'cliTimes.mjs');
  const run = spawnSync(process.execPath, [timer, String(CLI_RUNS), ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return { wall: (JSON.parse(run.stdout) as { wall: number[] }).wall, cpu: [] };
}

/** Screens read through the database thread, as the window reads them, while an import writes there. */
async function readsDuringImport(sales: number, file: string, dir: string): Promise<Row> {
  const files = join(dir, 'files');
  mkdirSync(files, { recursive: true });
  const csv = ['Date,Customer,Amount,Currency,Status,Satisfaction'];
  for (let r = 0; r < IMPORT_ROWS; r++)
    csv.push(
      `2026-10-${String((r % 28) + 1).padStart(2, '0')},Bench customer ${r % 2000},${100 + (r % 50)}.00,EUR,won,4`,
    );
  writeFileSync(join(files, 'import.csv'), `${csv.join('\n')}\n`);
  const backend = await startBackend({
    file,
    version: 'bench',
    platform: process.platform,
    log: (message, error) => console.error(message, error ?? ''),
    emit: () => undefined,
    dialogs: { folder: files },
  });
  try {
    const picked = await backend.dispatch('dialog.openFile', { purpose: 'import' });
    const path = picked.ok ? (picked.value as { path: string }).path : null;
    if (!path) throw new Error('the import file was not picked');
    let done = false;
    const start = performance.now();
    const importing = backend.dispatch('import.run', { path, kind: 'sales' }).finally(() => (done = true));
    const waits: number[] = [];
    // Screens quick on their own (the slow ones have rows above): what is measured here is the wait.
    const screens: [Channel, unknown][] = [
      ['sales.list', {}],
      ['sales.list', { offset: 50 }],
      ['customers.get', { id: 1 }],
    ];
    for (let i = 0; !done; i++) {
      const [channel, input] = screens[i % screens.length]!;
      const asked = performance.now();
      await backend.dispatch(channel, input);
      waits.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const result = await importing;
    if (!result.ok) throw new Error(`import.run: ${result.error.message}`);
    return {
      ...timed(sales, `screens read during a ${(ms(start) / 1000).toFixed(1)} s import (${waits.length} reads)`, {
        wall: waits,
        cpu: [],
      }),
      target: { ms: 150 },
    };
  } finally {
    await backend.close();
  }
}

/** The preview's sales list reloaded in Chromium, to its first rows (p50 / p95 over BENCH_RUNS reloads). */
/** Sets `window.firstRowsAt` to the start of the first frame that draws two rows of the page's table. */
const FIRST_ROWS_CLOCK = `
  new MutationObserver(function (changes, observer) {
    if (document.querySelectorAll('main table tbody tr').length < 2) return;
    observer.disconnect();
    requestAnimationFrame(function (frame) { window.firstRowsAt = frame; });
  }).observe(document, { childList: true, subtree: true });`;

async function previewReload(sales: number, file: string): Promise<Row> {
  const rendererDir = join(import.meta.dirname, '..', 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new Error('Build the renderer first: npx electron-vite build');
  const preview = await startPreview({ dbPath: file, rendererDir, log: (message) => console.error(message) });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The page's own clock says when the first rows are drawn: from the reload's start (the
    // navigation's time origin) to the frame that draws them. Waited for by Playwright alone, they
    // were seen up to ~450 ms late: it looks again after 0, 20, 50, 100, 100 and then 500 ms.
    await page.addInitScript({ content: FIRST_ROWS_CLOCK });
    await page.goto(preview.url);
    await page.getByRole('link', { name: 'Sales', exact: true }).click();
    const firstRows = () => page.locator('main table tbody tr').nth(1).waitFor({ timeout: 60_000 });
    await firstRows();
    const wall: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) {
      await page.reload();
      await firstRows();
      wall.push(
        await page
          .waitForFunction(() => (window as { firstRowsAt?: number }).firstRowsAt)
          .then((at) => at.jsonValue() as Promise<number>),
      );
    }
    return {
      ...timed(sales, 'preview: sales list reloaded in Chromium, to its first rows', { wall, cpu: [] }),
      target: { ms: 1000, at: 200_000 },
    };
  } finally {
    await browser.close();
    await preview.close();
  }
}

type Baseline = Record<string, number>;
const key = (r: Row): string => `${r.book} | ${r.what.replace(/\(.*\)|[\d.]+ s /g, '').trim()}`;

function judge(rows: Row[], baseline: Baseline): boolean {
  console.log(
    `\n### Issues 13 and 14's figures (ms, p50 / p95 over ${RUNS} runs; targets apply at 1,000,000 sales unless said)\n`,
  );
  console.log('| sales | figure | p50 | p95 | plain scans p95 | ratio | target | baseline p95 | vs baseline | ok |');
  console.log('|---:|---|---:|---:|---:|---:|---|---:|---:|---|');
  let failed = false;
  for (const r of rows) {
    const ratio = r.plain ? r.p95 / r.plain : undefined;
    const missed =
      r.target !== undefined &&
      r.book >= (r.target.at ?? 1_000_000) &&
      (r.p95 > r.target.ms || (r.target.ratio !== undefined && ratio !== undefined && ratio > r.target.ratio));
    const before = baseline[key(r)];
    const slower = before !== undefined && r.p95 > before * 1.2 && r.p95 - before > NOISE_MS;
    failed ||= missed || slower;
    const target = r.target
      ? `≤ ${r.target.ms} ms${r.target.ratio ? `, ≤ ${r.target.ratio}×` : ''}${r.target.at ? ` from ${r.target.at.toLocaleString('en')}` : ''}`
      : '';
    console.log(
      `| ${r.book.toLocaleString('en')} | ${r.what} | ${r.p50} | ${r.p95} | ${r.plain ?? ''} | ${ratio?.toFixed(2) ?? ''} | ${target} | ${before ?? ''} | ${before ? `${(r.p95 / before).toFixed(2)}×` : ''} | ${missed ? 'target missed' : slower ? 'SLOWER' : 'yes'} |`,
    );
  }
  return failed;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const sales of SIZES) await measure(sales, rows);
  const baseline: Baseline = existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as Baseline) : {};
  const failed = judge(rows, baseline);
  if (process.env.BENCH_UPDATE_BASELINE) {
    const next = { ...baseline, ...Object.fromEntries(rows.map((r) => [key(r), r.p95])) };
    writeFileSync(BASELINE, `${JSON.stringify(next, null, 2)}\n`);
    console.log(`\nBaseline written: ${BASELINE}`);
  } else if (failed) process.exitCode = 1;
}

void main();
