import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, SqliteDialect } from 'kysely';
import { backupsFolder } from '../../src-main/db/backupFolder';
import { migrate, openDatabase, type Store } from '../../src-main/db/connection';
import { LATEST_VERSION } from '../../src-main/db/migrations';
import { clearSalesFacts, fillSalesFacts, SALES_FACT_TABLES } from '../../src-main/db/salesFacts';
import type { DB } from '../../src-main/db/schema';
import { seededRandom } from '../../src-main/shared/statistics/random';
import { readChecksumFor, sha256OfFile } from '../../src-main/kernel/files';

/*
 * The crash campaign of issue 15 as code, shared by test/db/crash.test.ts (a fixed-seed slice)
 * and bench/crash.ts (the long run). A child process (crashChild.ts) lives the app's life through
 * its real services — migrate an older database, import a CSV, add sales, back up, restore — and
 * the parent SIGKILLs it at a seeded random moment inside a chosen operation, then checks the
 * database the way the next start would find it: it opens (finishing any migration, sweeping
 * leftovers), `integrity_check` is ok, `foreign_key_check` is empty, every import batch is whole
 * and every import is all or nothing, every acknowledged write is there (after a restore, what
 * the backup held), no temporary file survives the open, every backup matches its checksum, and
 * the sales fact tables equal a recomputation.
 */

