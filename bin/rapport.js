#!/usr/bin/env node
// Runs the bundled CLI (out/cli/main.js, built by `npm run build` / `npm run build:cli`)
// on plain Node. Kept tiny and dependency-free so it can explain a missing build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('rapport: the command-line tool has not been built yet (out/cli/main.js is missing).\n');
  process.stderr.write('Run "npm run build" (or "npm run build:cli") first.\n');
  process.exit(1);
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
