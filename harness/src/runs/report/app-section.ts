/**
 * The "your app" part of a URL-target run's report: what the app's users saw per endpoint, how
 * many provider calls each app request made, what they cost, and — for every app request whose
 * trace holds a fault the mock injected — whether the app absorbed, degraded or surfaced it.
 * Built from one trace per driver request (driver span → app spans → mock ground truth), measured
 * window only (warm-up and dropped requests excluded), so every figure names its population.
 */

import { type Distribution, distribution, percentile } from '../../driver/stats';
import { billedCost } from '../../metrics/provider-call-cost';

/** One span of a run's traces, as the store query returns it (times in ms since epoch). */
export interface TraceSpan {
  traceId: string;
  service: string;
  kind: string;
  name: string;
  startMs: number;
  durationMs: number;
  attrs: {
    pattern?: string;
    outcome?: string;
    errorClass?: string;
    ttfbMs?: number;
    httpStatus?: string;
    faultKind?: string;
    model?: string;
    inputTokens?: number;
    outputTokens?: number;
    /** `mock.response = none`: the mock held the connection and sent nothing (`timeout`). */
    noResponse?: boolean;
  };
}

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
    /** Calls that repeat a failed call of the same trace (see `retriesOf`): the app's retries. */
    retries: number;
  };
  /** Billed calls only (2xx); `null` when a model has no price. */
  costUsd: number | null;
  costPerRequestUsd: number | null;
}

/** What became of the app requests of one endpoint whose trace holds one fault kind. */
export interface ResilienceRow {
  endpoint: string;
  /** The first fault the mock injected in the trace. */
  fault: string;
  /** App requests with this fault in their trace. */
  requests: number;
  /** Provider calls that carried the fault (a retrying app can meet more than one). */
  injectedCalls: number;
  /** 2xx to the app's user, complete. */
  absorbed: number;
  /** 2xx whose answer broke off (a cut stream): the user got part of it. */
  degraded: number;
  /** An error status, a timeout or a dropped connection reached the user. */
  surfaced: number;
  /** Median extra latency of the absorbed ones over the endpoint's fault-free successes, ms. */
  absorbedExtraMsP50: number | null;
  /** Up to three trace ids per outcome, for the trace view. */
  examples: { absorbed: string[]; degraded: string[]; surfaced: string[] };
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
const EXAMPLES = 3;

interface Call {
  /** Model and prompt size: a retry repeats its failed call's request. */
  key: string;
  startMs: number;
  endMs: number;
  failed: boolean;
  fault: string | undefined;
  cost: number | undefined;
}

interface AppRequest {
  traceId: string;
  endpoint: string;
  pattern: string;
  ok: boolean;
  errorClass: string | undefined;
  latencyMs: number;
  ttfbMs: number | undefined;
  calls: Call[];
}

/** Assemble the app section from the spans of a run's measured traces. */
export function buildAppSection(spans: readonly TraceSpan[]): AppSection {
  const byTrace = new Map<string, TraceSpan[]>();
  for (const s of spans) {
    const list = byTrace.get(s.traceId);
    if (list) list.push(s);
    else byTrace.set(s.traceId, [s]);
  }
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

function callOf(s: TraceSpan): Call {
  const status = Number(s.attrs.httpStatus ?? 0);
  const failed = s.attrs.faultKind !== undefined || s.attrs.noResponse === true || status >= 400;
  const usage = { inputTokens: s.attrs.inputTokens ?? 0, outputTokens: s.attrs.outputTokens ?? 0 };
  const cost = billedCost(status, s.attrs.model ?? '', usage);
  const key = `${s.name} ${s.attrs.model ?? ''} ${s.attrs.inputTokens ?? ''}`;
  return { key, startMs: s.startMs, endMs: s.startMs + s.durationMs, failed, fault: s.attrs.faultKind, cost };
}

function endpointLine(endpoint: string, rs: AppRequest[]): AppEndpoint {
  const ok = rs.filter((r) => r.ok).length;
  let total = 0;
  let failed = 0;
  let retries = 0;
  let cost: number | null = 0;
  for (const r of rs) {
    total += r.calls.length;
    failed += r.calls.filter((c) => c.failed).length;
    retries += retriesOf(r.calls);
    for (const c of r.calls) cost = c.cost === undefined || cost === null ? null : cost + c.cost;
  }
  return {
    endpoint,
    pattern: rs[0]?.pattern ?? '',
    requests: rs.length,
    ok,
    errors: rs.length - ok,
    latency: distribution(rs.map((r) => r.latencyMs)),
    ttfb: distribution(rs.flatMap((r) => (r.ttfbMs === undefined ? [] : [r.ttfbMs]))),
    providerCalls: { total, perRequest: distribution(rs.map((r) => r.calls.length)), failed, retries },
    costUsd: cost,
    costPerRequestUsd: cost === null || rs.length === 0 ? null : cost / rs.length,
  };
}

/**
 * Calls that repeat a failed call of the same trace: same route, model and prompt size, started
 * after it ended. Each failure is repeated at most once, so a fan-out's sibling calls, which
 * differ in prompt, are not counted as retries.
 */
function retriesOf(calls: Call[]): number {
  const failed: Call[] = [];
  let n = 0;
  for (const c of calls) {
    const i = failed.findIndex((f) => f.key === c.key && f.endMs <= c.startMs);
    if (i >= 0) {
      failed.splice(i, 1);
      n++;
    }
    if (c.failed) failed.push(c);
  }
  return n;
}

function resilienceRows(endpoint: string, rs: AppRequest[]): ResilienceRow[] {
  const clean = rs.filter((r) => r.ok && !r.calls.some((c) => c.fault)).map((r) => r.latencyMs);
  const baseline = percentile(clean, 50);
  const byFault = groupBy(
    rs.filter((r) => r.calls.some((c) => c.fault)),
    (r) => r.calls.find((c) => c.fault)?.fault ?? '',
  );
  return [...byFault].map(([fault, hit]) => {
    const row: ResilienceRow = {
      endpoint,
      fault,
      requests: hit.length,
      injectedCalls: hit.reduce((a, r) => a + r.calls.filter((c) => c.fault).length, 0),
      absorbed: 0,
      degraded: 0,
      surfaced: 0,
      absorbedExtraMsP50: null,
      examples: { absorbed: [], degraded: [], surfaced: [] },
    };
    const extra: number[] = [];
    for (const r of hit) {
      const fate = r.ok ? 'absorbed' : r.errorClass === 'stream_cut' ? 'degraded' : 'surfaced';
      row[fate]++;
      if (row.examples[fate].length < EXAMPLES) row.examples[fate].push(r.traceId);
      if (fate === 'absorbed' && baseline !== null) extra.push(r.latencyMs - baseline);
    }
    row.absorbedExtraMsP50 = percentile(extra, 50);
    return row;
  });
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
