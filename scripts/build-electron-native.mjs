#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into `.electron-native/better_sqlite3.node`.
 *
 * Why not `electron-rebuild`: it rebuilds node_modules/better-sqlite3 in place, after which
 * plain Node (tests, CLI, browser preview) can no longer load it. Here the package is copied
 * to a temporary folder and built there, so node_modules keeps its Node-ABI binary and the
 * app loads this one through openDatabase's `nativeBinding` option.
 *
 * First tries a prebuilt binary (better-sqlite3's own prebuild-install, as its install
 * script does), then compiles with node-gyp against Electron's headers. Idempotent: a stamp
 * records which Electron / better-sqlite3 / platform / arch the binary is for, and nothing
 * is done while it matches. Options: --force, --out-dir <dir>, --arch <arch>.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const BINARY = 'better_sqlite3.node';
const HEADERS_URL = 'https://electronjs.org/headers';

const { values } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
    arch: { type: 'string' },
  },
});
const outDir = resolve(values['out-dir'] ?? join(root, '.electron-native'));
const binaryPath = join(outDir, BINARY);
const stampPath = join(outDir, 'stamp.json');

const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
const wanted = {
  electron: readJson(require.resolve('electron/package.json')).version,
  betterSqlite3: readJson(join(packageDir, 'package.json')).version,
  platform: process.platform,
  arch: values.arch ?? process.arch,
};

if (!values.force && existsSync(binaryPath) && sameStamp(readStamp(), wanted)) {
  console.log(
    `better-sqlite3 for Electron ${wanted.electron} is up to date (${relative(root, binaryPath) || binaryPath}).`,
  );
  process.exit(0);
}

console.log(
  `Building better-sqlite3 ${wanted.betterSqlite3} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch})…`,
);
const work = mkdtempSync(join(tmpdir(), 'rapport-native-'));
try {
  const copy = join(work, 'better-sqlite3');
  // Sources only: a stale build/ (Node's ABI) must not be mistaken for the result.
  cpSync(packageDir, copy, {
    recursive: true,
    filter: (source) => {
      const rel = relative(packageDir, source);
      return !(
        rel === 'build' ||
        rel.startsWith(`build${sep}`) ||
        rel === 'node_modules' ||
        rel.startsWith(`node_modules${sep}`)
      );
    },
  });
  const built = join(copy, 'build', 'Release', BINARY);
  if (!tryPrebuilt(copy) || !existsSync(built)) {
    console.log('No prebuilt binary available; compiling with node-gyp against Electron headers.');
    compile(copy);
  }
  if (!existsSync(built)) throw new Error(`the build finished but produced no ${BINARY}`);

  mkdirSync(outDir, { recursive: true });
  // Copy then rename: a concurrent `npm start` never sees half a binary.
  const temp = `${binaryPath}.${process.pid}.tmp`;
  cpSync(built, temp);
  renameSync(temp, binaryPath);
  writeFileSync(stampPath, `${JSON.stringify(wanted, null, 2)}\n`);
  console.log(`Wrote ${binaryPath}`);
} catch (error) {
  console.error(
    `Could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : String(error)}`,
  );
  console.error(
    'A prebuilt binary needs access to github.com; compiling needs electronjs.org headers and a C++ toolchain (python3, make, g++ / MSVC / Xcode).',
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

function tryPrebuilt(cwd) {
  let bin;
  try {
    // better-sqlite3's own dependency, so the version matches what its install script uses.
    bin = createRequire(join(packageDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return false;
  }
  const result = spawnSync(
    process.execPath,
    [
      bin,
      '--runtime',
      'electron',
      '--target',
      wanted.electron,
      '--arch',
      wanted.arch,
      '--platform',
      wanted.platform,
      '--verbose',
    ],
    { cwd, stdio: 'inherit', timeout: 5 * 60_000 },
  );
  return result.status === 0;
}

function compile(cwd) {
  const bin = process.env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [bin, 'rebuild', '--release', `--target=${wanted.electron}`, `--arch=${wanted.arch}`, `--dist-url=${HEADERS_URL}`],
    {
      cwd,
      stdio: 'inherit',
      timeout: 30 * 60_000,
      env: {
        ...process.env,
        npm_config_runtime: 'electron',
        npm_config_target: wanted.electron,
        npm_config_disturl: HEADERS_URL,
      },
    },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`node-gyp exited with ${result.status}`);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function readStamp() {
  try {
    return readJson(stampPath);
  } catch {
    return null;
  }
}

function sameStamp(stamp, expected) {
  return stamp !== null && Object.keys(expected).every((key) => stamp[key] === expected[key]);
}
