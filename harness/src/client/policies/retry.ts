import { DelegateBackoff, handleWhen, type RetryPolicy, retry } from 'cockatiel';
import { classifyError } from '../classify';
import type { ClientConfig } from '../config';

type RetrySettings = Exclude<ClientConfig['retry'], false>;

/**
 * Server-advised waits above this are ignored (backoff instead), as openai-node 7 does: a minute
 * or more is not advice a caller in a request path can take, and it is often a bogus header.
 */
export const MAX_ADVISED_WAIT_MS = 60_000;

/**
 * The server's advised wait when it is one to take: finite, not negative (a `retry-after` date
 * already past), at most `MAX_ADVISED_WAIT_MS`. Otherwise undefined, and backoff applies.
 */
export function usableAdvice(error: unknown): number | undefined {
  const advised = classifyError(error).retryAfterMs;
  if (advised === undefined || !Number.isFinite(advised)) return undefined;
  return advised >= 0 && advised <= MAX_ADVISED_WAIT_MS ? advised : undefined;
}

/**
 * The wait before retry `attempt` (1-based) after `error`: the server's usable advice when it gave
 * one (retry-after-ms, retry-after, reset headers, RetryInfo), plus up to 10 % so a herd of clients
 * does not return in the same millisecond; else exponential backoff, capped, with equal jitter
 * (half the step plus up to the other half).
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  s: RetrySettings,
  random = Math.random,
): number {
  const advised = usableAdvice(error);
  if (advised !== undefined) return advised * (1 + 0.1 * random());
  const ceiling = Math.min(s.maxDelayMs, s.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Whether an error is worth another attempt under these settings. The server's `x-should-retry`
 * wins over everything else, as in the official SDKs (`true` retries even a 400 or a spend limit,
 * `false` never retries a 500). Without it: a retryable class, unless the server's usable advice
 * is longer than `maxRetryAfterMs` (failing, or falling back, beats sleeping that long).
 */
export function shouldRetry(error: unknown, s: RetrySettings): boolean {
  const c = classifyError(error);
  if (c.shouldRetry !== undefined) return c.shouldRetry;
  const advised = usableAdvice(c);
  return c.retryable && (advised === undefined || advised <= s.maxRetryAfterMs);
}

/** A call's deadline as the retry policy sees it. */
export interface CallDeadline {
  /** `performance.now()` scale. */
  readonly at: number;
  /**
   * Set when no attempt fits before the deadline any more: a retry wait was cut to end at it, or an
   * attempt ran into it. Why a mark and not only the clock: timers fire up to ~2 ms early
   * (measured up to 1.6 ms here), which would start a doomed attempt.
   */
  spent: boolean;
}

/**
 * Retry only retryable classes, honouring the provider's advised wait (capped), else backoff with
 * jitter. `deadlineOf` tells the failed call's deadline: no wait runs past it, and a wait cut to
 * it marks the deadline spent, so the call ends there instead of oversleeping its timeout.
 */
export function retryPolicy(
  s: RetrySettings,
  deadlineOf: (error: unknown) => CallDeadline | undefined = () => undefined,
): RetryPolicy {
  return retry(
    handleWhen((e) => shouldRetry(e, s)),
    {
      maxAttempts: s.maxRetries,
      backoff: new DelegateBackoff((ctx) => {
        const r = ctx.result as { error?: unknown };
        const wait = retryDelayMs(r.error, ctx.attempt, s);
        const deadline = deadlineOf(r.error);
        if (deadline === undefined) return wait;
        const left = Math.max(0, deadline.at - performance.now());
        if (wait < left) return wait;
        deadline.spent = true;
        return left;
      }),
    },
  );
}
