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
    reporters: ['default'],
  },
});
