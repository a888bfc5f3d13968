import type { DriverRecord } from '../driver/types';

/**
 * One scheduled request of the measured window, as every metric is computed from it: the driver's
 * verdict, or the same verdict read back from the store's `harness_requests` driver row.
 */
export interface RequestSample {
  pattern: string;
  outcome: 'ok' | 'error' | 'dropped';
  /** Error class; '' unless `outcome` is `error`. */
  errorClass: string;
  /** Scheduled start → end, ms (coordinated-omission safe); null for a dropped request. */
  latencyMs: number | null;
  /** Scheduled start → first content, ms; null when none was reported. */
  ttftMs: number | null;
  costUsd: number;
  /** Cost of failed attempts and fallbacks (from the invoke span), 0 when unknown. */
  wastedUsd: number;
  retries: number;
}

/** One driver record as a sample, whatever its window (callers decide what counts). */
export function sampleFromRecord(r: DriverRecord, pattern: string): RequestSample {
  if (r.kind === 'dropped')
    return {
      pattern,
      outcome: 'dropped',
      errorClass: '',
      latencyMs: null,
      ttftMs: null,
      costUsd: 0,
      wastedUsd: 0,
      retries: 0,
    };
  const o = r.outcome;
  return {
    pattern,
    outcome: o.status,
    errorClass: o.status === 'error' ? o.errorClass : '',
    latencyMs: r.latencyMs,
    ttftMs: r.ttftMs ?? null,
    costUsd: o.costUsd ?? 0,
    wastedUsd: 0,
    retries: o.retries ?? 0,
  };
}

/** Samples of the measured window (warm-up excluded) from the driver's records. */
export function samplesFromRecords(
  records: readonly DriverRecord[],
  patternOf: (index: number) => string,
): RequestSample[] {
  return records.filter((r) => !r.warmup).map((r) => sampleFromRecord(r, patternOf(r.index)));
}

/** A `harness_requests` row as the store queries select it (numbers may arrive as strings). */
export interface StoredRequestRow {
  pattern: string;
  outcome: string;
  error_class: string;
  latency_ms: number | string;
  ttft_ms: number | string | null;
  cost_usd: number | string;
  /** Retry waste in USD; queries that do not select it count none. */
  wasted?: number | string | null;
  retries: number | string;
}

/** One stored request as a sample: the one mapping the report's and the series' queries share. */
export function sampleFromStoredRow(r: StoredRequestRow): RequestSample {
  const outcome = r.outcome === 'ok' || r.outcome === 'dropped' ? r.outcome : 'error';
  return {
    pattern: r.pattern,
    outcome,
    errorClass: outcome === 'error' ? r.error_class : '',
    latencyMs: outcome === 'dropped' ? null : Number(r.latency_ms),
    ttftMs: r.ttft_ms === null ? null : Number(r.ttft_ms),
    costUsd: Number(r.cost_usd),
    wastedUsd: Number(r.wasted ?? 0),
    retries: Number(r.retries),
  };
}
