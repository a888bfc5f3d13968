import { cancelWakeup, type Wakeup, wakeAt } from './scheduler';
import { now } from './sleep';

/**
 * The clock a paced stream reads and the way it runs work at a deadline on that clock.
 * Why: what a stream writes, and when, is a function of its events and this clock alone, so
 * tests drive a manual pacer (`createManualPacer`) instead of depending on how wall-clock timers
 * happen to group work on a busy machine.
 */
export interface Pacer {
  /** Monotonic milliseconds. */
  now(): number;
  /** Runs `run` once the clock reaches `at`. */
  wakeAt(at: number, run: () => void): Wakeup;
  /** Cancels a pending wake-up (no-op when it already ran or is undefined). */
  cancel(wakeup: Wakeup | undefined): void;
}

/** The production pacer: `performance.now()` and the one shared stream scheduler. */
export const sharedPacer: Pacer = { now, wakeAt, cancel: cancelWakeup };
