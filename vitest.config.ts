import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 15_000, hookTimeout: 15_000, pool: 'forks' as const };
// Mocks modules, so it needs a module graph of its own.
const MOCKING = ['test/expr/dataweave/core/runtime.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'flowrt', include: ['test/**/*.test.ts'], exclude: ['test/expr/dataweave/**'], globalSetup: ['test/global-setup.ts'] } },
      // DataWeave's unit tests are pure functions over values, with no servers or global state: one
      // module graph for all of them rather than one per file (a third of their time on a busy machine).
      { test: { ...shared, name: 'dataweave', include: ['test/expr/dataweave/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { test: { ...shared, name: 'dataweave-mocks', include: MOCKING } },
    ],
  },
});