export const OPERATIONS = ['migrate', 'import', 'sale', 'backup', 'restore'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface CrashOptions {
  seed: number;
  kills: number;
  /**
   * Stop starting children after this many milliseconds once `minKills` kills are done (the
   * slice in `npm test` on a busy machine: each child spends most of its life loading modules).
   */
  budgetMs?: number;
  minKills?: number;
  /** Kills on one database before starting again from the old-version template (the first is in its migration). */
  killsPerRound?: number;
  /** Sales of the old-version template (the migration's work) and rows of each imported file. */
  seedSales?: number;
  importRows?: number;
  /** Called after each try (progress for the long run). */
  onTry?: (result: TryResult, index: number) => void;
}

export interface TryResult {
  /** The operation that was aimed at. */
  target: Operation;
  /** The operation in progress when the kill landed ('between' when none was; 'none' when the child finished first). */
  killedIn: Operation | 'open' | 'between' | 'none';
  killed: boolean;
  failures: string[];
  rowsLost: number;
  /** Import batches the kill left half-written between two committed steps, taken back by the next open. */
  takenBack: number;
  /** Milliseconds spent waiting for the child to load (0 when the spare was ready), from then to its end, and of the checks. */
  ms: { ready: number; run: number; check: number };
}

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const TEMPLATE_VERSION = 8;

/** A version-8 database with `sales` sales (titled `seed <n>`) on 200 customers: what the child migrates. */
async function makeTemplate(file: string, sales: number): Promise<void> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db, 0, TEMPLATE_VERSION);
    sqlite.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
      INSERT INTO customers (id, name, name_key, created_at, updated_at)
        SELECT i, 'Seed ' || i, 'seed ' || i, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${sales})
      INSERT INTO sales (title, customer_id, amount_minor, currency, status, opened_on, closed_on, satisfaction, nps,
          created_at, updated_at)
        SELECT 'seed ' || i, 1 + i % 200, 100 * i, CASE WHEN i % 7 = 0 THEN 'USD' ELSE 'EUR' END,
          CASE i % 4 WHEN 0 THEN 'lost' WHEN 3 THEN 'open' ELSE 'won' END,
          date('2025-01-01', '+' || (i % 400) || ' days'),
          CASE WHEN i % 4 = 3 THEN NULL ELSE date('2025-01-01', '+' || (i % 400 + i % 9) || ' days') END,
          CASE WHEN i % 3 = 0 THEN 1 + i % 5 END, CASE WHEN i % 5 = 0 THEN i % 11 END,
          '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
        FROM n;`);
  } finally {
    await db.destroy();
  }
}

/**
 * Rows of each import: about 540 KB, so an import is written in three steps (one per 256 KiB
 * read) and a kill can land between two of them, where only the next open's takeback keeps the
 * import all or nothing.
 */
export const IMPORT_ROWS = 12_000;

/** A sales CSV of `rows` valid rows whose customers and deals are unique to `tag`. */
function importCsv(tag: string, rows: number): string {
  const lines = ['Date,Customer,Amount,Currency,Status,Deal ID'];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `2026-03-${String((i % 28) + 1).padStart(2, '0')},Imported ${tag}-${i % 40},${i}.25,EUR,${i % 3 ? 'won' : 'lost'},D-${tag}-${i}`,
    );
  return lines.join('\n') + '\n';
}

interface Child {
  lines: { text: string; at: number }[];
  killed: boolean;
  /** When it printed `ready` (its modules loaded). */
  ready: Promise<number>;
  exit: Promise<void>;
  /** Gives it its arguments and arms the kill: `delay()` ms after it prints `begin <target>`. */
  start(args: string[], target: Operation, delay: () => number): void;
  /** Ends a child that was never started. */
  discard(): void;
}

/**
 * Starts a child that loads its modules and waits for its arguments on stdin: the campaign
 * keeps one such spare loading while it checks the last kill (loading is most of a child's life).
 * Once started, it is SIGKILLed `delay()` ms after it prints `begin <target>` (when the target is
 * 'migrate', after its first begin, whichever it is).
 */
function spawnChild(): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['pipe', 'pipe', 'pipe'] });
  let markReady: (at: number) => void = () => {};
  let target: Operation | null = null;
  let delay = () => 0;
  const state: Child = {
    lines: [],
    killed: false,
    ready: new Promise((resolve) => (markReady = resolve)),
    exit: Promise.resolve(),
    start(args, aim, wait) {
      target = aim;
      delay = wait;
      child.stdin.end(`${args.join('\t')}\n`);
    },
    discard() {
      child.stdin.end();
    },
  };
  let buffer = '';
  let armed = false;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const at = performance.now();
      state.lines.push({ text, at });
      if (text === 'ready') markReady(at);
      const begins = text === `begin ${target}` || (target === 'migrate' && text.startsWith('begin '));
      if (!armed && begins) {
        armed = true;
        setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) {
            state.killed = true;
            child.kill('SIGKILL');
          }
        }, delay());
      }
    }
  });
  state.exit = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      markReady(performance.now());
      if (buffer) state.lines.push({ text: buffer, at: performance.now() });
      if (signal === null && code !== 0) state.lines.push({ text: `exit ${code} ${stderr.slice(-2000)}`, at: 0 });
      resolve();
    });
  });
  return state;
}

/** What the parent knows has been reported as saved, and what each acknowledged backup held. */
export interface Expected {
  sales: Set<string>;
  batches: Map<number, number>;
}
const copy = (e: Expected): Expected => ({ sales: new Set(e.sales), batches: new Map(e.batches) });

/** Sales titles and batches (id → rows) of the database. */
function contents(sqlite: Database.Database): { sales: Set<string>; batches: Map<number, number> } {
  const sales = new Set(
    sqlite.prepare('SELECT title FROM sales WHERE import_batch_id IS NULL').pluck().all() as string[],
  );
  const batches = new Map(
    (
      sqlite
        .prepare(
          `SELECT b.id, (SELECT count(*) FROM sales s WHERE s.import_batch_id = b.id) AS n FROM import_batches b
           WHERE b.undone_at IS NULL`,
        )
        .all() as { id: number; n: number }[]
    ).map((b) => [b.id, b.n]),
  );
  return { sales, batches };
}

/** What of `expected` the database lacks: the missing acknowledged sales and imported rows. */
function missing(expected: Expected, found: ReturnType<typeof contents>): { lost: number; what: string[] } {
  const what: string[] = [];
  let lost = 0;
  for (const title of expected.sales)
    if (!found.sales.has(title)) {
      lost++;
      if (what.length < 5) what.push(`sale ${title}`);
    }
  for (const [id, rows] of expected.batches) {
    const have = found.batches.get(id) ?? 0;
    if (have < rows) {
      lost += rows - have;
      if (what.length < 5) what.push(`batch ${id} (${have} of ${rows} rows)`);
    }
  }
  return { lost, what };
}

/** The sales fact tables as they are, and as a full recomputation (in a savepoint rolled back) makes them. */
export async function salesFactsDiffer(store: Store): Promise<string | null> {
  const rows = () =>
    JSON.stringify(
      SALES_FACT_TABLES.map(({ table, key }) =>
        store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${key.join(', ')}`).all(),
      ),
    );
  const deferred = store.sqlite.prepare('SELECT count(*) FROM sales_facts_deferred').pluck().get() as number;
  if (deferred > 0) return `${deferred} import batches still deferred in sales_facts_deferred`;
  const kept = rows();
  store.sqlite.exec('SAVEPOINT crash_recompute');
  let recomputed: string;
  try {
    await clearSalesFacts(store.db);
    await fillSalesFacts(store.db);
    recomputed = rows();
  } finally {
    store.sqlite.exec('ROLLBACK TO crash_recompute; RELEASE crash_recompute');
  }
  return kept === recomputed ? null : 'the sales fact tables differ from a recomputation';
}

