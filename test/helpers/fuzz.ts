import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { openDatabase, type Store } from '../../src-main/db/connection';
import { runImport } from '../../src-main/features/imports/engine';
import { ImportFileError } from '../../src-main/features/imports/issues';
import { rejectedPath } from '../../src-main/features/imports/rejected';
import { importHighlights, type HighlightSource } from '../../src-main/features/library/highlights/service';
import { importFiles } from '../../src-main/features/library/fileImport';
import { DEFAULT_LIMITS } from '../../src-main/features/library/readers/types';
import { libraryFolder } from '../../src-main/features/library/storage';
import { reportJson } from '../../src-main/features/reports/json';
import { AppError } from '../../src-main/kernel/errors';
import type { Handlers } from '../../src-main/kernel/handlers';
import { reportDoc } from '../renderer/coach/document';
import { contentHash } from '../imports/helpers';
import { salesFactsDiffer } from './crash';
import { FIXED_NOW, testHandlers } from './store';

/*
 * Importer fuzzing (issue 15), shared by test/imports/fuzz.test.ts (fixed-seed slices) and
 * bench/fuzz.ts (the long run). Every importer the app has — the CSV pipeline (sales and
 * customers), Kindle clippings, Goodreads and Readwise exports, the library's EPUB/PDF/media/
 * notes readers and the coach's report files — gets files made from a seed corpus of hostile
 * files (test/fixtures/hostile/, and test/fixtures/library/'s) by byte flips, truncations,
 * splices of another seed, deletions and repeats. Whatever the file, the importer must answer
 * with an AppError whose message is a catalogue key (or the pipeline's worded ImportFileError,
 * its documented refusal) or with a result; within a time bound; and when it refuses, the
 * database (and the library folder) must be exactly as before. What it does import must leave
 * the database consistent (integrity, foreign keys, the sales fact tables).
 */

const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));
const LIBRARY = fileURLToPath(new URL('../fixtures/library/', import.meta.url));

const hostile = (prefix: string): string[] =>
  readdirSync(HOSTILE)
    .filter((n) => n.startsWith(prefix) || n.startsWith(`found-${prefix}`))
    .sort()
    .map((n) => join(HOSTILE, n));
const library = (test: (name: string) => boolean): string[] =>
  readdirSync(LIBRARY)
    .filter(test)
    .sort()
    .map((n) => join(LIBRARY, n));

/** A refusal the contract allows: an AppError worded by key, or the import pipeline's ImportFileError. */
const KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;
export const isRefusal = (error: unknown): boolean =>
  error instanceof ImportFileError || (error instanceof AppError && KEY.test(error.message));

/** A broken promise of an importer, with the file that broke it kept for the corpus. */
export class FuzzFailure extends Error {
  constructor(
    readonly target: string,
    readonly file: string,
    what: string,
  ) {
    super(`${target}: ${what} (file kept at ${file})`);
    this.name = 'FuzzFailure';
  }
}

export interface FuzzEnv {
  store: Store;
  handlers: Handlers;
  dir: string;
  close(): Promise<void>;
}

/** A fresh database in a temp folder (its library folder beside it), with the fixed clock. */
export async function fuzzEnv(): Promise<FuzzEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-fuzz-'));
  const store = await openDatabase(join(dir, 'rapport.sqlite'), { now: () => FIXED_NOW });
  mkdirSync(libraryFolder(store.file), { recursive: true });
  return {
    store,
    handlers: testHandlers(store),
    dir,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Outcome = 'refused' | 'imported' | 'nothing';

export interface FuzzTarget {
  name: string;
  /** The seed files; `dir` is the run's folder, for seeds made on the spot. */
  seeds: (dir: string) => string[];
  /** Runs the importer on `path` and checks it kept its promises; throws FuzzFailure when not. */
  run(env: FuzzEnv, path: string, skipInvalid: boolean): Promise<Outcome>;
}

/** How long one file may take; a reader over it is a hang. */
export const BOUND_MS = 20_000;

async function bounded<T>(target: string, path: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FuzzFailure(target, path, `still running after ${BOUND_MS} ms`)), BOUND_MS);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function consistent(env: FuzzEnv, target: string, path: string): Promise<void> {
  const { sqlite } = env.store;
  const fail = (what: string) => new FuzzFailure(target, path, what);
  if (sqlite.pragma('quick_check', { simple: true }) !== 'ok') throw fail('quick_check failed after an import');
  const broken = sqlite.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw fail(`foreign keys broken after an import: ${JSON.stringify(broken[0])}`);
  return salesFactsDiffer(env.store).then((differ) => {
    if (differ) throw fail(differ);
  });
}

