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
