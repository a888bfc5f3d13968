import type { DriverClock } from './clock';

interface Waiter {
  at: number;
  seq: number;
  fire: (() => void) | null;
}

/** A clock that jumps from deadline to deadline as soon as nothing else is left to run. */
export interface VirtualClock extends DriverClock {
  /** Resolves after `ms` of virtual time (for test senders that take time). */
  sleep(ms: number): Promise<void>;
}

/**
 * Discrete-event time for tests: time stands still while promise callbacks run, and when the
 * process is otherwise idle (a `setImmediate` turn) it jumps to the earliest pending deadline
 * and fires it (FIFO on a tie). Every participant that waits on this clock therefore sees the
 * same sequence of events on any machine, however loaded; no wall-clock time is asserted.
 */
export function createVirtualClock(timeOrigin = 1_700_000_000_000): VirtualClock {
  let clock = 0;
  let seq = 0;
  const waiters: Waiter[] = [];
  let advancing: NodeJS.Immediate | undefined;

  const advance = () => {
    advancing = undefined;
    let next: Waiter | undefined;
    for (const w of waiters)
      if (w.fire && (!next || w.at < next.at || (w.at === next.at && w.seq < next.seq))) next = w;
    for (let i = waiters.length - 1; i >= 0; i--) if (!waiters[i]?.fire) waiters.splice(i, 1);
    if (!next) return;
    waiters.splice(waiters.indexOf(next), 1);
    clock = Math.max(clock, next.at);
    const fire = next.fire;
    next.fire = null;
    fire?.();
    schedule();
  };
  const schedule = () => {
    if (!advancing && waiters.some((w) => w.fire)) advancing = setImmediate(advance);
  };
  const at = (t: number, fire: () => void): Waiter => {
    const w: Waiter = { at: t, seq: seq++, fire };
    waiters.push(w);
    schedule();
    return w;
  };

  const vc: VirtualClock = {
    now: () => clock,
    timeOrigin,
    waitUntil(targetMs, signal) {
      if (signal?.aborted || targetMs <= clock) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const w = at(targetMs, () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
        function onAbort() {
          w.fire = null;
          resolve();
        }
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    after(ms, fn) {
      const w = at(clock + ms, fn);
      return () => {
        w.fire = null;
      };
    },
    every(ms, fn) {
      let w: Waiter;
      const tick = () => {
        w = at(clock + ms, tick);
        fn();
      };
      w = at(clock + ms, tick);
      return () => {
        w.fire = null;
      };
    },
    sleep: (ms) => vc.waitUntil(clock + ms),
  };
  return vc;
}
