import { effectivePlan } from '../../../../scenarios/lib/plan.js';
import { type Cdf, cdf } from '../../metrics/cdf';
import type { RequestSample } from '../../metrics/request-sample';
import { secondTimings } from '../../metrics/second-timings';
import type { Scenario } from '../../scenarios/schema';
import type { Store } from '../../store/client';

/** One pattern's p50/p95 of one second (null when that second had no finished request). */
export interface PatternSecond {
  t: number;
  latencyP50: number | null;
  latencyP95: number | null;
  ttftP50: number | null;
}

export type { Cdf };

/** One request picked out for the report (slowest or failed), with its trace. */
export interface NotableRequest {
  traceId: string;
  /** Seconds since the run's first request. */
  t: number;
  outcome: string;
  errorClass: string;
  latencyMs: number;
  ttftMs: number | null;
}

/** Per-pattern detail for the report's charts and request lists. */
export interface PatternDetail {
  pattern: string;
  /** Every second of the run, warm-up included (the charts shade it). */
  series: PatternSecond[];
  /** Measured window only (warm-up excluded), non-dropped requests. */
  latencyCdf: Cdf;
  /** Measured window only, requests that reported a first token. */
  ttftCdf: Cdf;
  /** Measured window only, slowest first. */
  slowest: NotableRequest[];
  /** Measured window only, earliest first. */
  failed: NotableRequest[];
  /** How many requests failed in the measured window (the list may be shorter). */
  failedTotal: number;
}

/** How many requests each list holds per pattern. */
export const NOTABLE_PER_PATTERN = 5;

const num = (v: unknown) => (v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v));

/**
 * Per-pattern time series, distributions and notable requests of a run from `harness_requests`.
 * A built-in run's units are its driver rows (coordinated-omission-safe latency); a k6 run has
 * invoke rows only.
 */
export async function queryRequestDetail(store: Store, runId: string): Promise<PatternDetail[]> {
  const q = async (query: string) => {
    const r = await store.client.query({ query, query_params: { run: runId }, format: 'JSONEachRow' });
    return r.json<Record<string, unknown>>();
  };
  const [src] = await q(
    `SELECT if(countIf(source = 'driver') > 0, 'driver', 'invoke') AS s FROM harness_requests WHERE run_id = {run:String}`,
  );
  const source = src?.s === 'driver' ? 'driver' : 'invoke';
  const base = `FROM harness_requests WHERE run_id = {run:String} AND source = '${source}'`;
  const t0 = `(SELECT min(Timestamp) ${base})`;
  // Whole seconds since the first request (as the driver and the Live view count them).
  const sec = `toUInt32(greatest(0, intDiv(toUnixTimestamp64Milli(Timestamp) - toUnixTimestamp64Milli(${t0}), 1000)))`;
  const [rows, slowest, failed] = await Promise.all([
    q(`SELECT pattern, ${sec} AS t, outcome, error_class, warmup, latency_ms, ttft_ms
       ${base} ORDER BY Timestamp`),
    q(`SELECT pattern, TraceId AS traceId, ${sec} AS t, outcome, error_class AS errorClass,
              latency_ms AS latencyMs, ttft_ms AS ttftMs
       ${base} AND warmup = 0 AND outcome != 'dropped'
       ORDER BY latency_ms DESC LIMIT ${NOTABLE_PER_PATTERN} BY pattern`),
    q(`SELECT pattern, TraceId AS traceId, ${sec} AS t, outcome, error_class AS errorClass,
              latency_ms AS latencyMs, ttft_ms AS ttftMs
       ${base} AND warmup = 0 AND outcome = 'error'
       ORDER BY Timestamp LIMIT ${NOTABLE_PER_PATTERN} BY pattern`),
  ]);
  const notable = (rows: Record<string, unknown>[], pattern: string): NotableRequest[] =>
    rows
      .filter((r) => r.pattern === pattern)
      .map((r) => ({
        traceId: String(r.traceId),
        t: Number(r.t),
        outcome: String(r.outcome),
        errorClass: String(r.errorClass),
        latencyMs: Number(r.latencyMs),
        ttftMs: num(r.ttftMs),
      }));
  // Every percentile and CDF point by the one metrics module's estimator.
  const byPattern = new Map<string, { t: number; warmup: boolean; sample: RequestSample }[]>();
  for (const r of rows) {
    const outcome = r.outcome === 'ok' || r.outcome === 'dropped' ? r.outcome : 'error';
    const list = byPattern.get(String(r.pattern)) ?? [];
    list.push({
      t: Number(r.t),
      warmup: Number(r.warmup) === 1,
      sample: {
        pattern: String(r.pattern),
        outcome,
        errorClass: outcome === 'error' ? String(r.error_class) : '',
        latencyMs: outcome === 'dropped' ? null : Number(r.latency_ms),
        ttftMs: num(r.ttft_ms),
        costUsd: 0,
        wastedUsd: 0,
        retries: 0,
      },
    });
    byPattern.set(String(r.pattern), list);
  }
  return [...byPattern.keys()].sort().map((pattern) => {
    const list = byPattern.get(pattern) ?? [];
    const seconds = new Map<number, RequestSample[]>();
    for (const x of list) {
      const at = seconds.get(x.t);
      if (at) at.push(x.sample);
      else seconds.set(x.t, [x.sample]);
    }
    const measured = list.filter((x) => !x.warmup).map((x) => x.sample);
    return {
      pattern,
      series: [...seconds.entries()]
        .sort(([a], [b]) => a - b)
        .map(([t, samples]) => {
          const s = secondTimings(samples);
          return { t, latencyP50: s.latencyMs.p50, latencyP95: s.latencyMs.p95, ttftP50: s.ttftMs.p50 };
        }),
      latencyCdf: cdf(measured.flatMap((x) => (x.latencyMs === null ? [] : [x.latencyMs]))),
      ttftCdf: cdf(measured.flatMap((x) => (x.ttftMs === null ? [] : [x.ttftMs]))),
      slowest: notable(slowest, pattern),
      failed: notable(failed, pattern),
      failedTotal: measured.filter((x) => x.outcome === 'error').length,
    };
  });
}

/** A named stretch of the run the charts shade (warm-up, a forced fault). */
export interface RunWindow {
  name: string;
  kind: 'warmup' | 'fault';
  /** Seconds since the run started. */
  from: number;
  until: number;
}

/**
 * The warm-up and the fault windows of a run, in seconds since the start, from the scenario as run
 * and its overrides through the engines' own plan (so `--duration` scaling is applied the same way).
 */
export function runWindows(config: unknown, endSecond: number): RunWindow[] {
  const c = (config ?? {}) as { scenario?: Scenario; overrides?: { rateRpm?: number; durationMs?: number } };
  if (!c.scenario?.stages) return [];
  let plan: ReturnType<typeof effectivePlan>;
  try {
    plan = effectivePlan(c.scenario, c.overrides ?? {});
  } catch {
    return []; // a run recorded by an older harness: no windows rather than wrong ones
  }
  const out: RunWindow[] = [];
  if (plan.warmupMs > 0) out.push({ name: 'warm-up', kind: 'warmup', from: 0, until: plan.warmupMs / 1000 });
  for (const f of plan.faults) {
    const scope = f.pattern ? ` on ${f.pattern}` : '';
    out.push({
      name: `${f.kind} ${Math.round(f.probability * 100)} %${scope}`,
      kind: 'fault',
      from: f.fromMs / 1000,
      until: Number.isFinite(f.untilMs) ? f.untilMs / 1000 : endSecond,
    });
  }
  return out;
}
