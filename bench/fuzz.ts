/**
 * Importer fuzzing's long run (issue 15): FUZZ_RUNS files (2,000 by default) per importer, made
 * from the hostile corpus by test/helpers/fuzz.ts's mutations and held to the same promises as
 * the slice in `npm test`. Prints a markdown table (importer, files, refused, imported, nothing
 * written, failures) and every failure with the file it kept (add it to test/fixtures/hostile/
 * as `found-…`); exits 1 when there was one.
 *
 *   npm run bench:fuzz            (FUZZ_RUNS=2000 FUZZ_SEED=1 FUZZ_ONLY=<importer name> optional)
 */
import fc from 'fast-check';
import { FUZZ_TARGETS, FuzzFailure, fuzzCase, fuzzEnv, fuzzOne, seedsOf } from '../test/helpers/fuzz';

async function main(): Promise<void> {
  const runs = Number(process.env.FUZZ_RUNS ?? 2000);
  const seed = Number(process.env.FUZZ_SEED ?? 1);
  const only = process.env.FUZZ_ONLY;
  const lines = [
    '| importer | files | refused | imported | nothing written | failures | seconds |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  let failed = 0;
  for (const target of FUZZ_TARGETS.filter((t) => !only || t.name === only)) {
    const env = await fuzzEnv();
    const started = performance.now();
    const { seeds, bytes } = seedsOf(target, env);
    const counts = { refused: 0, imported: 0, nothing: 0, failures: 0 };
    const cases = fc.sample(fuzzCase, { seed, numRuns: runs });
    try {
      for (const [i, c] of cases.entries()) {
        try {
          counts[await fuzzOne(env, target, seeds, bytes, c, i + 1)]++;
        } catch (error) {
          counts.failures++;
          console.log(error instanceof FuzzFailure ? error.message : `${target.name}: ${(error as Error).stack}`);
        }
      }
    } finally {
      // A failure's file is named in its message and kept only until here: copy it before the run ends.
      if (counts.failures === 0) await env.close();
      else console.log(`${target.name}: failing files kept in ${env.dir}`);
    }
    failed += counts.failures;
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    lines.push(
      `| ${target.name} | ${runs} | ${counts.refused} | ${counts.imported} | ${counts.nothing} | ${counts.failures} | ${seconds} |`,
    );
    console.error(`${target.name} done in ${seconds} s`);
  }
  console.log(`\nseed ${seed}\n\n${lines.join('\n')}`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
