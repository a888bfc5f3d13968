import { defineConfig } from 'vitest/config';

/** One vitest run across every workspace: colocated unit tests and test/ integration suites. */
export default defineConfig({
  test: {
    include: [
      '{harness,mock-providers,dashboard}/src/**/*.test.ts',
      '{harness,mock-providers}/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: most integration files wait on wall-clock runs, so on 2 cores vitest's
    // default (cores - 1 = one file at a time) took ~18 min; the tests do not depend on timing.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
