import { z } from 'zod';

/**
 * How an error answer advises the retry (what SDK retry logic branches on): `retry-after` as an
 * HTTP date, above 60 s (`long`: 120 s), or absent; `x-should-retry: true|false`, which the
 * official OpenAI and Anthropic SDKs obey over everything else.
 */
export interface RetrySignals {
  retryAfter?: 'date' | 'long' | 'none';
  shouldRetry?: boolean;
}

/** The `signals` of an inline profile (`PUT /__admin/config { profile: { faults, signals } }`). */
export const retrySignalsSchema = z.strictObject({
  retryAfter: z.enum(['date', 'long', 'none']).optional(),
  shouldRetry: z.boolean().optional(),
});

/** Seconds sent by `retryAfter: 'long'`: above the 60 s some SDKs refuse to wait. */
export const LONG_RETRY_AFTER_S = 120;

/** Statuses the SDKs consider retrying: the ones the signals are put on. */
const isRetryStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500;

/**
 * Rewrites the retry headers of an error answer. `date`: `retry-after` as the HTTP date the
 * advised wait ends (at least 1 s, rounded up to the next whole second), no `retry-after-ms`;
 * `long`: 120 s in both headers; `none`: neither header. Successes and 4xx other than 408, 409,
 * 429 are left alone.
 */
export function applySignals(response: Response, signals: RetrySignals, nowMs: number): Response {
  if (response.type === 'error' || !isRetryStatus(response.status)) return response;
  const h = response.headers;
  if (signals.retryAfter === 'date') {
    const ms = Number(h.get('retry-after-ms') ?? Number(h.get('retry-after') ?? 1) * 1000);
    const until = Math.ceil((nowMs + Math.max(1000, ms)) / 1000) * 1000;
    h.set('retry-after', new Date(until).toUTCString());
    h.delete('retry-after-ms');
  } else if (signals.retryAfter === 'long') {
    h.set('retry-after', String(LONG_RETRY_AFTER_S));
    h.set('retry-after-ms', String(LONG_RETRY_AFTER_S * 1000));
  } else if (signals.retryAfter === 'none') {
    h.delete('retry-after');
    h.delete('retry-after-ms');
  }
  if (signals.shouldRetry !== undefined) h.set('x-should-retry', String(signals.shouldRetry));
  return response;
}
