import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // Native better-sqlite3 and Chromium do not like being shared across worker threads.
    pool: 'forks',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // CI asks for a JSON report as well, to print one plain closing line.
    reporters: process.env.VITEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON ? { json: process.env.VITEST_JSON } : undefined,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // As patient as Playwright's own waits in the e2e tests (harness.ts: 10 s): on a loaded CI
    // machine a redraw can take more than the 1 s default. A poll that passes returns at once.
    expect: { poll: { timeout: 10_000 } },
  },
});
