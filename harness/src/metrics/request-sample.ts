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

/** Samples of the measured window (warm-up excluded) from the driver's records. */
export function samplesFromRecords(
  records: readonly DriverRecord[],
  patternOf: (index: number) => string,
): RequestSample[] {
  const out: RequestSample[] = [];
  for (const r of records) {
    if (r.warmup) continue;
    const pattern = patternOf(r.index);
    if (r.kind === 'dropped') {
      out.push({
        pattern,
        outcome: 'dropped',
        errorClass: '',
        latencyMs: null,
        ttftMs: null,
        costUsd: 0,
        wastedUsd: 0,
        retries: 0,
      });
      continue;
    }
    const o = r.outcome;
    out.push({
      pattern,
      outcome: o.status,
      errorClass: o.status === 'error' ? o.errorClass : '',
      latencyMs: r.latencyMs,
      ttftMs: r.ttftMs ?? null,
      costUsd: o.costUsd ?? 0,
      wastedUsd: 0,
      retries: o.retries ?? 0,
    });
  }
  return out;
}
