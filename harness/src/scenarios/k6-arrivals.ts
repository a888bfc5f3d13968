/**
 * Where `/api/invoke` reports the arrivals of a k6 run to the run that owns it. k6 sends each
 * arrival with `x-run-id`, `x-arrival-index` (k6's `iterationInTest`, the plan's arrival number)
 * and `x-arrival-lateness-ms` (how late k6 started it); the harness side of a k6 run listens here
 * and turns them into the same driver records the built-in engine produces.
 */
import type { Outcome } from '../driver/types';

/** One arrival as its headers describe it. */
export interface ArrivalHeaders {
  index: number;
  latenessMs: number;
  /** How long ago k6 sent it (`x-arrival-sent-at`, epoch ms): transit and queueing before the handler. */
  inboundMs: number;
}

/** What a k6 run does with its arrivals. */
export interface ArrivalListener {
  /** An arrival reached `/api/invoke` `inboundMs` after k6 sent it; answers extra headers (its `traceparent`). */
  begin(index: number, latenessMs: number, inboundMs: number): Record<string, string>;
  /**
   * The arrival's unit of work ended; `serverMs` is how long the harness took over it. False when
   * the run did not record it (never begun, or the run has stopped).
   */
  end(index: number, latenessMs: number, outcome: Outcome, serverMs: number): boolean;
}

const listeners = new Map<string, ArrivalListener>();

/** The arrivals hub (one per process: run ids are unique, so runs of several stacks never mix). */
export const k6Arrivals = {
  /** Receive the arrivals of `runId` until the returned function is called. */
  listen(runId: string, listener: ArrivalListener): () => void {
    listeners.set(runId, listener);
    return () => {
      if (listeners.get(runId) === listener) listeners.delete(runId);
    };
  },
  /** The listener of a run, when one is listening. */
  of(runId: string | undefined): ArrivalListener | undefined {
    return runId === undefined ? undefined : listeners.get(runId);
  },
};

/**
 * The arrival headers of a request (index and lateness present and well-formed), else undefined.
 * `x-arrival-sent-at` (k6's clock when it sent, the same host's clock: the harness spawned it) gives
 * the time the request took to reach the handler, which the built-in driver's latency includes too;
 * absent or implausible (a clock elsewhere), it counts 0.
 */
export function arrivalOf(
  header: (name: string) => string | undefined,
  nowEpochMs: number = Date.now(),
): ArrivalHeaders | undefined {
  const index = Number(header('x-arrival-index'));
  const lateness = Number(header('x-arrival-lateness-ms') ?? '0');
  if (!Number.isSafeInteger(index) || index < 0 || !Number.isFinite(lateness) || lateness < 0)
    return undefined;
  return {
    index,
    latenessMs: lateness,
    inboundMs: inboundMs(Number(header('x-arrival-sent-at')), nowEpochMs),
  };
}

/**
 * How long a call k6 sent at `sentAtEpochMs` took to reach its handler: 0 when absent or
 * implausible (a clock elsewhere).
 */
export function inboundMs(sentAtEpochMs: number | undefined, nowEpochMs: number = Date.now()): number {
  const inbound = nowEpochMs - Number(sentAtEpochMs);
  return Number.isFinite(inbound) && inbound >= 0 && inbound < MAX_INBOUND_MS ? inbound : 0;
}

/** Longer than any plausible transit on one host: a larger gap means another clock. */
const MAX_INBOUND_MS = 60_000;
