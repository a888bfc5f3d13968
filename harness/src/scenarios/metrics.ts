/**
 * A run's records as the metrics thresholds read (`harness_latency_ms`, `harness_ttft_ms`,
 * `harness_errors`, `harness_cost_usd`, `dropped_iterations`), optionally filtered by the
 * `pattern` tag, from measured (post-warm-up) rows only, as k6 would see them.
 */
import type { RunSummary } from '../driver/summary';
import type { DriverRecord } from '../driver/types';
import type { MetricKey, MetricSample } from './thresholds';

/** Build the threshold lookup for a run; `patternOf` maps a record's index to its pattern. */
export function metricLookup(summary: RunSummary, patternOf: (index: number) => string) {
  const windowS = Math.max(summary.wallMs - summary.warmupMs, 0) / 1000;
  return (key: MetricKey): MetricSample => {
    const rows = summary.records.filter((r) => !r.warmup && matches(r, key.tags, patternOf));
    const done = rows.flatMap((r) => (r.kind === 'completed' ? [r] : []));
    switch (key.name) {
      case 'harness_latency_ms':
        return { type: 'trend', values: done.map((r) => r.latencyMs) };
      case 'harness_ttft_ms':
        return { type: 'trend', values: done.flatMap((r) => (r.ttftMs === undefined ? [] : [r.ttftMs])) };
      case 'harness_errors':
        return {
          type: 'rate',
          passes: done.filter((r) => r.outcome.status === 'error').length,
          total: done.length,
        };
      case 'harness_cost_usd':
        return {
          type: 'counter',
          sum: done.reduce((a, r) => a + (r.outcome.costUsd ?? 0), 0),
          durationS: windowS,
          samples: done.length,
        };
      case 'dropped_iterations':
        return { type: 'counter', sum: rows.length - done.length, durationS: windowS, samples: rows.length };
    }
  };
}

function matches(
  r: DriverRecord,
  tags: Record<string, string>,
  patternOf: (index: number) => string,
): boolean {
  for (const [k, v] of Object.entries(tags)) {
    if (k === 'pattern' && patternOf(r.index) !== v) return false;
    if (k !== 'pattern') return false; // only the pattern tag exists in both engines
  }
  return true;
}