/** Names our temporary writers use (kernel/files.ts tempPathFor, half-made snapshots): none may outlive an open. */
const LEFTOVER = /\.tmp(-journal|-wal|-shm)?$|\.bak-journal$/;

/**
 * The checks after a kill, on the database the next start finds: it opens (finishing a
 * migration, sweeping leftovers), is whole, holds every import batch whole (`rows` rows each)
 * and every acknowledged write of one of `expected` (a kill inside a restore leaves either the
 * database before or the backup), no leftover survives the open, every backup beside it matches
 * its checksum and the sales fact tables equal a recomputation. `found` is the one of `expected`
 * the database is closest to: what the next try starts from.
 */
export async function checkAfterKill(
  dbFile: string,
  expected: readonly Expected[],
  rows: number,
  killedIn: string,
): Promise<{ failures: string[]; rowsLost: number; found: Expected; takenBack: number }> {
  const failures: string[] = [];
  let rowsLost = 0;
  let closest = expected[0]!;
  const takenBack = runningBatches(dbFile);
  try {
    const store = await openDatabase(dbFile);
    try {
      const { sqlite } = store;
      const integrity = sqlite.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') failures.push(`integrity_check: ${String(integrity)}`);
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) failures.push(`foreign_key_check: ${JSON.stringify(broken.slice(0, 3))}`);
      const version = sqlite.pragma('user_version', { simple: true });
      if (version !== LATEST_VERSION) failures.push(`user_version ${String(version)} after opening`);
      const found = contents(sqlite);
      for (const [id, n] of found.batches)
        if (n !== rows) failures.push(`import batch ${id} holds ${n} of the file's ${rows} rows`);
      const strays = sqlite
        .prepare(
          `SELECT count(*) FROM sales WHERE import_batch_id IS NULL AND title NOT LIKE 'seed %' AND title NOT GLOB 's[0-9]*-[0-9]*'`,
        )
        .pluck()
        .get() as number;
      if (strays > 0) failures.push(`${strays} sales outside any batch that no one wrote`);
      const gaps = expected.map((e) => missing(e, found));
      const best = gaps.reduce((a, b) => (b.lost < a.lost ? b : a));
      closest = expected[gaps.indexOf(best)]!;
      if (best.lost > 0) {
        rowsLost = best.lost;
        failures.push(`acknowledged writes missing after a kill in ${killedIn}: ${best.what.join(', ')}`);
      }
      const facts = await salesFactsDiffer(store);
      if (facts) failures.push(facts);
    } finally {
      await store.close();
    }
  } catch (error) {
    failures.push(`the database does not open: ${(error as Error).message}`);
  }
  // Beside the database, and in its automatic backups' folder (the copies restores keep aside,
  // the snapshots before migrations and imports).
  const folder = backupsFolder(dbFile);
  const inFolder = existsSync(folder) ? readdirSync(folder).map((name) => join(folder, name)) : [];
  const files = [...readdirSync(dirname(dbFile)).map((name) => join(dirname(dbFile), name)), ...inFolder];
  const left = files.filter((file) => LEFTOVER.test(file));
  if (left.length > 0) failures.push(`leftovers after opening: ${left.map((file) => basename(file)).join(', ')}`);
  for (const file of files.filter((f) => /\.backup-\d+\.sqlite$|\.backups\/[^/]+\.sqlite$/.test(f))) {
    const name = basename(file);
    const sum = await readChecksumFor(file);
    if (sum !== null && sum !== (await sha256OfFile(file))) failures.push(`${name} does not match its checksum`);
  }
  return { failures, rowsLost, found: closest, takenBack };
}