/**
 * Runs `work` and holds it to the contract: a refusal (checked by `refusal`) leaves the database
 * as it was; anything else thrown is a failure; a result goes to `check`.
 */
export async function held<T>(
  env: FuzzEnv,
  target: string,
  path: string,
  work: () => Promise<T>,
  check: (result: T, unchanged: boolean) => Promise<Outcome> | Outcome,
): Promise<Outcome> {
  const before = contentHash(env.store.sqlite);
  let result: T;
  try {
    result = await bounded(target, path, work());
  } catch (error) {
    if (error instanceof FuzzFailure) throw error;
    if (!isRefusal(error))
      throw new FuzzFailure(target, path, `threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
    if (env.store.sqlite.inTransaction) throw new FuzzFailure(target, path, 'left a transaction open');
    if (contentHash(env.store.sqlite) !== before) throw new FuzzFailure(target, path, 'refused, but wrote');
    return 'refused';
  }
  if (env.store.sqlite.inTransaction) throw new FuzzFailure(target, path, 'left a transaction open');
  return check(result, contentHash(env.store.sqlite) === before);
}

const csvTarget = (kind: 'sales' | 'customers'): FuzzTarget => ({
  name: `csv ${kind}`,
  seeds: () => [...hostile('csv-'), ...library((n) => n.endsWith('.csv'))],
  run: (env, path, skipInvalid) =>
    held(
      env,
      `csv ${kind}`,
      path,
      () =>
        runImport(env.store, {
          path,
          kind,
          options: {},
          skipInvalid,
          dryRun: false,
          defaultCurrency: 'EUR',
          now: FIXED_NOW,
        }),
      async (result, unchanged) => {
        const fail = (what: string) => new FuzzFailure(`csv ${kind}`, path, what);
        // Without skipInvalid one bad row means nothing written; with it, the good rows are.
        if ((result.error_count > 0 && !skipInvalid) || result.inserted === 0) {
          if (!unchanged)
            throw fail(`wrote although it reported ${result.inserted} rows inserted and ${result.error_count} errors`);
          if (result.batch_id !== null) throw fail('reported a batch for an import that wrote nothing');
          return 'nothing';
        }
        const table = kind === 'sales' ? 'sales' : 'customers';
        const rows = env.store.sqlite
          .prepare(`SELECT count(*) FROM ${table} WHERE import_batch_id = ?`)
          .pluck()
          .get(result.batch_id) as number;
        const expected = kind === 'sales' ? result.inserted : result.customers_created;
        if (rows !== expected) throw fail(`batch ${result.batch_id} holds ${rows} rows; the result says ${expected}`);
        await consistent(env, `csv ${kind}`, path);
        return 'imported';
      },
    ),
});

const highlightsTarget = (source: HighlightSource, seeds: () => string[]): FuzzTarget => ({
  name: source,
  seeds,
  run: (env, path) =>
    held(
      env,
      source,
      path,
      () => importHighlights(env.store, { source, path }, FIXED_NOW),
      async (_, unchanged) => {
        if (unchanged) return 'nothing';
        await consistent(env, source, path);
        return 'imported';
      },
    ),
});

const libraryTarget: FuzzTarget = {
  name: 'library files',
  seeds: () => library((n) => /^(epub|pdf|media|notes)-/.test(n)),
  run: async (env, path) => {
    const folder = libraryFolder(env.store.file);
    const filesBefore = readdirSync(folder).sort().join('\n');
    return held(
      env,
      'library files',
      path,
      () =>
        importFiles(env.store, {
          paths: [path],
          link: false,
          onDuplicate: 'keep_both',
          folder,
          now: FIXED_NOW,
          limits: { ...DEFAULT_LIMITS, timeoutMs: 10_000 },
        }),
      async (result, unchanged) => {
        const fail = (what: string) => new FuzzFailure('library files', path, what);
        if (result.results.length !== 1) throw fail(`${result.results.length} result lines for one file`);
        const [line] = result.results;
        if (line!.status === 'error') {
          if (!line!.reason || !KEY.test(line!.reason)) throw fail(`an error without a message key: ${line!.reason}`);
          if (!unchanged) throw fail('refused the file, but wrote to the database');
          if (readdirSync(folder).sort().join('\n') !== filesBefore) throw fail('refused the file, but kept a copy');
          return 'refused';
        }
        await consistent(env, 'library files', path);
        return 'imported';
      },
    );
  },
};

const coachTarget: FuzzTarget = {
  name: 'coach reports',
  seeds: (dir) => {
    // A report as this version writes it (its digest right), made here so it never goes stale.
    const file = join(dir, 'report-sara.json');
    writeFileSync(file, reportJson(reportDoc('Sara')));
    return [file, ...hostile('coach-')];
  },
  run: (env, path) =>
    held(
      env,
      'coach reports',
      path,
      () => env.handlers['coach.open']({ path }),
      () => 'imported',
    ),
};

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  csvTarget('sales'),
  csvTarget('customers'),
  highlightsTarget('kindle', () => [...hostile('kindle-'), ...library((n) => n.startsWith('clippings-'))]),
  highlightsTarget('goodreads', () => [...hostile('goodreads-'), ...library((n) => n.startsWith('goodreads-'))]),
  highlightsTarget('readwise', () => [...hostile('readwise-'), ...library((n) => n.startsWith('readwise-'))]),
  libraryTarget,
  coachTarget,
];

export type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; other: number; from: number; length: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat({ max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('splice' as const),
      at: fc.nat(),
      other: fc.nat(),
      from: fc.nat(),
      length: fc.nat({ max: 4096 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 512 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('repeat' as const),
      at: fc.nat(),
      length: fc.nat({ max: 256 }),
      times: fc.integer({ min: 2, max: 64 }),
    }),
  },
);

/** One fuzz case: a seed of the target (by index), its mutations (none: the seed as it is) and the skip-invalid switch. */
export const fuzzCase = fc.record({
  seed: fc.nat(),
  mutations: fc.array(mutation, { maxLength: 4 }),
  skipInvalid: fc.boolean(),
});
export type FuzzCase = typeof fuzzCase extends fc.Arbitrary<infer C> ? C : never;

export function mutate(bytes: Buffer, mutations: readonly Mutation[], others: readonly Buffer[]): Buffer {
  let b = bytes;
  const pos = (at: number) => (b.length === 0 ? 0 : at % (b.length + 1));
  for (const m of mutations) {
    const at = pos(m.at);
    if (m.kind === 'flip') {
      if (b.length === 0) continue;
      b = Buffer.from(b);
      b[at % b.length] = m.byte;
    } else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else if (m.kind === 'repeat')
      b = Buffer.concat([b.subarray(0, at), ...Array(m.times).fill(b.subarray(at, at + m.length)), b.subarray(at)]);
    else {
      const other = others[m.other % others.length]!;
      const from = other.length === 0 ? 0 : m.from % other.length;
      b = Buffer.concat([b.subarray(0, at), other.subarray(from, from + m.length), b.subarray(at)]);
    }
  }
  return b;
}

/**
 * Writes the case's file into `env`'s folder (named like its seed, so readers chosen by
 * extension still apply) and runs the target on it. A file that passed is removed; one that
 * broke a promise stays for the corpus (FuzzFailure names it).
 */
export async function fuzzOne(
  env: FuzzEnv,
  target: FuzzTarget,
  seeds: readonly string[],
  seedBytes: readonly Buffer[],
  c: FuzzCase,
  n: number,
): Promise<Outcome> {
  const index = c.seed % seeds.length;
  const seed = seeds[index]!;
  const dir = join(env.dir, 'cases');
  mkdirSync(dir, { recursive: true });
  const name = `${n}-${basename(seed, extname(seed))}${extname(seed)}`;
  const path = join(dir, name);
  writeFileSync(path, mutate(seedBytes[index]!, c.mutations, seedBytes));
  const outcome = await target.run(env, path, c.skipInvalid);
  rmSync(path, { force: true });
  rmSync(rejectedPath(path), { force: true });
  return outcome;
}

/** The seeds of `target` and their bytes. */
export function seedsOf(target: FuzzTarget, env: FuzzEnv): { seeds: string[]; bytes: Buffer[] } {
  const seeds = target.seeds(env.dir);
  return { seeds, bytes: seeds.map((s) => readFileSync(s)) };
}
