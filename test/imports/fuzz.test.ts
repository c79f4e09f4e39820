import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportFileError } from '../../src-main/features/imports/issues';
import { AppError } from '../../src-main/kernel/errors';
import {
  FUZZ_TARGETS,
  fuzzCase,
  fuzzEnv,
  fuzzOne,
  held,
  mutate,
  seedsOf,
  type FuzzCase,
  type FuzzEnv,
  type Outcome,
} from '../helpers/fuzz';

/**
 * Importer fuzzing (issue 15), a fixed-seed slice per importer: files made from the hostile
 * corpus (test/fixtures/hostile/, test/fixtures/library/) by byte flips, truncations, splices,
 * deletions and repeats. Each importer refuses with a keyed AppError (or the pipeline's worded
 * refusal) writing nothing, or imports consistently, in bounded time (test/helpers/fuzz.ts has
 * the checks). The long run is `npm run bench:fuzz`.
 */

/** Runs per importer: the slower readers (PDF, media) get fewer. */
const RUNS: Record<string, number> = {
  'csv sales': 100,
  'csv customers': 50,
  kindle: 50,
  goodreads: 50,
  readwise: 50,
  'library files': 40,
  'coach reports': 80,
};

let env: FuzzEnv;
beforeAll(async () => {
  env = await fuzzEnv();
});
afterAll(() => env.close());

describe.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))('fuzzing %s', (name, target) => {
  it('refuses with a keyed error and writes nothing, or imports consistently, in bounded time', async () => {
    const { seeds, bytes } = seedsOf(target, env);
    expect(seeds.length).toBeGreaterThan(0);
    const outcomes: Outcome[] = [];
    let n = 0;
    // The seeds as they are first (no mutation), then mutated ones.
    const examples = seeds.map((_, seed): [FuzzCase] => [{ seed, mutations: [], skipInvalid: false }]);
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        outcomes.push(await fuzzOne(env, target, seeds, bytes, c, ++n));
      }),
      { seed: 20261204, numRuns: RUNS[name] ?? 60, examples, endOnFailure: true },
    );
    // Hostile files get refused; the corpus also holds files each importer takes.
    expect(outcomes).toContain('refused');
  }, 120_000);
});

describe('the fuzzing checks', () => {
  const path = 'case.csv';
  const write = () => env.store.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('fuzz', '1')").run();
  const unchanged = () => 'nothing' as const;

  it('catch an importer that throws a raw error, refuses after writing, or answers without a key', async () => {
    await expect(
      held(env, 'raw', path, () => Promise.reject(new TypeError('x is undefined')), unchanged),
    ).rejects.toThrow(/raw: threw TypeError: x is undefined/);
    await expect(
      held(env, 'worded', path, () => Promise.reject(new AppError('invalid_input', 'Something broke.')), unchanged),
    ).rejects.toThrow(/worded: threw AppError/);
    await expect(
      held(
        env,
        'wrote',
        path,
        async () => {
          write();
          throw new AppError('invalid_input', 'import.fileErrors.noRows');
        },
        unchanged,
      ),
    ).rejects.toThrow(/wrote: refused, but wrote/);
    env.store.sqlite.prepare("DELETE FROM settings WHERE key = 'fuzz'").run();
  });

  it('take a keyed refusal that writes nothing, and the pipeline worded refusal', async () => {
    await expect(
      held(env, 'keyed', path, () => Promise.reject(new AppError('invalid_input', 'coach.refused.notJson')), unchanged),
    ).resolves.toBe('refused');
    await expect(
      held(env, 'file', path, () => Promise.reject(ImportFileError.of('noRows', { name: 'x.csv' })), unchanged),
    ).resolves.toBe('refused');
  });

  it('mutate by flips, truncations, splices, deletions and repeats within the bytes given', () => {
    const a = Buffer.from('abcdef');
    const b = Buffer.from('XYZ');
    expect(mutate(a, [{ kind: 'flip', at: 1, byte: 0x21 }], [b]).toString()).toBe('a!cdef');
    expect(mutate(a, [{ kind: 'truncate', at: 3 }], [b]).toString()).toBe('abc');
    expect(mutate(a, [{ kind: 'splice', at: 2, other: 0, from: 1, length: 5 }], [b]).toString()).toBe('abYZcdef');
    expect(mutate(a, [{ kind: 'delete', at: 1, length: 2 }], [b]).toString()).toBe('adef');
    expect(mutate(a, [{ kind: 'repeat', at: 4, length: 1, times: 3 }], [b]).toString()).toBe('abcdeeeef');
    expect(mutate(Buffer.alloc(0), [{ kind: 'flip', at: 7, byte: 1 }], [b])).toEqual(Buffer.alloc(0));
  });
});
