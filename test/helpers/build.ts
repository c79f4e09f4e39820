import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/**
 * The production renderer and preload bundles in out/: `npm test` builds them before vitest
 * runs; a lone `vitest run` of a test that needs them builds them here, so such a test never
 * passes by skipping. Returns the renderer's folder.
 */
export function ensureBuilt(): string {
  if (!existsSync(join(ROOT, 'out/renderer/index.html')) || !existsSync(join(ROOT, 'out/preload/index.cjs')))
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  return join(ROOT, 'out/renderer');
}
