import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (everything under test/ except browser tests), and
// browser end-to-end tests, which start Chromium and a server, so they run one file at a
// time in a single fork with generous timeouts. scripts/test.mjs decides whether e2e runs.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', '**/node_modules/**'],
          // Some tests simulate whole scenarios (a second or two each on an idle machine). The
          // default 5 s limit is a wall-clock budget that a busy 2-core machine can miss; speed
          // is measured by `npm run bench`, not here.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          pool: 'forks',
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
