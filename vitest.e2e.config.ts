import { defineConfig } from 'vitest/config';

// Browser tests (`npm run test:e2e`): the real service in-process and Debian's Chromium through
// playwright-core. One file at a time (a 2-core machine runs the server and Chromium), long
// timeouts (a cold Chromium and a seeded embedded database take seconds).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    exclude: ['node_modules/**'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
