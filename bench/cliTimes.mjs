/**
 * Times `node bin/rapport.js <args>` as a seller's shell runs it, each run a whole process
 * from Node's start to its exit, after one untimed run (bench/scale.ts's CLI rows).
 *
 * Run from this small process, not from the bench's own: forking a process of several hundred
 * MiB (the bench's, after the screens at 1,000,000 sales) took 100–300 ms on this machine
 * before the CLI's first instruction, more than the CLI's whole start, and no shell pays that.
 *
 * Usage: node bench/cliTimes.mjs <runs> <args…>. Prints {"wall":[ms, …]}; a run that fails
 * ends this one with its stderr and exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [runs, ...args] = process.argv.slice(2);
const bin = join(import.meta.dirname, '..', 'bin', 'rapport.js');
const wall = [];
for (let i = 0; i <= Number(runs); i++) {
  const start = performance.now();
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0) {
    process.stderr.write(`rapport ${args.join(' ')} failed: ${run.stderr}`);
    process.exit(1);
  }
  if (i > 0) wall.push(ms);
}
process.stdout.write(JSON.stringify({ wall }));
