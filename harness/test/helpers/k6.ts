import { execFileSync } from 'node:child_process';

/** True when a `k6` binary runs from PATH. */
export const k6OnPath = (() => {
  try {
    execFileSync('k6', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** k6 is required in CI (CI=true) or with HARNESS_REQUIRE_K6=1: there a missing k6 fails, never skips. */
export const k6Required = process.env.HARNESS_REQUIRE_K6 === '1' || process.env.CI === 'true';

/** Run the k6 tests when k6 is here or required (they fail on a missing k6 where it is required). */
export const runK6Tests = k6OnPath || k6Required;
