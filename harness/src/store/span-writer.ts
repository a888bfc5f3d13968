import type { SpanRow } from './span-row';
import type { AcceptResult, SpanSink } from './span-sink';

/** Inserts one batch of rows; rejects when the store refuses them. */
export type InsertRows = (rows: SpanRow[]) => Promise<void>;

/** Tuning of the span pipeline into the store. */
export interface SpanWriterOptions {
  /** Upper bound on rows waiting in memory; beyond it new rows are dropped and counted. */
  maxQueueRows?: number;
  /** Rows per INSERT. */
  maxBatchRows?: number;
  /** Longest a row waits before its batch is sent, so the dashboard stays live. */
  flushIntervalMs?: number;
  /** First retry delay after a failed insert; doubles up to `maxBackoffMs`, with jitter. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Called on each failed insert (for logging); the rows stay queued. */
  onError?: (error: Error, attempt: number) => void;
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
  /** Rows waiting in memory now. */
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
 */
export function createSpanWriter(insert: InsertRows, options: SpanWriterOptions = {}): SpanWriter {
  const capacity = options.maxQueueRows ?? 200_000;
  const batchRows = options.maxBatchRows ?? 10_000;
  const intervalMs = options.flushIntervalMs ?? 250;
  const firstBackoff = options.initialBackoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 10_000;
  let queue: SpanRow[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
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

  const backoff = (attempt: number) => {
    const base = Math.min(maxBackoff, firstBackoff * 2 ** Math.min(attempt - 1, 20));
    return base / 2 + Math.random() * (base / 2);
  };
  const settleWaiters = () => {
    if (queue.length === 0 && inFlight === 0) for (const w of waiters.splice(0)) w();
  };
  const schedule = (delayMs: number) => {
    if (timer || running || closed) return;
    timer = setTimeout(() => {
      timer = null;
      running = drain().finally(() => {
        running = null;
      });
    }, delayMs);
    timer.unref();
  };

  // Called from inside a failed drain, so it must not wait for `running` to clear.
  const retryLater = (delayMs: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      running = drain().finally(() => {
        running = null;
      });
    }, delayMs);
    timer.unref();
  };

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, batchRows);
      inFlight = batch.length;
      try {
        await insert(batch);
        s.exported += batch.length;
        s.consecutiveFailures = 0;
        s.lastError = null;
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        s.failedInserts++;
        s.consecutiveFailures++;
        s.retried += batch.length;
        s.lastError = error.message;
        options.onError?.(error, s.consecutiveFailures);
        // Put the batch back in front; if newer rows filled the queue meanwhile, the oldest overflow.
        queue = batch.concat(queue);
        const overflow = queue.length - capacity;
        if (overflow > 0) {
          queue.splice(capacity);
          s.dropped += overflow;
        }
        if (!closed) retryLater(backoff(s.consecutiveFailures));
        return;
      } finally {
        inFlight = 0;
        s.queued = queue.length;
      }
    }
    settleWaiters();
  }

  return {
    accept(rows: readonly SpanRow[]): AcceptResult {
      s.received += rows.length;
      const room = closed ? 0 : Math.max(0, capacity - queue.length - inFlight);
      const taken = Math.min(room, rows.length);
      for (let i = 0; i < taken; i++) queue.push(rows[i] as SpanRow);
      s.dropped += rows.length - taken;
      s.queued = queue.length;
      if (queue.length >= batchRows && !running && s.consecutiveFailures === 0) {
        if (timer) {
          clearTimeout(timer);
          timer = null;
        }
        running = drain().finally(() => {
          running = null;
        });
      } else schedule(intervalMs);
      return { accepted: taken, rejected: rows.length - taken };
    },
    flush() {
      if (queue.length === 0 && inFlight === 0) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      if (!running && s.consecutiveFailures === 0) {
        if (timer) {
          clearTimeout(timer);
          timer = null;
        }
        running = drain().finally(() => {
          running = null;
        });
      }
      return done;
    },
    stats: () => ({ ...s }),
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
