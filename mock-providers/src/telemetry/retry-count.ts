/**
 * The caller's own attempt number, as the official Stainless-generated SDKs (openai-node,
 * anthropic-sdk-typescript, and their Python twins) send it on every attempt:
 * `x-stainless-retry-count: 0` on the first, `1` on the first retry, and so on. The mock records it
 * on its ground-truth span as `mock.request.retry_count`, so a report counts the retries an app's
 * SDK really made instead of guessing them from timing. Absent (raw fetch, `@google/genai`) or not a
 * non-negative integer → not recorded.
 */

/** The request header the Stainless SDKs number their attempts with. */
export const RETRY_COUNT_HEADER = 'x-stainless-retry-count';

/** Ground-truth attribute: the caller's retry ordinal of this request (0 = first attempt). */
export const RETRY_COUNT_ATTRIBUTE = 'mock.request.retry_count';

/** The attempt's retry ordinal from its headers, or `undefined` when the client sent none. */
export function clientRetryCount(headers: Headers): number | undefined {
  const raw = headers.get(RETRY_COUNT_HEADER)?.trim();
  if (!raw || !/^\d{1,6}$/.test(raw)) return undefined;
  return Number(raw);
}
