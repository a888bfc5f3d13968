/**
 * The open-model executor: every scheduled request starts at its scheduled time whether or not
 * earlier ones finished. Latency runs from the scheduled start (coordinated-omission safe),
 * lateness is recorded for every send, a request due while `maxInFlight` is reached is dropped
 * (k6 `dropped_iterations`), and an abort stops scheduling (the rest are `notStarted`).
 */
import { setMaxListeners } from 'node:events';
import { type DriverClock, wallClock } from './clock';
import type { Schedule } from './schedule';
import { quantizeMs } from './stats';
import { type RunSummary, summarize } from './summary';
import { createTimeSeries, endedSecond, type SecondStats } from './time-series';
import type { Accounting, CompletedRecord, DriverRecord, Outcome, Send } from './types';

/** Options of one open-model run. */
export interface RunOptions {
  schedule: Schedule;
  /** In-flight cap; a request due while it is reached is dropped, not queued. */
  maxInFlight: number;
  /** Requests scheduled before this offset run and are recorded, tagged warm-up, excluded from results. */
  warmupMs?: number;
  /** How long to wait for in-flight requests after the schedule ends or aborts (default 30 s). */
  gracefulStopMs?: number;
  signal?: AbortSignal;
  send: Send;
  /** Every verdict as it happens (warm-up ones too), e.g. to stream rows to the store. */
  onRecord?: (record: DriverRecord) => void;
  /** Once a second with the last complete second, for live progress. */
  onTick?: (snapshot: TickSnapshot) => void;
  /** Wake this long before each send and poll to the exact time (default 8 ms; see timer.ts). */
  timerMarginMs?: number;
  /** The time source (default: the wall clock); tests pass a virtual clock. */
  clock?: DriverClock;
}

/** Live progress, once a second. */
export interface TickSnapshot {
  elapsedMs: number;
  inFlight: number;
  /** Counts so far over every scheduled request (warm-up included). */
  totals: Accounting;
  last: SecondStats;
}

/** Run a schedule in the open model and summarize it. */
export async function runOpenModel(opts: RunOptions): Promise<RunSummary> {
  const { schedule, send, onRecord, onTick, signal } = opts;
  const clock = opts.clock ?? wallClock(opts.timerMarginMs);
  const warmupMs = opts.warmupMs ?? 0;
  const offsets = schedule.offsetsMs;
  const n = offsets.length;
  const hardStop = new AbortController();
  setMaxListeners(0, hardStop.signal); // every in-flight sender may listen for the hard stop
  const records: DriverRecord[] = [];
  const latenessMeasured: number[] = [];
  const inFlight = new Set<number>();
  const series = createTimeSeries({ expectedBetween: schedule.expectedBetween, warmupMs });
  const totals: Accounting = { scheduled: n, ok: 0, errors: 0, dropped: 0, inFlightAtStop: 0, notStarted: 0 };
  const t0 = clock.now();
  const epoch0 = clock.timeOrigin + t0;
  let stopped = false;
  let drained: (() => void) | undefined;

  const verdict = (record: DriverRecord, atPerf: number) => {
    records.push(record);
    series.verdict(record, atPerf - t0);
    onRecord?.(record);
  };
  const complete = (i: number, sentPerf: number, outcome: Outcome) => {
    if (stopped) return; // counted as in-flight at the hard stop; a late answer changes nothing
    const end = clock.now();
    inFlight.delete(i);
    const offset = offsets[i] ?? 0;
    const lateness = sentPerf - (t0 + offset);
    const record: CompletedRecord = {
      kind: 'completed',
      index: i,
      scheduledAt: epoch0 + offset,
      scheduledOffsetMs: offset,
      sentAt: epoch0 + (sentPerf - t0),
      latenessMs: lateness,
      latencyMs: quantizeMs(end - (t0 + offset)),
      outcome,
      warmup: offset < warmupMs,
    };
    if (outcome.ttftMs !== undefined) record.ttftMs = quantizeMs(lateness + outcome.ttftMs);
    if (outcome.status === 'ok') totals.ok++;
    else totals.errors++;
    verdict(record, end);
    if (inFlight.size === 0) drained?.();
  };
  const fire = (i: number) => {
    const offset = offsets[i] ?? 0;
    const warmup = offset < warmupMs;
    const now = clock.now();
    if (inFlight.size >= opts.maxInFlight) {
      totals.dropped++;
      const dropped = {
        kind: 'dropped',
        index: i,
        scheduledAt: epoch0 + offset,
        scheduledOffsetMs: offset,
      } as const;
      verdict({ ...dropped, droppedAt: epoch0 + (now - t0), warmup }, now);
      return;
    }
    inFlight.add(i);
    series.sent(now - t0);
    if (!warmup) latenessMeasured.push(now - (t0 + offset));
    let pending: Promise<Outcome>;
    try {
      pending = send({
        index: i,
        scheduledAt: epoch0 + offset,
        scheduledOffsetMs: offset,
        warmup,
        signal: hardStop.signal,
      });
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending.then(
      (outcome) => complete(i, now, outcome),
      (e: unknown) => complete(i, now, { status: 'error', errorClass: errorClassOf(e) }),
    );
  };

  const stopTicker = onTick
    ? clock.every(1000, () => {
        const elapsedMs = clock.now() - t0;
        const last = series.second(endedSecond(elapsedMs));
        onTick({ elapsedMs, inFlight: inFlight.size, totals: { ...totals }, last });
      })
    : undefined;

  let next = 0;
  while (next < n && !signal?.aborted) {
    const due = t0 + (offsets[next] ?? 0);
    if (clock.now() < due) await clock.waitUntil(due, signal);
    if (signal?.aborted) break;
    const now = clock.now();
    // Everything already due goes out in this turn, in schedule order.
    while (next < n && t0 + (offsets[next] ?? 0) <= now) fire(next++);
  }
  const notStartedFrom = next;
  totals.notStarted = n - next;
  const stopOffsetMs = Math.min(clock.now() - t0, schedule.durationMs);

  if (inFlight.size > 0) {
    const gracefulStopMs = opts.gracefulStopMs ?? 30_000;
    await new Promise<void>((resolve) => {
      const cancel = clock.after(gracefulStopMs, resolve);
      drained = () => {
        cancel();
        resolve();
      };
    });
  }
  stopped = true;
  const stillInFlight = [...inFlight];
  totals.inFlightAtStop = stillInFlight.length;
  hardStop.abort(new Error('driver hard stop'));
  stopTicker?.();

  return summarize({
    schedule,
    warmupMs,
    startedAt: epoch0,
    wallMs: clock.now() - t0,
    stopOffsetMs,
    aborted: notStartedFrom < n,
    totals,
    records,
    latenessMeasured,
    inFlightAtStop: stillInFlight,
    notStartedFrom,
    timeSeries: series.all(),
  });
}

/** A thrown sender error becomes an error class: `timeout`, `cancelled`, or `exception`. */
function errorClassOf(e: unknown): string {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'cancelled';
  return 'exception';
}
