import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the `rapport` CLI (src-main/cli/main.ts) into one ESM file, out/cli/main.js, that
 * bin/rapport.js runs on plain Node 20. Every package.json dependency stays external and is
 * loaded from node_modules: better-sqlite3 is native and must be the Node-ABI build there
 * (the Electron one lives elsewhere, see platform/paths.ts), and bundling the others would
 * only duplicate them.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
};
const dependencies = Object.keys(pkg.dependencies ?? {});
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const isExternal = (id: string): boolean =>
  id.startsWith('node:') || builtins.has(id) || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  root,
  publicDir: false,
  define: { __RAPPORT_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: fileURLToPath(new URL('./src-main/cli/main.ts', import.meta.url)),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: isExternal,
      output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
