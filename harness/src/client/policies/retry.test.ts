import { describe, expect, it } from 'vitest';
import { ClassifiedError } from '../error-class';
import { type CallDeadline, retryDelayMs, retryPolicy, shouldRetry } from './retry';

const settings = { maxRetries: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };
const serverError = () => new ClassifiedError('server_error', 'HTTP 500', { retryable: true });

describe('retry policy', () => {
  it('backs off with equal jitter: between half and all of the capped exponential step', () => {
    expect(retryDelayMs(serverError(), 1, settings, () => 0)).toBe(500);
    expect(retryDelayMs(serverError(), 1, settings, () => 1)).toBe(1_000);
    expect(retryDelayMs(serverError(), 5, settings, () => 1)).toBe(8_000);
  });

  it('takes server advice up to 60 s and ignores longer or negative advice for backoff, as openai-node 7', () => {
    const advised = (ms: number) =>
      new ClassifiedError('rate_limit', '429', { status: 429, retryAfterMs: ms });
    expect(retryDelayMs(advised(2_000), 1, settings, () => 0)).toBe(2_000);
    expect(retryDelayMs(advised(60_000), 1, settings, () => 0)).toBe(60_000);
    expect(retryDelayMs(advised(60_001), 1, settings, () => 0)).toBe(500);
    expect(retryDelayMs(advised(-2_000), 1, settings, () => 0)).toBe(500);
    // ignored advice is no reason to give up; usable advice above maxRetryAfterMs is
    expect(shouldRetry(advised(120_000), settings)).toBe(true);
    expect(shouldRetry(advised(45_000), settings)).toBe(false);
    expect(shouldRetry(advised(30_000), settings)).toBe(true);
  });

  it("obeys the server's x-should-retry over the class and the advice cap", () => {
    const withDirective = (
      cls: 'server_error' | 'bad_request' | 'rate_limit',
      should: boolean,
      wait?: number,
    ) =>
      new ClassifiedError(cls, 'x', {
        shouldRetry: should,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      });
    expect(shouldRetry(withDirective('server_error', false), settings)).toBe(false);
    expect(shouldRetry(withDirective('bad_request', true), settings)).toBe(true);
    expect(shouldRetry(withDirective('rate_limit', true, 45_000), settings)).toBe(true);
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
