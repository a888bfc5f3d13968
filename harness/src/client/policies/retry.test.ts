import { describe, expect, it } from 'vitest';
import { ClassifiedError } from '../error-class';
import { type CallDeadline, retryDelayMs, retryPolicy } from './retry';

const settings = { maxRetries: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };
const serverError = () => new ClassifiedError('server_error', 'HTTP 500', { retryable: true });

describe('retry policy', () => {
  it('backs off with equal jitter: between half and all of the capped exponential step', () => {
    expect(retryDelayMs(serverError(), 1, settings, () => 0)).toBe(500);
    expect(retryDelayMs(serverError(), 1, settings, () => 1)).toBe(1_000);
    expect(retryDelayMs(serverError(), 5, settings, () => 1)).toBe(8_000);
  });

  it('cuts a wait that would pass the deadline to end at it, and marks the deadline so no attempt follows', async () => {
    const deadline: CallDeadline = { at: performance.now() + 40, spent: false };
    const errors = new WeakMap<object, CallDeadline>();
    const policy = retryPolicy(settings, (e) => errors.get(e as object));
    let attempts = 0;
    const t0 = performance.now();
    const result = policy.execute(() => {
      attempts++;
      // what the logical call does before each attempt
      if (deadline.spent) throw new ClassifiedError('timeout', 'call deadline reached', { retryable: false });
      const e = serverError();
      errors.set(e, deadline);
      throw e;
    });
    await expect(result).rejects.toMatchObject({ errorClass: 'timeout' });
    expect(deadline.spent).toBe(true);
    // one real attempt, then the check at the deadline (no second request was sent)
    expect(attempts).toBe(2);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(30);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('leaves the deadline unmarked when the wait ends well before it', async () => {
    const deadline: CallDeadline = { at: performance.now() + 60_000, spent: false };
    const errors = new WeakMap<object, CallDeadline>();
    const policy = retryPolicy({ ...settings, baseDelayMs: 5, maxDelayMs: 5 }, (e) =>
      errors.get(e as object),
    );
    let attempts = 0;
    const out = await policy.execute(() => {
      if (++attempts < 3) {
        const e = serverError();
        errors.set(e, deadline);
        throw e;
      }
      return 'ok';
    });
    expect(out).toBe('ok');
    expect(deadline.spent).toBe(false);
  });
});
