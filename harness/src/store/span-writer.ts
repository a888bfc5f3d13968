import type { InsertRows } from './insert-rows';
import { redactSpanRow } from './redact';
import { isolateRefusedRows, isRowDataError } from './refused-rows';
import type { SpanRow } from './span-row';
import type { AcceptResult, SpanSink } from './span-sink';

/** Tuning of the span pipeline into the store. */
export interface SpanWriterOptions {
  /** Upper bound on rows waiting in memory; beyond it new rows are dropped and counted. */
  maxQueueRows?: number;
  /** Rows per INSERT. */
  maxBatchRows?: number;
  /**
   * INSERTs in flight at once (default 2): the next batch is encoded while the store still parses
   * the previous one (ClickHouse works on its own threads), ~10–30 % more rows/s into chDB here.
   */
  maxInFlight?: number;
  /** Longest a row waits before its batch is sent, so the dashboard stays live. */
  flushIntervalMs?: number;
  /** First retry delay after a failed insert; doubles up to `maxBackoffMs`, with jitter. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Called on each failed insert (for logging); the rows stay queued. */
  onError?: (error: Error, attempt: number) => void;
  /** Whether an insert error blames the rows rather than the store (default: ClickHouse parse errors). */
  isRowError?: (error: Error) => boolean;
}

/** Exact counters of the span pipeline: every row accepted is eventually exported or dropped. */
export interface SpanWriterStats {
  /** Rows offered to the writer. */
  received: number;
  /** Rows written to the store. */
  exported: number;
  /** Rows dropped because the queue was full (never silent: counted here). */
  dropped: number;
  /** Row-attempts that failed and were put back for another try. */
  retried: number;
  /** Failed insert calls. */
  failedInserts: number;
  /** Rows in memory now: waiting, or in an INSERT not yet acknowledged (so that at any instant
   * `received = exported + dropped + queued`). */
  queued: number;
  /** Capacity of the queue. */
  capacity: number;
  /** Inserts failing in a row right now (0 = healthy). */
  consecutiveFailures: number;
  lastError: string | null;
}

/** A SpanSink that also reports its counters and can be closed. */
export interface SpanWriter extends SpanSink {
  stats(): SpanWriterStats;
  /** Flush what is queued, then stop; rows that still cannot be written are counted as dropped. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Batch rows into INSERTs behind a bounded queue. A failing store keeps rows queued and retries with
 * exponential backoff and jitter; only queue overflow drops rows, and every drop is counted.
 * Secret-named attributes (auth headers, API keys, tokens) are redacted on the way in.
 */
export function createSpanWriter(insert: InsertRows, options: SpanWriterOptions = {}): SpanWriter {
  const capacity = options.maxQueueRows ?? 200_000;
  const batchRows = options.maxBatchRows ?? 10_000;
  const maxInFlight = Math.max(1, options.maxInFlight ?? 2);
  const intervalMs = options.flushIntervalMs ?? 250;
  const firstBackoff = options.initialBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  const isRowError = options.isRowError ?? isRowDataError;
  let queue: SpanRow[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  // True exactly while a drain runs; `running` is cleared a tick later, too late for an accept or
  // flush that follows a settled flush at once (they would find no drain coming and wait forever).
  let draining = false;
  let closed = false;
  const waiters: Array<() => void> = [];
  const s: SpanWriterStats = {
    received: 0,
    exported: 0,
    dropped: 0,
    retried: 0,
    failedInserts: 0,
    queued: 0,
    capacity,
    consecutiveFailures: 0,
    lastError: null,
  };

  /** Starts a drain; only the latest one is `running` (an older one settling must not clear it). */
  const startDrain = () => {
    const p: Promise<void> = drain().finally(() => {
      if (running === p) running = null;
    });
    running = p;
  };
  const backoff = (attempt: number) => {
    const base = Math.min(maxBackoff, firstBackoff * 2 ** Math.min(attempt - 1, 20));
    return base / 2 + Math.random() * (base / 2);
  };
  const settleWaiters = () => {
    if (queue.length === 0 && inFlight === 0) for (const w of waiters.splice(0)) w();
  };
  const schedule = (delayMs: number) => {
    if (timer || draining || closed) return;
    timer = setTimeout(() => {
      timer = null;
      startDrain();
    }, delayMs);
    timer.unref();
  };

  // Called from inside a failed drain, so it must not wait for `running` to clear.
  const retryLater = (delayMs: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      startDrain();
    }, delayMs);
    timer.unref();
  };

