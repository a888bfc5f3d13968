/**
 * Precise waiting on the event loop. `setTimeout` alone fires ~0.5 ms late, and on a busy 2-core
 * VM now and then 4–5 ms late (measured), which is lateness the open model must not add. So we
 * sleep with `setTimeout` until `marginMs` before the target and then poll with `setImmediate`,
 * which lets I/O run between polls (no tight spin loop) at the cost of a busy event loop for the
 * last `marginMs` before each send.
 */

/** Default wake-up margin: covers the timer jitter measured on the 2-core box with room to spare. */
export const DEFAULT_TIMER_MARGIN_MS = 8;

/** Resolve at `targetMs` on the `performance.now()` clock, or as soon as `signal` aborts. */
export function waitUntil(
  targetMs: number,
  signal?: AbortSignal,
  marginMs = DEFAULT_TIMER_MARGIN_MS,
): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let immediate: ReturnType<typeof setImmediate> | undefined;
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const poll = () => {
      immediate = undefined;
      const left = targetMs - performance.now();
      if (left <= 0) return done();
      if (left > marginMs) {
        timer = setTimeout(() => {
          timer = undefined;
          poll();
        }, left - marginMs);
      } else {
        immediate = setImmediate(poll);
      }
    };
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', done, { once: true });
    poll();
  });
}
