/**
 * The retries an app made, counted from the provider calls inside its requests' traces. The real
 * signal first: the official openai and anthropic SDKs number every attempt
 * (`x-stainless-retry-count`, recorded by the mock as `mock.request.retry_count`), so a call with a
 * count of 1 or more IS a retry. What no SDK numbers falls back to an inference, labelled as such:
 * a first attempt (count 0, or no count at all: raw fetch, `@google/genai`, a hand-made client)
 * that repeats a failed call of the same trace (same route, model and prompt size, started after
 * it ended) — the retries of clients that send no count, and the app's own re-asks around its SDK.
 */
import type { Call } from './app-call';

/** Retries of a set of app requests, by how they were known. */
export interface RetryCount {
  /** `sdkReported + inferred`. */
  total: number;
  /** Calls whose SDK said they were a retry (`x-stainless-retry-count` ≥ 1). */
  sdkReported: number;
  /** First attempts (count 0 or none) repeating a failed call of their trace (see `inferredRetries`). */
  inferred: number;
  /** Calls that carried a retry count: the population of `sdkReported`. */
  callsWithCount: number;
}

/** Count the retries among the calls of each request (each list in start order). */
export function countRetries(requests: readonly (readonly Call[])[]): RetryCount {
  const out: RetryCount = { total: 0, sdkReported: 0, inferred: 0, callsWithCount: 0 };
  for (const calls of requests) {
    for (const c of calls) {
      if (c.retryCount === undefined) continue;
      out.callsWithCount++;
      if (c.retryCount > 0) out.sdkReported++;
    }
    out.inferred += inferredRetries(calls.filter((c) => !c.retryCount));
  }
  out.total = out.sdkReported + out.inferred;
  return out;
}

/**
 * The fallback where no SDK numbered the attempt: calls that repeat a failed call of the same trace
 * (same key, started after it ended). Each failure is repeated at most once, so a fan-out's sibling
 * calls, which differ in prompt, are not counted as retries.
 */
export function inferredRetries(calls: readonly Call[]): number {
  const failed: Call[] = [];
  let n = 0;
  for (const c of calls) {
    const i = failed.findIndex((f) => f.key === c.key && f.endMs <= c.startMs);
    if (i >= 0) {
      failed.splice(i, 1);
      n++;
    }
    if (c.failed) failed.push(c);
  }
  return n;
}