  async function drain(): Promise<void> {
    draining = true;
    try {
      await drainQueue();
    } finally {
      draining = false;
    }
    settleWaiters();
    // Rows accepted after the loop saw an empty queue but before `draining` cleared found a drain
    // "running" and started none; without this they would wait for the next accept (no-op when a
    // retry is already set).
    if (queue.length > 0) schedule(0);
  }

  /**
   * Send batches, up to `maxInFlight` at once, until the queue is empty or the store fails. After a
   * store failure no new batch starts; the ones in flight settle, then one retry is scheduled.
   */
  async function drainQueue(): Promise<void> {
    const active = new Set<Promise<void>>();
    // a flag, not the failure count: a concurrent success may reset the count before it is read
    let failed = false;
    while (!failed && (queue.length > 0 || active.size > 0)) {
      while (!failed && queue.length > 0 && active.size < maxInFlight) {
        const batch = queue.splice(0, batchRows);
        inFlight += batch.length;
        s.queued = queue.length;
        const sent: Promise<void> = send(batch).then((ok) => {
          active.delete(sent);
          if (!ok) failed = true;
        });
        active.add(sent);
      }
      if (active.size > 0) await Promise.race(active);
    }
    await Promise.all(active);
    if (failed && !closed) retryLater(backoff(Math.max(1, s.consecutiveFailures)));
  }

  /** One INSERT of `batch`; false when the store failed (the rows are back in the queue). */
  async function send(batch: SpanRow[]): Promise<boolean> {
    try {
      await insert(batch);
      s.exported += batch.length;
      s.consecutiveFailures = 0;
      s.lastError = null;
      return true;
    } catch (e) {
      let error = e instanceof Error ? e : new Error(String(e));
      let back = batch;
      if (isRowError(error)) {
        // A poison row must not block the pipeline: split until the refused rows are alone, store
        // the rest, and count the refused ones as dropped (never silent).
        const r = await isolateRefusedRows(batch, insert, isRowError);
        s.exported += r.exported;
        s.dropped += r.refused;
        s.failedInserts++;
        s.lastError = `${r.refused} row(s) refused by the store: ${error.message}`;
        options.onError?.(new Error(s.lastError), 0);
        if (r.left.length === 0) {
          s.consecutiveFailures = 0;
          return true;
        }
        back = r.left;
        error = r.error ?? error;
      }
      s.failedInserts++;
      s.consecutiveFailures++;
      s.retried += back.length;
      s.lastError = error.message;
      options.onError?.(error, s.consecutiveFailures);
      // Put the batch back in front; if newer rows filled the queue meanwhile, the oldest overflow.
      queue = back.concat(queue);
      const overflow = queue.length - capacity;
      if (overflow > 0) {
        queue.splice(capacity);
        s.dropped += overflow;
      }
      return false;
    } finally {
      inFlight -= batch.length;
      s.queued = queue.length;
    }
  }

  return {
    accept(rows: readonly SpanRow[]): AcceptResult {
      s.received += rows.length;
      const room = closed ? 0 : Math.max(0, capacity - queue.length - inFlight);
      const taken = Math.min(room, rows.length);
      // The one door into the store: credentials in attributes never get past it.
      for (let i = 0; i < taken; i++) queue.push(redactSpanRow(rows[i] as SpanRow));
      s.dropped += rows.length - taken;
      s.queued = queue.length;
      if (queue.length >= batchRows && !draining && s.consecutiveFailures === 0) {
        if (timer) {
          clearTimeout(timer);
          timer = null;
        }
        startDrain();
      } else schedule(intervalMs);
      return { accepted: taken, rejected: rows.length - taken };
    },
    flush() {
      if (queue.length === 0 && inFlight === 0) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      if (!draining && s.consecutiveFailures === 0) {
        if (timer) {
          clearTimeout(timer);
          timer = null;
        }
        startDrain();
      }
      return done;
    },
    stats: () => ({ ...s, queued: queue.length + inFlight }),
    async close(timeoutMs = 10_000) {
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([this.flush(), deadline]);
      closed = true;
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await running;
      s.dropped += queue.length;
      queue = [];
      s.queued = 0;
      settleWaiters();
    },
  };
}
