#!/usr/bin/env node
/**
 * `npm start`: build the native module for Electron, build the app, launch Electron.
 * When the Electron binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or its
 * download failed) say so plainly and point to the browser preview instead of letting
 * electron-vite fail later with a cryptic spawn error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The Electron executable, or null with the reason it is unusable. */
function findElectron() {
  let binary;
  try {
    // The 'electron' package exports the path of the binary it downloaded at install time,
    // and throws if it has none.
    binary = require('electron');
  } catch (error) {
    return { binary: null, reason: error instanceof Error ? error.message : String(error) };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return { binary: null, reason: `no Electron executable at ${String(binary)}` };
  }
  return { binary, reason: null };
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = findElectron();
if (!electron.binary) {
  console.error(
    [
      'Rapport cannot start: Electron is not installed.',
      `  (${electron.reason})`,
      '',
      'The Electron binary is downloaded when `npm install` runs, unless',
      'ELECTRON_SKIP_BINARY_DOWNLOAD is set or the download failed. To fix it:',
      '  unset ELECTRON_SKIP_BINARY_DOWNLOAD && npm install',
      '',
      'Or use the app in your browser with the same data and backend:',
      '  npm run preview:web',
    ].join('\n'),
  );
  process.exit(1);
}

run(process.execPath, [fileURLToPath(new URL('./build-electron-native.mjs', import.meta.url))]);
run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build']);

// ELECTRON_RUN_AS_NODE inherited from a parent (some editors set it) would start Electron as
// plain Node and run nothing.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.binary, ['.'], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
