import type { LiveTick } from '../contracts/live';
import type { Store } from '../store/client';

/** One row of `harness_run_seconds`. */
export interface RunSecondRow {
  run_id: string;
  t: number;
  warmup: number;
  target_rpm: number;
  achieved_rpm: number;
  in_flight: number;
  queue_depth: number;
}

/** Rows kept while the store is down; beyond this the oldest go (gauges, not results). */
export const RUN_SECONDS_KEPT = 10_000;
/** Rows gathered before an insert: a few seconds' worth, so the store sees one small insert per batch. */
export const RUN_SECONDS_BATCH = 5;

/** The tick's gauges as a stored row. */
export function runSecondRow(tick: LiveTick): RunSecondRow {
  return {
    run_id: tick.runId,
    t: tick.t,
    warmup: tick.warmup ? 1 : 0,
    target_rpm: tick.targetRpm,
    achieved_rpm: tick.achievedRpm,
    in_flight: tick.inFlight,
    queue_depth: tick.queueDepth,
  };
}

/**
 * Keeps each live tick's gauges (target rate, in flight, queue depth) in `harness_run_seconds`:
 * batched, one insert at a time, rows put back when an insert fails (the store may be down) and
 * sent with the next batch or the run-end `flush`.
 */
export function createRunSecondsWriter(insert: (rows: RunSecondRow[]) => Promise<void>) {
  let pending: RunSecondRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => {
    writing = writing.then(async () => {
      if (pending.length === 0) return;
      const rows = pending;
      pending = [];
      try {
        await insert(rows);
      } catch {
        pending = [...rows, ...pending].slice(-RUN_SECONDS_KEPT);
      }
    });
    return writing;
  };
  return {
    /** Keep one tick's gauges (the run's final tick repeats its last second: skipped). */
    record(tick: LiveTick): void {
      if (tick.final) return;
      pending.push(runSecondRow(tick));
      if (pending.length >= RUN_SECONDS_BATCH) void write();
    },
    /** Write everything kept so far; resolves after one attempt (rows stay kept if it fails). */
    flush: write,
    /** Rows waiting for the store. */
    pending: () => pending.length,
  };
}

/** The writer over a store's `harness_run_seconds`. */
export function runSecondsWriter(store: Store) {
  return createRunSecondsWriter(async (rows) => {
    await store.client.insert({ table: 'harness_run_seconds', values: rows, format: 'JSONEachRow' });
  });
}

/** What `createRunSecondsWriter` returns. */
export type RunSecondsWriter = ReturnType<typeof createRunSecondsWriter>;
