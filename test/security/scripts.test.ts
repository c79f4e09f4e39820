import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const dirs: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-scripts-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * start.mjs in a scratch project whose 'electron' package is given, so both "missing"
 * branches are tested whatever this machine has installed.
 */
function runStartWith(electronIndex: string): ReturnType<typeof spawnSync> {
  const project = temp();
  mkdirSync(join(project, 'scripts'));
  cpSync(join(root, 'scripts', 'start.mjs'), join(project, 'scripts', 'start.mjs'));
  mkdirSync(join(project, 'node_modules', 'electron'), { recursive: true });
  writeFileSync(join(project, 'node_modules', 'electron', 'package.json'), '{"name":"electron","main":"index.js"}');
  writeFileSync(join(project, 'node_modules', 'electron', 'index.js'), electronIndex);
  return spawnSync(process.execPath, [join(project, 'scripts', 'start.mjs')], {
    cwd: project,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('npm start without the Electron binary', () => {
  const expectHelpfulExit = (result: ReturnType<typeof spawnSync>): void => {
    expect(result.status).toBe(1);
    const stderr = String(result.stderr);
    expect(stderr).toContain('Electron is not installed');
    expect(stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(stderr).toContain('npm install');
    expect(stderr).toContain('npm run preview:web');
  };

  it('explains when the electron package throws (binary never downloaded)', () => {
    const result = runStartWith(
      "throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');",
    );
    expectHelpfulExit(result);
    expect(String(result.stderr)).toContain('Electron failed to install correctly');
  });

  it('explains when the binary path it reports does not exist', () => {
    const result = runStartWith("module.exports = '/nonexistent/electron/dist/electron';");
    expectHelpfulExit(result);
    expect(String(result.stderr)).toContain('/nonexistent/electron/dist/electron');
  });

  it('behaves the same in this repository, where the binary is not downloaded', () => {
    let installed = true;
    try {
      createRequire(join(root, 'package.json'))('electron');
    } catch {
      installed = false;
    }
    if (installed) return; // a machine with Electron would launch the app instead
    expectHelpfulExit(
      spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], {
        cwd: root,
        encoding: 'utf8',
        timeout: 20_000,
      }),
    );
  });
});

describe('build-electron-native.mjs', () => {
  it('does nothing when the stamp matches the installed Electron and better-sqlite3', () => {
    const out = temp();
    const require = createRequire(join(root, 'package.json'));
    const stamp = {
      electron: (require('electron/package.json') as { version: string }).version,
      betterSqlite3: (require('better-sqlite3/package.json') as { version: string }).version,
      platform: process.platform,
      arch: process.arch,
    };
    writeFileSync(join(out, 'stamp.json'), JSON.stringify(stamp));
    writeFileSync(join(out, 'better_sqlite3.node'), 'pretend binary');
    const nodeBinary = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const before = readFileSync(nodeBinary);

    const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-native.mjs'), '--out-dir', out], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Electron ${stamp.electron} is up to date`);
    expect(readFileSync(join(out, 'better_sqlite3.node'), 'utf8')).toBe('pretend binary');
    // The Node-ABI build that tests and the CLI use is never touched.
    expect(readFileSync(nodeBinary).equals(before)).toBe(true);
  });
});
