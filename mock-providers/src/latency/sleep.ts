import { performance } from 'node:perf_hooks';

/** Monotonic milliseconds (high resolution). */
export const now = (): number => performance.now();

/**
 * Resolves at an absolute monotonic deadline. Scheduling against deadlines (not relative
 * delays) keeps paced streams from drifting; a deadline in the past resolves at once.
 */
export async function sleepUntil(deadline: number, signal?: AbortSignal): Promise<void> {
  while (deadline - now() > 0.25 && !signal?.aborted) await timer(Math.ceil(deadline - now()), signal);
}

function timer(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const handle = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', done);
      clearTimeout(handle);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Resolves after `ms` (no timer at all for 0). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return ms <= 0 ? Promise.resolve() : sleepUntil(now() + ms, signal);
}