/** Import batches marked as still being written, read as the kill left the file (0 before migration 0013). */
function runningBatches(dbFile: string): number {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
    return sqlite.prepare('SELECT count(*) FROM import_batches WHERE running_pid IS NOT NULL').pluck().get() as number;
  } catch {
    return 0;
  } finally {
    sqlite?.close();
  }
}

/**
 * Runs the campaign: `kills` SIGKILLs at seeded random moments, each checked before the next
 * child starts. Returns one result per try (a try whose child finished before the kill counts
 * as a try that was not a kill, and another is made).
 */
export async function crashCampaign(options: CrashOptions): Promise<TryResult[]> {
  const random = seededRandom(options.seed);
  const perRound = options.killsPerRound ?? 5;
  const root = mkdtempSync(join(tmpdir(), 'rapport-crash-'));
  const results: TryResult[] = [];
  let spare: Child | null = null;
  // How long each operation took when it was last seen whole: kills are spread over that time.
  const took: Record<string, number> = { migrate: 1500, open: 300, import: 800, sale: 40, backup: 300, restore: 600 };
  try {
    const template = join(root, 'template.sqlite');
    await makeTemplate(template, options.seedSales ?? 5000);
    const seedTitles = Array.from({ length: options.seedSales ?? 5000 }, (_, i) => `seed ${i + 1}`);
    let kills = 0;
    let round = -1;
    let dir = '';
    let expected: Expected = { sales: new Set(), batches: new Map() };
    let inRound = perRound;
    const backups = new Map<string, Expected>();
    // A round aims its first kill at the migration, the next four at the others in a seeded order.
    let order: Operation[] = [];
    const started = performance.now();
    const overBudget = () =>
      options.budgetMs !== undefined &&
      kills >= (options.minKills ?? 0) &&
      performance.now() - started > options.budgetMs;
    while (kills < options.kills && results.length < options.kills * 3 && !overBudget()) {
      if (inRound >= perRound) {
        round++;
        inRound = 0;
        dir = join(root, `round-${round}`);
        mkdirSync(dir);
        copyFileSync(template, join(dir, 'rapport.sqlite'));
        expected = { sales: new Set(seedTitles), batches: new Map() };
        backups.clear();
        const rest: Operation[] = ['import', 'sale', 'backup', 'restore'];
        order = ['migrate'];
        while (rest.length > 0) order.push(rest.splice(Math.floor(random() * rest.length), 1)[0]!);
      }
      const dbFile = join(dir, 'rapport.sqlite');
      const tag = String(results.length + 1);
      const rows = options.importRows ?? IMPORT_ROWS;
      const csv = join(dir, `import-${tag}.csv`);
      writeFileSync(csv, importCsv(tag, rows));
      // Next to the database, named after it: where the sweep at start looks (kernel/files.ts).
      const backupFile = `${dbFile}.backup-${tag}.sqlite`;
      const target: Operation = order[inRound % order.length]!;
      const fraction = random();
      const child = spare ?? spawnChild();
      const waited = performance.now();
      const ready = await child.ready;
      child.start([dbFile, csv, backupFile, tag], target, () => fraction * took[target]! * 1.2);
      spare = spawnChild();
      await child.exit;
      const ended = performance.now();

      // Replay what the child said: acks update what must be there; the last begin without its ack is where it died.
      const failures: string[] = [];
      let inProgress: { op: string; at: number } | null = null;
      for (const { text, at } of child.lines) {
        const [word, op, arg] = text.split(' ');
        if (word === 'begin') inProgress = { op: op!, at };
        else if (word === 'ack' && inProgress) {
          const name = inProgress.op === 'migrate' ? 'migrate' : op!;
          took[name] = Math.max(at - inProgress.at, took[name] === undefined ? 0 : took[name]! * 0.8);
          inProgress = null;
          if (op === 'sale') expected.sales.add(arg!);
          else if (op === 'import' && arg !== 'null') expected.batches.set(Number(arg), rows);
          else if (op === 'backup') backups.set(arg!, copy(expected));
          else if (op === 'restore') expected = copy(backups.get(arg!)!);
        } else if (word === 'error' || word === 'exit') failures.push(`child failed: ${text}`);
      }
      const killedIn: TryResult['killedIn'] = !child.killed
        ? 'none'
        : ((inProgress?.op as TryResult['killedIn'] | undefined) ?? 'between');
      // Killed inside a restore: the database is either the one before or the backup.
      const alternatives = [expected];
      if (killedIn === 'restore') alternatives.push(copy(backups.get(backupFile) ?? expected));

      const checked = await checkAfterKill(dbFile, alternatives, rows, killedIn);
      failures.push(...checked.failures);
      // A restore killed after its swap left the backup's state: the next tries start from it.
      expected = checked.found;
      const rowsLost = checked.rowsLost;

      const began = Math.max(ready, waited);
      const ms = { ready: began - waited, run: ended - began, check: performance.now() - ended };
      const result: TryResult = {
        target,
        killedIn,
        killed: child.killed,
        failures,
        rowsLost,
        takenBack: checked.takenBack,
        ms,
      };
      results.push(result);
      options.onTry?.(result, results.length);
      if (child.killed) {
        kills++;
        inRound++;
      }
    }
    return results;
  } finally {
    if (spare) {
      spare.discard();
      await spare.exit;
    }
    rmSync(root, { recursive: true, force: true });
  }
}

