import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Modules that only the main process may touch. */
const MAIN_ONLY = ['electron', 'better-sqlite3', 'kysely', 'fs', 'path', 'child_process', 'os', 'crypto'];

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
    // Layer boundary: the renderer and the shared contract run without Node, Electron or the
    // database. The renderer reaches the backend only through src-renderer/src/api.
    files: [
      'src-renderer/**/*.{ts,tsx}',
      'src-main/shared/**/*.ts',
      'src-main/features/*/contract.ts',
      'src-main/features/*/contract/**/*.ts',
    ],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: MAIN_ONLY.map((name) => ({ name, message: `${name} is main-process only.` })),
          patterns: [
            { group: ['node:*'], message: 'Node built-ins are main-process only.' },
            { group: ['electron/*', 'better-sqlite3/*', 'kysely/*'], message: 'Main-process only.' },
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
    files: ['src-renderer/**/*.tsx', 'src-renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
