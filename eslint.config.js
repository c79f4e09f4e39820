import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules that only the main process may touch. */
const MAIN_ONLY = ['electron', 'better-sqlite3', 'kysely', 'fs', 'path', 'child_process', 'os', 'crypto'];

/** What the renderer and the shared contract may not import: they run without Node, Electron or the database. */
const BROWSER_SAFE = {
  paths: MAIN_ONLY.map((name) => ({ name, message: `${name} is main-process only.` })),
  patterns: [
    { group: ['node:*'], message: 'Node built-ins are main-process only.' },
    { group: ['electron/*', 'better-sqlite3/*', 'kysely/*'], message: 'Main-process only.' },
  ],
};

/** The folders that assemble the features into an app, a CLI or a preview, and hold no feature logic. */
const WIRING = 'ipc|cli|platform|preview|preload|backend';

/** A feature's files: no wiring, and another feature only through its index or its contract. */
const featureForbids = (up) => [
  {
    regex: `^${up}(${WIRING})(/|$)`,
    message:
      'A feature never imports the wiring (ipc, cli, platform, preview, preload, backend): the wiring imports it.',
  },
  {
    // A sibling feature is "../<other>" from a feature's top folder, "../../<other>" one level down.
    regex: `^(${up.slice(0, -'\\.\\./'.length)}[^/.]+|${up}features/[^/]+)/(?!contract(/|$))`,
    message: "Import another feature through its index ('../<other>') or its contract, not its internals.",
  },
];

/**
 * Import boundaries between the folders of src-main: each zone names its files by folder depth
 * and what they may not import. The built-in rule matches the import as written, so the patterns
 * are made per depth: `up` is the run of "../" that climbs from such a file back to src-main/
 * (`\.\./\.\./` for src-main/features/care/cli.ts). src-main/preview and the tests are free.
 */
const ZONES = [
  {
    files: { 1: 'src-main/kernel/*.ts', 2: 'src-main/kernel/*/*.ts' },
    forbid: (up) => [
      {
        regex: `^${up}(features|${WIRING})(/|$)`,
        message: 'The kernel is shared by every feature: it imports no feature and no wiring.',
      },
    ],
  },
  {
    files: { 1: 'src-main/db/*.ts', 2: 'src-main/db/*/*.ts' },
    forbid: (up) => [
      {
        regex: `^${up}(features/[^/]+/(?!contract(/|$))|(${WIRING})(/|$))`,
        message: 'The database layer imports no wiring, and of a feature only its contract.',
      },
    ],
  },
  {
    files: { 1: 'src-main/shared/*.ts', 2: 'src-main/shared/*/*.ts' },
    browserSafe: true,
    forbid: (up) => [
      {
        regex: `^${up}(features/[^/]+/(?!contract(/|$))|(kernel|db|${WIRING})(/|$))`,
        message: 'shared/ runs in the browser too: of the main side it imports only feature contracts.',
      },
    ],
  },
  {
    files: { 1: 'src-main/{ipc,cli,platform,preload,backend}/*.ts' },
    forbid: (up) => [
      {
        // Its commands' declarations too (features/<name>/cli.ts): the CLI assembles them without
        // the index, which would load every feature's code for any one command (cli/program.ts).
        regex: `^${up}features/[^/]+/(?!(contract|cli)(/|$))`,
        message:
          "Wiring imports a feature only through its index (or its contract, or its CLI commands), never the feature's own files.",
      },
    ],
  },
  { files: { 2: 'src-main/features/*/*.ts', 3: 'src-main/features/*/*/*.ts' }, forbid: featureForbids },
  // Contracts are imported by the renderer too: browser-safe, and still a feature's files; so are
  // the values they build their schemas from (choices.ts, which the CLI reads without the schemas).
  {
    files: { 2: 'src-main/features/*/contract.ts', 3: 'src-main/features/*/contract/*.ts' },
    browserSafe: true,
    forbid: featureForbids,
  },
  { files: { 2: 'src-main/features/*/choices.ts' }, browserSafe: true, forbid: featureForbids },
];

/** One flat-config block per zone and depth (a later block's rule replaces an earlier one's). */
const zoneBlocks = ({ files, forbid, browserSafe }) =>
  Object.entries(files).map(([depth, glob]) => ({
    files: [glob],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: browserSafe ? BROWSER_SAFE.paths : [],
          patterns: [...(browserSafe ? BROWSER_SAFE.patterns : []), ...forbid('\\.\\./'.repeat(Number(depth)))],
        },
      ],
    },
  }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The renderer and the shared contract run without Node, Electron or the database.
    files: [
      'src-renderer/**/*.{ts,tsx}',
      'src-main/shared/**/*.ts',
      'src-main/features/*/contract.ts',
      'src-main/features/*/contract/**/*.ts',
      'src-main/features/*/choices.ts',
    ],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The renderer reaches the backend only through src-renderer/src/api, and of src-main it
    // imports only the shared kernel and the feature contracts.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: BROWSER_SAFE.paths,
          patterns: [
            ...BROWSER_SAFE.patterns,
            {
              regex: 'src-main/(?!shared/|features/[^/]+/contract(/|$))',
              message: 'The renderer may import only src-main/shared from the main side.',
            },
          ],
        },
      ],
    },
  },
  {
    // The main side is ESM. A `require(` anywhere in the main bundle makes electron-vite inject a
    // CommonJS shim, placed by a regex that a string can fool (it broke the build once); reach a
    // built-in with `process.getBuiltinModule` where an import cannot be used.
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require']",
          message: 'No require() on the main side: use import, or process.getBuiltinModule for a built-in.',
        },
      ],
    },
  },
  ...ZONES.flatMap(zoneBlocks),
  {
    files: ['src-renderer/**/*.tsx', 'src-renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