/** The campaign's table: per operation killed in, the tries, the failures and the rows lost. */
export function crashTable(results: readonly TryResult[]): string {
  type Row = { tries: number; failures: number; lost: number; takenBack: number };
  const rows = new Map<string, Row>();
  for (const r of results.filter((r) => r.killed)) {
    const row = rows.get(r.killedIn) ?? { tries: 0, failures: 0, lost: 0, takenBack: 0 };
    row.tries++;
    if (r.failures.length > 0) row.failures++;
    row.lost += r.rowsLost;
    row.takenBack += r.takenBack;
    rows.set(r.killedIn, row);
  }
  const order = [...OPERATIONS, 'open', 'between'];
  const lines = [
    '| operation killed in | tries | failures | rows lost | half-written imports taken back at open |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  const total: Row = { tries: 0, failures: 0, lost: 0, takenBack: 0 };
  for (const op of order) {
    const row = rows.get(op);
    if (!row) continue;
    lines.push(`| ${op} | ${row.tries} | ${row.failures} | ${row.lost} | ${row.takenBack} |`);
    total.tries += row.tries;
    total.failures += row.failures;
    total.lost += row.lost;
    total.takenBack += row.takenBack;
  }
  lines.push(`| all | ${total.tries} | ${total.failures} | ${total.lost} | ${total.takenBack} |`);
  return lines.join('\n');
}
