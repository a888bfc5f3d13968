/** Plain types of the open-model driver: what a sender is given, what it answers, what gets recorded. */

/** Optional measurements a sender can report alongside its outcome. */
export interface OutcomeMetrics {
  /** Time to first token, ms from when `send` was called (the driver adds lateness to make it CO-safe). */
  ttftMs?: number;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
  retries?: number;
  fallbackUsed?: boolean;
  /** URL targets: time to the first body byte, ms from when `send` was called (as TTFT). */
  ttfbMs?: number;
  /** URL targets: the HTTP status the app answered. */
  httpStatus?: number;
  /** Latency the target measured itself (e.g. the harness server), for fidelity checks. */
  serverLatencyMs?: number;
}

/** How one request ended, as the sender saw it. */
export type Outcome = ({ status: 'ok' } | { status: 'error'; errorClass: string }) & OutcomeMetrics;

/** What the driver hands the sender for one scheduled request. */
export interface SendRequest {
  index: number;
  /** Scheduled start, epoch ms with sub-ms precision. */
  scheduledAt: number;
  scheduledOffsetMs: number;
  warmup: boolean;
  /** Aborted at a hard stop (graceful stop exceeded): the sender should give up. */
  signal: AbortSignal;
}

/** The function that performs one unit of work against the system under test. */
export type Send = (req: SendRequest) => Promise<Outcome>;

/** A request that was sent and finished. */
export interface CompletedRecord {
  kind: 'completed';
  index: number;
  scheduledAt: number;
  scheduledOffsetMs: number;
  /** Epoch ms when `send` was invoked. */
  sentAt: number;
  /** sentAt − scheduledAt, ms. */
  latenessMs: number;
  /** Scheduled start → completion, ms (coordinated-omission safe). */
  latencyMs: number;
  /** Scheduled start → first token, ms, when the sender reported one. */
  ttftMs?: number;
  outcome: Outcome;
  warmup: boolean;
}

/** A request that was due while the in-flight cap was hit, so it was never sent (k6 dropped_iterations). */
export interface DroppedRecord {
  kind: 'dropped';
  index: number;
  scheduledAt: number;
  scheduledOffsetMs: number;
  /** Epoch ms when the driver decided to drop it. */
  droppedAt: number;
  warmup: boolean;
}

/** One row per scheduled request that reached a verdict. */
export type DriverRecord = CompletedRecord | DroppedRecord;

/** Exact counts whose sum is the number of scheduled requests. */
export interface Accounting {
  scheduled: number;
  ok: number;
  errors: number;
  dropped: number;
  /** Still running when a hard stop came; their results are discarded. */
  inFlightAtStop: number;
  /** Scheduled after an abort: neither sent nor dropped. */
  notStarted: number;
}
