import { SelectionError } from './select';
import type { RetrySignals } from './signals';

/**
 * Reads `x-mock-retry-after` (`date`, `long`, `none`) and `x-mock-should-retry` (`true`, `false`)
 * over the profile's signals; throws `SelectionError` (→ 400) on other values.
 */
export function readSignals(headers: Headers, profile: RetrySignals | undefined): RetrySignals {
  const out: RetrySignals = { ...profile };
  const after = headers.get('x-mock-retry-after')?.trim();
  if (after) {
    if (after !== 'date' && after !== 'long' && after !== 'none')
      throw new SelectionError(`x-mock-retry-after must be date, long or none, got "${after}".`);
    out.retryAfter = after;
  }
  const should = headers.get('x-mock-should-retry')?.trim();
  if (should) {
    if (should !== 'true' && should !== 'false')
      throw new SelectionError(`x-mock-should-retry must be true or false, got "${should}".`);
    out.shouldRetry = should === 'true';
  }
  return out;
}
