import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

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

/**
 * The catalogue's languages (src-main/shared/locales/<language>.json), each parsed when first
 * read: a command speaks one language (English its fallback), so one run in English never
 * parses the Italian words, which every command otherwise paid for before doing anything. The
 * files stay the one definition; only how the CLI's bundle holds them changes, as a string
 * behind an object that reads through to the parsed catalogue.
 */
const CATALOGUE = /\/src-main\/shared\/locales\/[a-z]{2}\.json$/;
const LAZY = '\0rapport-catalogue:';

/**
 * The module the CLI's bundle holds a catalogue as: its JSON text (compact), parsed on the first
 * read of any of its keys, behind an object that reads through to the parsed catalogue.
 */
export function catalogueModule(json: string): string {
  // A template literal, as Vite's own JSON plugin writes one: its quotes need no escaping.
  const literal = `\`${json.replace(/[\\`]|\$\{/g, (c) => `\\${c}`)}\``;
  return [
    // The text at the module's top, not inside the function: V8 would scan it a second time
    // when it compiles the function on its first call.
    `const text = ${literal};`,
    'let parsed;',
    'const catalogue = () => (parsed ??= JSON.parse(text));',
    'export default new Proxy({}, {',
    '  get: (_, key) => catalogue()[key],',
    '  has: (_, key) => key in catalogue(),',
    '  ownKeys: () => Reflect.ownKeys(catalogue()),',
    '  getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(catalogue(), key),',
    '});',
  ].join('\n');
}

const lazyCatalogues: Plugin = {
  name: 'rapport:lazy-catalogues',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!source.endsWith('.json') || !importer) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    // Named as a module of its own (not .json), so Vite's JSON plugin leaves it alone.
    return resolved && CATALOGUE.test(resolved.id) ? `${LAZY}${resolved.id}.js` : null;
  },
  load(id) {
    if (!id.startsWith(LAZY)) return null;
    const file = id.slice(LAZY.length, -'.js'.length);
    this.addWatchFile(file);
    // Parsed here first: a broken catalogue fails the build, not a seller's command.
    return catalogueModule(JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))));
  },
};

export default defineConfig({
  root,
  publicDir: false,
  plugins: [lazyCatalogues],
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
