/**
 * The crash campaign's long run (issue 15): 300 SIGKILLs (CRASH_KILLS) of a child that migrates,
 * imports, adds sales, backs up and restores through the real services, each kill followed by
 * the checks of test/helpers/crash.ts. Prints a markdown table (operation the kill landed in,
 * tries, failures, rows lost, half-written imports the next open took back) and every failure;
 * exits 1 when there was one.
 *
 *   npm run bench:crash            (CRASH_KILLS=300 CRASH_SEED=1 by default)
 */
import { crashCampaign, crashTable } from '../test/helpers/crash';

async function main(): Promise<void> {
  const kills = Number(process.env.CRASH_KILLS ?? 300);
  const seed = Number(process.env.CRASH_SEED ?? 1);
  const started = performance.now();
  const results = await crashCampaign({
    seed,
    kills,
    onTry: (result, index) => {
      if (result.failures.length > 0)
        console.log(
          `try ${index} (aimed at ${result.target}, killed in ${result.killedIn}): ${result.failures.join('; ')}`,
        );
      if (index % 10 === 0) console.error(`${index} tries, ${Math.round((performance.now() - started) / 1000)} s`);
    },
  });
  const killed = results.filter((r) => r.killed);
  const mean = (pick: (r: (typeof results)[number]) => number) =>
    Math.round(results.reduce((sum, r) => sum + pick(r), 0) / Math.max(results.length, 1));
  console.log(
    `\nseed ${seed}: ${killed.length} kills in ${results.length} tries, ${Math.round((performance.now() - started) / 1000)} s`,
  );
  console.log(
    `per try: child start ${mean((r) => r.ms.ready)} ms, run ${mean((r) => r.ms.run)} ms, checks ${mean((r) => r.ms.check)} ms\n`,
  );
  console.log(crashTable(results));
  if (results.some((r) => r.failures.length > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
