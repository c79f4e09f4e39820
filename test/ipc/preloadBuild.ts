import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPreviewAssets } from '../../src-main/preview/build';

const root = join(__dirname, '..', '..');

/**
 * Builds the real preload bundle with the project's electron-vite configuration into a
 * temp folder (not out/, which a concurrent `electron-vite build` may be rewriting).
 */
export async function buildPreloadBundle(): Promise<{
  dir: string;
  file: string;
  source: string;
  cleanup: () => void;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-preload-'));
  await buildPreviewAssets({ root, targets: ['preload'], outDirs: { preload: dir } });
  const file = join(dir, 'index.cjs');
  return {
    dir,
    file,
    source: readFileSync(file, 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
