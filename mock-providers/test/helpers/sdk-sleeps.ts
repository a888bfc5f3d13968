import { afterEach, beforeEach, vi } from 'vitest';

/**
 * A fake clock for the SDKs' retry waits: every `setTimeout` made from an SDK's
 * `internal/utils/sleep` (openai, @anthropic-ai/sdk) is recorded with the delay the SDK asked for
 * and fired at once. Tests assert the waits the SDK chose, never how long anything took, and a
 * 120 s `retry-after` costs no time. Other timers (sockets, request timeouts) are untouched.
 */
export function useSdkSleeps(): () => number[] {
  let sleeps: number[] = [];
  beforeEach(() => {
    sleeps = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      if (new Error().stack?.includes('internal/utils/sleep')) {
        sleeps.push(ms ?? 0);
        return real(fn, 0);
      }
      return real(fn, ms);
    }) as typeof setTimeout);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return () => sleeps;
}
