#!/usr/bin/env node
// Runs the bundled CLI (out/cli/main.js, built by `npm run build` / `npm run build:cli`)
// on plain Node. Kept tiny and dependency-free so it can explain a missing build.
// CommonJS (bin/package.json): Node starts a CommonJS file without first setting up its
// ES module loader, a few milliseconds of `rapport --version` that the CLI's import below pays
// only when a command runs. Built-ins through process.getBuiltinModule, the main side's way.
const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');
const { pathToFileURL } = process.getBuiltinModule('node:url');

// `rapport --version` is asked by scripts and installers, often: answered from package.json
// (the same version the build writes into the CLI) without loading the CLI's code at all.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

const entry = join(__dirname, '..', 'out', 'cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('rapport: the command-line tool has not been built yet (out/cli/main.js is missing).\n');
  process.stderr.write('Run "npm run build" (or "npm run build:cli") first.\n');
  process.exit(1);
}
// RAPPORT_DEBUG prints a failure's stack: through the build's source maps, it names the sources.
if (process.env.RAPPORT_DEBUG) process.setSourceMapsEnabled(true);
import(pathToFileURL(entry).href).then(async ({ run }) => {
  process.exitCode = await run(args);
});
