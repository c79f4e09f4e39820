import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `build` holding the lock `out/<name>`. Test files run in parallel processes, so a lock
 * directory (mkdir is atomic) makes sure only one of them builds and none reads a bundle while
 * it is being rewritten; a lock older than two minutes belongs to a run that died.
 */
export function underBuildLock(name: string, build: () => void): void {
  const lock = join(ROOT, 'out', name);
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (waited > 120_000 || age > 120_000) rmSync(lock, { recursive: true, force: true });
      sleep(100);
    }
  }
  try {
    build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The production renderer and preload bundles in out/: `npm test` builds them before vitest
 * runs; a lone `vitest run` of a test that needs them builds them here (once, whichever test
 * file gets there first), so such a test never passes by skipping. Returns the renderer's folder.
 */
export function ensureBuilt(): string {
  const built = (): boolean =>
    existsSync(join(ROOT, 'out/renderer/index.html')) && existsSync(join(ROOT, 'out/preload/index.cjs'));
  if (!built())
    underBuildLock('.app-build.lock', () => {
      if (!built()) execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
    });
  return join(ROOT, 'out/renderer');
}
