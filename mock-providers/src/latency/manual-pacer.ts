import type { Pacer } from './pacer';
import type { Wakeup } from './scheduler';

/** A pacer whose clock moves only when told to: for tests of paced output. */
export interface ManualPacer extends Pacer {
  /** Moves the clock to `t`, running every wake-up due by then in deadline order (FIFO on a tie). */
  advanceTo(t: number): void;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
  /** How many wake-ups are still pending. */
  pending(): number;
  /** The earliest pending deadline, if any. */
  next(): number | undefined;
}

/**
 * Creates a manual pacer starting at `start` ms. A wake-up scheduled at or before the current
 * time runs on the next `advance` (even `advance(0)`), as the real scheduler runs it on its next
 * tick, never synchronously inside `wakeAt`.
 */
export function createManualPacer(start = 0): ManualPacer {
  let clock = start;
  let seq = 0;
  const queue: Wakeup[] = [];
  const nextDue = (limit: number): Wakeup | undefined => {
    let best: Wakeup | undefined;
    for (const w of queue)
      if (w.run && w.at <= limit && (!best || w.at < best.at || (w.at === best.at && w.seq < best.seq)))
        best = w;
    return best;
  };
  const pacer: ManualPacer = {
    now: () => clock,
    wakeAt(at, run) {
      const w: Wakeup = { at, seq: seq++, run };
      queue.push(w);
      return w;
    },
    cancel(w) {
      if (w) w.run = null;
    },
    advanceTo(t) {
      for (let w = nextDue(t); w; w = nextDue(t)) {
        clock = Math.max(clock, w.at);
        const run = w.run;
        w.run = null;
        queue.splice(queue.indexOf(w), 1);
        run?.();
      }
      clock = Math.max(clock, t);
      for (let i = queue.length - 1; i >= 0; i--) if (!queue[i]?.run) queue.splice(i, 1);
    },
    advance(ms) {
      pacer.advanceTo(clock + ms);
    },
    pending: () => queue.filter((w) => w.run).length,
    next: () => nextDue(Number.POSITIVE_INFINITY)?.at,
  };
  return pacer;
}
