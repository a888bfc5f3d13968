/**
 * Precise waiting on the event loop. `setTimeout` alone fires 1–2 ms late (and later under load),
 * which is lateness the open model must not add; so we sleep with `setTimeout` until ~2 ms before
 * the target and then poll with `setImmediate`, which yields to I/O between polls instead of
 * spinning the CPU in a tight loop.
 */

const COARSE_MARGIN_MS = 2;

/** Resolve at `targetMs` on the `performance.now()` clock, or as soon as `signal` aborts. */
export function waitUntil(targetMs: number, signal?: AbortSignal): Promise<void> {
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
      if (left > COARSE_MARGIN_MS) {
        timer = setTimeout(() => {
          timer = undefined;
          poll();
        }, left - COARSE_MARGIN_MS);
      } else {
        immediate = setImmediate(poll);
      }
    };
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', done, { once: true });
    poll();
  });
}
