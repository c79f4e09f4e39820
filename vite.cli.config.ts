import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the `rapport` CLI (src-main/cli/main.ts) into one ESM file, out/cli/main.js, that
 * bin/rapport.js runs on plain Node 20, with the pure-JavaScript dependencies bundled in: Node
 * resolves, reads and compiles an npm package's ESM files one by one (kysely, date-fns and zod
 * are hundreds), which took ~0.8 s of every command on this machine; one bundled file, with
 * only what is used, takes ~0.3 s. Stay external, loaded from node_modules:
 * - better-sqlite3: native, and must be the Node-ABI build there (the Electron one lives
 *   elsewhere, see platform/paths.ts);
 * - pdfjs-dist, playwright-core and @faker-js/faker: large, and imported only by the commands
 *   that need them (dynamic imports), pdfjs-dist also starting its own worker file.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const dependencies = ['better-sqlite3', 'pdfjs-dist', 'playwright-core', '@faker-js/faker'];
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

const isExternal = (id: string): boolean =>
  id.startsWith('node:') || builtins.has(id) || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  root,
  publicDir: false,
  ssr: { noExternal: true, external: dependencies },
  define: { __RAPPORT_VERSION__: JSON.stringify(pkg.version) },
  esbuild: { keepNames: true, charset: 'ascii' },
  build: {
    ssr: fileURLToPath(new URL('./src-main/cli/main.ts', import.meta.url)),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    // Minified (names kept, for error names and RAPPORT_DEBUG's stacks): every command compiles
    // the first chunk before it does anything, and esbuild's output is ASCII, which Node decodes
    // and V8 scans faster than the catalogue's accents and dashes.
    minify: 'esbuild',
    sourcemap: true,
    rollupOptions: {
      external: isExternal,
      output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
