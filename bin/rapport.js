#!/usr/bin/env node
// Runs the bundled CLI (out/cli/main.js, built by `npm run build` / `npm run build:cli`)
// on plain Node. Kept tiny and dependency-free so it can explain a missing build.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `rapport --version` is asked by scripts and installers, often: answered from package.json
// (the same version the build writes into the CLI) without loading the CLI's code at all.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

const entry = new URL('../out/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('rapport: the command-line tool has not been built yet (out/cli/main.js is missing).\n');
  process.stderr.write('Run "npm run build" (or "npm run build:cli") first.\n');
  process.exit(1);
}
// RAPPORT_DEBUG prints a failure's stack: through the build's source maps, it names the sources.
if (process.env.RAPPORT_DEBUG) process.setSourceMapsEnabled(true);
const { run } = await import(entry.href);
process.exitCode = await run(args);
