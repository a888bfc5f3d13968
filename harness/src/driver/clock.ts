import { DEFAULT_TIMER_MARGIN_MS, waitUntil } from './timer';

/**
 * The time source of the open-model executor: a monotonic clock, a precise wait until a
 * deadline, and plain timers. Why: the executor's behaviour (which request is late, dropped,
 * in flight at an abort) is a function of this clock, so unit tests run it on a virtual clock
 * (`createVirtualClock`) instead of asserting how a busy machine's timers happened to fire.
 */
export interface DriverClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Epoch milliseconds at `now() === 0`. */
  readonly timeOrigin: number;
  /** Resolves once `now() >= targetMs`, or as soon as `signal` aborts. */
  waitUntil(targetMs: number, signal?: AbortSignal): Promise<void>;
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` every `ms`; returns a cancel function. */
  every(ms: number, fn: () => void): () => void;
}

/** The wall clock: `performance.now()`, precise waits (timer.ts), node timers. */
export function wallClock(marginMs = DEFAULT_TIMER_MARGIN_MS): DriverClock {
  return {
    now: () => performance.now(),
    timeOrigin: performance.timeOrigin,
    waitUntil: (targetMs, signal) => waitUntil(targetMs, signal, marginMs),
    after(ms, fn) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    every(ms, fn) {
      const t = setInterval(fn, ms);
      return () => clearInterval(t);
    },
  };
}
