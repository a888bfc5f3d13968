import { DelegateBackoff, handleWhen, type RetryPolicy, retry } from 'cockatiel';
import { classifyError } from '../classify';
import type { ClientConfig } from '../config';

type RetrySettings = Exclude<ClientConfig['retry'], false>;

/**
 * The wait before retry `attempt` (1-based) after `error`: the server's advice when it gave one
 * (retry-after-ms, retry-after, reset headers, RetryInfo), plus up to 10 % so a herd of clients does
 * not return in the same millisecond; else exponential backoff with full jitter, capped.
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  s: RetrySettings,
  random = Math.random,
): number {
  const advised = classifyError(error).retryAfterMs;
  if (advised !== undefined) return advised * (1 + 0.1 * random());
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Whether an error is worth another attempt under these settings. */
export function shouldRetry(error: unknown, s: RetrySettings): boolean {
  const c = classifyError(error);
  return c.retryable && (c.retryAfterMs === undefined || c.retryAfterMs <= s.maxRetryAfterMs);
}

/**
 * Retry only retryable classes, honouring the provider's advised wait (capped), else backoff with
 * jitter. `deadlineOf` tells the failed call's deadline (`performance.now()` scale): no wait runs
 * past it, so the next attempt finds the time up instead of the call oversleeping its timeout.
 */
export function retryPolicy(
  s: RetrySettings,
  deadlineOf: (error: unknown) => number | undefined = () => undefined,
): RetryPolicy {
  return retry(
    handleWhen((e) => shouldRetry(e, s)),
    {
      maxAttempts: s.maxRetries,
      backoff: new DelegateBackoff((ctx) => {
        const r = ctx.result as { error?: unknown };
        const wait = retryDelayMs(r.error, ctx.attempt, s);
        const deadline = deadlineOf(r.error);
        return deadline === undefined ? wait : Math.max(0, Math.min(wait, deadline - performance.now()));
      }),
    },
  );
}
