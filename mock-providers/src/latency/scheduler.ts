import { now } from './sleep';

/** A pending wake-up of the shared scheduler. */
export interface Wakeup {
  at: number;
  seq: number;
  run: (() => void) | null;
}

/**
 * One timer for every paced stream: a binary min-heap of wake-ups (deadline, then FIFO) and a
 * single `setTimeout` armed at the earliest deadline. When it fires, the wake-ups due within
 * 0.25 ms run (each writes its due chunk and schedules its next one, which joins the heap after
 * the tick) and the timer is re-armed.
 * Why: thousands of concurrent streams at ~60 tokens/s each would otherwise create a timer, a
 * promise and an abort listener per token per stream; this keeps the per-token cost to a heap
 * push and pop, and every stream due in one tick is served in that tick.
 *
 * A tick runs for about `SLICE_MS` (the clock is read every 16 runs); what is still due then runs
 * from `setImmediate`, after the event loop's I/O phase. Why: libuv accepts one connection per loop iteration (libuv#3696). With
 * 2,500 streams keeping the process busy, unsliced ticks let in ~60 new connections a second and
 * ~1,000 waited seconds in the kernel's accept queue (clients would measure that as time to first
 * token); 2 ms slices let in ~340/s, 0.5 ms slices ~740/s (bench/mock-streams.ts, ramped).
 * The other side of it: while new requests keep arriving faster than the process can set them up,
 * running streams get only the slices between, and fall behind rather than the newcomers.
 */
const SLICE_MS = 0.5;
const heap: Wakeup[] = [];
let seq = 0;
let timer: NodeJS.Timeout | undefined;
let armedAt = Number.POSITIVE_INFINITY;
/** While a tick runs, new wake-ups wait here: they join the heap (and can run) from the next tick. */
let ticking = false;
const scheduledInTick: Wakeup[] = [];

const before = (a: Wakeup, b: Wakeup): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

function push(w: Wakeup): void {
  let i = heap.push(w) - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const parent = heap[p] as Wakeup;
    if (!before(w, parent)) break;
    heap[i] = parent;
    i = p;
  }
  heap[i] = w;
}

function pop(): Wakeup | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length === 0 || !last) return top;
  let i = 0;
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && before(heap[r] as Wakeup, heap[l] as Wakeup) ? r : l;
    if (!before(heap[c] as Wakeup, last)) break;
    heap[i] = heap[c] as Wakeup;
    i = c;
  }
  heap[i] = last;
  return top;
}

/** The continuation of a tick that used up its slice (set while one is queued). */
let immediate: NodeJS.Immediate | undefined;

function arm(): void {
  // a queued continuation runs whatever is due; it re-arms when it is done
  if (immediate) return;
  while (heap.length > 0 && (heap[0] as Wakeup).run === null) pop();
  const next = heap[0];
  if (!next) {
    if (timer) clearTimeout(timer);
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
    return;
  }
  if (timer && armedAt <= next.at) return;
  if (timer) clearTimeout(timer);
  armedAt = next.at;
  timer = setTimeout(tick, Math.max(0, Math.ceil(next.at - now())));
}

function tick(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  immediate = undefined;
  armedAt = Number.POSITIVE_INFINITY;
  // Only what is due now runs in this tick. Wake-ups that fall due while it runs (or that the runs
  // schedule, when the process is behind) wait for the next tick, so network I/O (new requests,
  // closes) gets its turn between batches instead of starving behind the writes of streams already
  // running.
  const started = now();
  const due = started + 0.25;
  let ran = 0;
  let sliceOver = false;
  ticking = true;
  while (heap.length > 0) {
    const next = heap[0] as Wakeup;
    if (next.run !== null && next.at > due) break;
    // the clock is read every 16 runs: a run (one stream's batch) takes a few microseconds
    if ((++ran & 15) === 0 && now() - started > SLICE_MS) {
      sliceOver = true;
      break;
    }
    pop();
    const run = next.run;
    next.run = null;
    if (run) {
      try {
        run();
      } catch (err) {
        console.error('[mock-providers] scheduled task failed', err);
      }
    }
  }
  ticking = false;
  for (const w of scheduledInTick) push(w);
  scheduledInTick.length = 0;
  if (sliceOver) immediate = setImmediate(tick);
  else arm();
}

/** Runs `run` at the monotonic deadline `at` (ms, `performance.now()` clock). */
export function wakeAt(at: number, run: () => void): Wakeup {
  const w: Wakeup = { at, seq: seq++, run };
  if (ticking) {
    scheduledInTick.push(w);
    return w;
  }
  push(w);
  if (at < armedAt) arm();
  return w;
}

/** Cancels a pending wake-up (no-op when it already ran). */
export function cancelWakeup(w: Wakeup | undefined): void {
  if (w) w.run = null;
}
