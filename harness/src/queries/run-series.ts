import { aggregate } from '../metrics/aggregate';
import { sampleFromStoredRow } from '../metrics/request-sample';
import { type SecondTimings, timingsByPattern } from '../metrics/second-timings';
import type { Store } from '../store/client';

/** One second of a run as stored (history for the live charts, overlays in compare). */
export interface SeriesPoint {
  t: number;
  /** Requests scheduled in this second fall in the warm-up (plotted and marked, not part of the results). */
  warmup: boolean;
  requests: number;
  ok: number;
  errors: number;
  dropped: number;
  errorsByClass: Record<string, number>;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  ttftP50: number | null;
  ttftP95: number | null;
  /** Latency and TTFT of this second's requests, per pattern. */
  byPattern: Record<string, SecondTimings>;
  costUsd: number;
  tokensOut: number;
  retries: number;
  /** The scenario's planned rate in this second, per minute (null: not recorded, e.g. an older run). */
  targetRpm: number | null;
  /** Requests in flight at the end of this second (null: not recorded). */
  inFlight: number | null;
  /** Calls waiting in the client's bulkhead queue at the end of this second (null: not recorded). */
  queueDepth: number | null;
}

interface RequestRow {
  t: number;
  pattern: string;
  outcome: string;
  error_class: string;
  warmup: number;
  latency_ms: number;
  ttft_ms: number | null;
  cost_usd: number;
  tokens_out: string | number;
  retries: number;
}

interface GaugeRow {
  t: number;
  warmup: number;
  target_rpm: number;
  in_flight: number;
  queue_depth: number;
}

/**
 * Per-second series of a run: its driver rows from `harness_requests` grouped by scheduled second
 * (whole seconds since the first one, as the driver counts them, not clock-second boundaries),
 * every figure by the one metrics module (`aggregate`), joined with the gauges each live tick
 * stored in `harness_run_seconds` (planned rate, in flight, queue depth).
 */
export async function runSeries(store: Store, runId: string): Promise<SeriesPoint[]> {
  const read = async <T>(query: string) => {
    const r = await store.client.query({ query, query_params: { run: runId }, format: 'JSONEachRow' });
    return r.json<T>();
  };
  const [rows, gauges] = await Promise.all([
    read<RequestRow>(`
      WITH (SELECT min(Timestamp) FROM harness_requests WHERE run_id = {run:String} AND source = 'driver') AS t0
      SELECT toUInt32(intDiv(toUnixTimestamp64Milli(Timestamp) - toUnixTimestamp64Milli(t0), 1000)) AS t,
             pattern, outcome, error_class, warmup,
             latency_ms, ttft_ms, cost_usd, tokens_out, retries
      FROM harness_requests WHERE run_id = {run:String} AND source = 'driver'
      ORDER BY Timestamp`),
    read<GaugeRow>(`
      SELECT t, max(warmup) AS warmup, any(target_rpm) AS target_rpm, any(in_flight) AS in_flight, any(queue_depth) AS queue_depth
      FROM harness_run_seconds WHERE run_id = {run:String} GROUP BY t ORDER BY t`),
  ]);
  const bySecond = new Map<number, RequestRow[]>();
  for (const r of rows) {
    const t = Number(r.t);
    const list = bySecond.get(t) ?? [];
    list.push(r);
    bySecond.set(t, list);
  }
  const gaugeAt = new Map(gauges.map((g) => [Number(g.t), g]));
  const seconds = [...new Set([...bySecond.keys(), ...gaugeAt.keys()])].sort((a, b) => a - b);
  return seconds.map((t) => {
    const list = bySecond.get(t) ?? [];
    const samples = list.map(sampleFromStoredRow);
    const m = aggregate(samples);
    const g = gaugeAt.get(t);
    return {
      t,
      warmup: list.some((r) => Number(r.warmup) === 1) || Number(g?.warmup ?? 0) === 1,
      requests: m.requests,
      ok: m.ok,
      errors: m.errors,
      dropped: m.dropped,
      errorsByClass: m.errorsByClass,
      p50: m.latency.p50,
      p95: m.latency.p95,
      p99: m.latency.p99,
      ttftP50: m.ttft.p50,
      ttftP95: m.ttft.p95,
      byPattern: timingsByPattern(samples),
      costUsd: m.costUsd,
      tokensOut: list.reduce((a, r) => a + Number(r.tokens_out), 0),
      retries: m.retries,
      targetRpm: g ? Number(g.target_rpm) : null,
      inFlight: g ? Number(g.in_flight) : null,
      queueDepth: g ? Number(g.queue_depth) : null,
    };
  });
}
