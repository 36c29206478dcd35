import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'dev/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['./test/support/global-setup.ts'],
    pool: 'forks',
    // PGlite is single-threaded WASM and boots in about a second: two files at a time keeps
    // a 2-core machine busy without starving the servers under test.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
