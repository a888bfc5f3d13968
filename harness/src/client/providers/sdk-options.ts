import type { AttemptOptions } from '../types';

/**
 * Per-request options of the Stainless-built SDKs (openai, @anthropic-ai/sdk): our signal when the
 * attempt has one, else the attempt's limit as the SDK's own `timeout`.
 */
export function sdkRequestOptions(o: AttemptOptions): {
  signal?: AbortSignal;
  timeout?: number;
  headers: Record<string, string>;
} {
  // The SDKs take whole milliseconds only.
  return o.signal
    ? { signal: o.signal, headers: o.headers }
    : { timeout: Math.max(1, Math.ceil(o.timeoutMs)), headers: o.headers };
}
