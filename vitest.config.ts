import { defineConfig } from 'vitest/config';

// Files that replace modules with vi.mock: they keep a module graph of their own.
const MOCKING = ['src/modules/landing/assets.service.test.ts', 'test/fuzz/api-fuzz.test.ts'];

const shared = {
  globalSetup: ['./test/support/global-setup.ts'],
  setupFiles: ['./test/support/per-file.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    pool: 'forks',
    // PGlite is single-threaded WASM and boots in about a second: two files at a time keeps
    // a 2-core machine busy without starving the servers under test.
    maxWorkers: 2,
    // Transformed modules kept on disk between runs (the PostgreSQL run reuses the PGlite run's).
    experimental: { fsModuleCache: true },
    projects: [
      {
        test: {
          ...shared,
          name: 'service',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'dev/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**', ...MOCKING],
          // Files share their worker's modules instead of importing the service again each time
          // (about 40% of the suite's time). Every file starts its own app, database and clock;
          // helper state that must start over per file is reset in test/support/per-file.ts.
          isolate: false,
        },
      },
      { test: { ...shared, name: 'mocking', include: MOCKING } },
    ],
  },
});
