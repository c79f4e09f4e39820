#!/usr/bin/env node
/**
 * `npm run preview:web`: the app in an ordinary browser, with the real backend, where
 * Electron cannot run (see src-main/preview/server.ts). Builds the preload and the renderer
 * first unless `--no-build` is given. Options: --port <n> (0 = random), --db <file>.
 *
 * The TypeScript sources run through tsx: the preview is a development tool and is not
 * bundled into the app.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

register();
try {
  if (!argv.includes('--no-build')) {
    const { buildPreviewAssets } = await import('../src-main/preview/build.ts');
    await buildPreviewAssets({ root });
  }
  const { runPreviewCli } = await import('../src-main/preview/cli.ts');
  await runPreviewCli(argv, root, version);
} catch (error) {
  console.error(`preview:web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
