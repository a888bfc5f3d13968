/**
 * The "your app" part of a URL-target run's report: what the app's users saw per endpoint, how
 * many provider calls each app request made, what they cost, and — for every app request whose
 * trace holds a fault the mock injected — whether the app absorbed, degraded or surfaced it.
 * Built from one trace per driver request (driver span → app spans → mock ground truth), measured
 * window only (warm-up and dropped requests excluded), so every figure names its population.
 */

import { type Distribution, distribution } from '../../driver/stats';
import { type AppRequest, callOf, type TraceSpan } from './app-call';
import { type ResilienceRow, resilienceRows } from './app-resilience';
import { countRetries, type RetryCount } from './app-retries';

export type { TraceSpan } from './app-call';
export type { ResilienceRow } from './app-resilience';
export type { RetryCount } from './app-retries';

/** One endpoint of the app, as its users and its provider saw it. */
export interface AppEndpoint {
  /** The app's own server span name (`POST /chat`); `<pattern> (no app span)` when none joined. */
  endpoint: string;
  pattern: string;
  requests: number;
  ok: number;
  errors: number;
  /** The driver's view, from the scheduled start (coordinated-omission safe). */
  latency: Distribution;
  ttfb: Distribution;
  /** Provider calls (the mock's ground-truth spans) inside these requests' traces. */
  providerCalls: {
    total: number;
    perRequest: Distribution;
    failed: number;
    /** The app's retries: `retryCount.total`, kept flat for readers of the earlier shape. */
    retries: number;
    /** How the retries were known: reported by the SDK (`x-stainless-retry-count`) or inferred. */
    retryCount: RetryCount;
  };
  /** Billed calls only (2xx); `null` when a model has no price. */
  costUsd: number | null;
  costPerRequestUsd: number | null;
}

/** The app section of a report. */
export interface AppSection {
  /** Services seen in the run's traces besides the driver and the mock (the app's own). */
  services: string[];
  /** Measured, completed driver requests, and how many of their traces hold an app span. */
  requests: number;
  joined: number;
  endpoints: AppEndpoint[];
  resilience: ResilienceRow[];
  costUsd: number | null;
}

const DRIVER = 'harness-driver';
const MOCK = 'mock-providers';

/** Assemble the app section from the spans of a run's measured traces. */
export function buildAppSection(spans: readonly TraceSpan[]): AppSection {
  const byTrace = groupBy(spans, (s) => s.traceId);
  const services = new Set<string>();
  const requests: AppRequest[] = [];
  let joined = 0;
  for (const [traceId, list] of byTrace) {
    const driver = list.find((s) => s.service === DRIVER);
    if (!driver || driver.attrs.outcome === 'dropped') continue;
    const app = list
      .filter((s) => s.service !== DRIVER && s.service !== MOCK && s.kind === 'Server')
      .sort((a, b) => a.startMs - b.startMs)[0];
    for (const s of list) if (s.service !== DRIVER && s.service !== MOCK) services.add(s.service);
    if (app) joined++;
    const pattern = driver.attrs.pattern ?? '';
    requests.push({
      traceId,
      endpoint: app ? app.name : `${pattern} (no app span)`,
      pattern,
      ok: driver.attrs.outcome === 'ok',
      errorClass: driver.attrs.errorClass,
      latencyMs: driver.durationMs,
      ttfbMs: driver.attrs.ttfbMs,
      calls: list
        .filter((s) => s.service === MOCK && s.kind === 'Server')
        .map(callOf)
        .sort((a, b) => a.startMs - b.startMs),
    });
  }
  const endpoints = groupBy(requests, (r) => r.endpoint);
  const lines = [...endpoints].map(([endpoint, rs]) => endpointLine(endpoint, rs));
  const costs = lines.map((l) => l.costUsd);
  return {
    services: [...services].sort(),
    requests: requests.length,
    joined,
    endpoints: lines.sort((a, b) => (a.endpoint < b.endpoint ? -1 : 1)),
    resilience: [...endpoints]
      .flatMap(([endpoint, rs]) => resilienceRows(endpoint, rs))
      .sort((a, b) => (`${a.endpoint} ${a.fault}` < `${b.endpoint} ${b.fault}` ? -1 : 1)),
    costUsd: costs.some((c) => c === null) ? null : costs.reduce<number>((a, c) => a + (c ?? 0), 0),
  };
}

function endpointLine(endpoint: string, rs: AppRequest[]): AppEndpoint {
  const ok = rs.filter((r) => r.ok).length;
  let total = 0;
  let failed = 0;
  let cost: number | null = 0;
  for (const r of rs) {
    total += r.calls.length;
    failed += r.calls.filter((c) => c.failed).length;
    for (const c of r.calls) cost = c.cost === undefined || cost === null ? null : cost + c.cost;
  }
  const retryCount = countRetries(rs.map((r) => r.calls));
  return {
    endpoint,
    pattern: rs[0]?.pattern ?? '',
    requests: rs.length,
    ok,
    errors: rs.length - ok,
    latency: distribution(rs.map((r) => r.latencyMs)),
    ttfb: distribution(rs.flatMap((r) => (r.ttfbMs === undefined ? [] : [r.ttfbMs]))),
    providerCalls: {
      total,
      perRequest: distribution(rs.map((r) => r.calls.length)),
      failed,
      retries: retryCount.total,
      retryCount,
    },
    costUsd: cost,
    costPerRequestUsd: cost === null || rs.length === 0 ? null : cost / rs.length,
  };
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
