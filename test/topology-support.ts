/**
 * Shared pieces of the topology suites: the threaded stack's settings, a short smoke scenario, and
 * what the store says about one run's requests (driver spans, and the client's and mock's spans in
 * their traces).
 */
import { expect } from 'vitest';
import type { ActiveRun } from '../harness/src/runs/run-manager';
import { loadScenario } from '../harness/src/scenarios/load';
import type { Scenario } from '../harness/src/scenarios/schema';
import type { Stack } from '../harness/src/stack';
import { sql } from './helpers';
import { waitFor } from './reliability/support';

/** The topology under test: two client workers, the mock and each run's driver on threads. */
export const THREADED = { workers: { client: 2, mock: 1, driverThread: true } } as const;

/** `smoke` without warm-up, so every scheduled request counts. */
export async function smoke(): Promise<Scenario> {
  return { ...(await loadScenario('smoke')), warmup: '0s' };
}

/** Run totals (the driver's accounting). */
export interface Totals {
  scheduled: number;
  ok: number;
  errors: number;
  dropped: number;
  inFlightAtStop: number;
  notStarted: number;
}

/** scheduled = ok + errors + dropped + in flight at stop + not started. */
export const identityHolds = (t: Totals) =>
  t.scheduled === t.ok + t.errors + t.dropped + t.inFlightAtStop + t.notStarted;

/** Wait until the run's live feed counted `n` verdicts (so requests went out), then return. */
export async function afterVerdicts(run: ActiveRun, n: number): Promise<void> {
  await waitFor(`${n} verdicts`, () => (run.lastTick?.totals.scheduled ?? 0) >= n, {
    timeoutMs: 30_000,
    everyMs: 20,
  });
}

/** Rows of a query on the store, however it is reached (the API, or a store opened by hand). */
export type Query = <T = Record<string, string>>(q: string) => Promise<T[]>;

/** Query through a running stack's SQL API. */
export const viaApi =
  (stack: Stack): Query =>
  (q) =>
    sql(stack, q);

/** The run's driver spans: how many, per outcome, distinct schedule indexes, the highest index. */
export async function driverSpans(query: Query, runId: string) {
  const [row] = await query<Record<string, string>>(
    `SELECT count() AS n,
            countIf(SpanAttributes['harness.outcome'] = 'ok') AS ok,
            countIf(SpanAttributes['harness.outcome'] = 'error') AS errors,
            countIf(SpanAttributes['harness.outcome'] = 'dropped') AS dropped,
            uniqExact(SpanAttributes['harness.schedule.index']) AS distinct,
            max(toUInt64(SpanAttributes['harness.schedule.index'])) AS maxIndex
     FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}'`,
  );
  const n = (k: string) => Number(row?.[k] ?? 0);
  return {
    n: n('n'),
    ok: n('ok'),
    errors: n('errors'),
    dropped: n('dropped'),
    distinct: n('distinct'),
    maxIndex: n('maxIndex'),
  };
}

/**
 * Every sent or dropped request is one driver span, none twice, and none of the requests that were
 * never started or were cut off at the stop has one (they are the highest indexes or in flight);
 * no request the client served lacks its driver span.
 */
export async function expectOneSpanPerRequest(query: Query, runId: string, t: Totals): Promise<void> {
  const spans = await driverSpans(query, runId);
  expect({ ok: spans.ok, errors: spans.errors, dropped: spans.dropped }).toEqual({
    ok: t.ok,
    errors: t.errors,
    dropped: t.dropped,
  });
  expect(spans.distinct).toBe(spans.n);
  expect(spans.n).toBe(t.scheduled - t.notStarted - t.inFlightAtStop);
  if (spans.n > 0) expect(spans.maxIndex).toBeLessThan(t.scheduled - t.notStarted);
  // and every request a client worker served belongs to one of them
  const [orphans] = await query<{ n: string }>(
    `SELECT count() AS n FROM otel_traces WHERE SpanName LIKE 'invoke_workflow %'
       AND SpanAttributes['harness.run.id'] = '${runId}'
       AND TraceId NOT IN (SELECT TraceId FROM otel_traces WHERE SpanName LIKE 'load_request %'
                           AND SpanAttributes['harness.run.id'] = '${runId}')`,
  );
  expect(Number(orphans?.n)).toBe(0);
}

/**
 * Per ok driver span of the run: its pattern, the client's `invoke_workflow` spans and the mock's
 * SERVER spans in its trace.
 */
export async function okTraces(query: Query, runId: string) {
  return query<OkTrace>(
    `SELECT d.TraceId AS t, any(d.SpanAttributes['harness.pattern']) AS pattern,
            countIf(o.ServiceName = 'harness' AND o.SpanName LIKE 'invoke_workflow %') AS client,
            countIf(o.ServiceName = 'mock-providers' AND o.SpanKind = 'Server') AS mock
     FROM otel_traces AS d INNER JOIN otel_traces AS o ON o.TraceId = d.TraceId
     WHERE d.SpanName LIKE 'load_request %' AND d.SpanAttributes['harness.run.id'] = '${runId}'
       AND d.SpanAttributes['harness.outcome'] = 'ok'
     GROUP BY t`,
  );
}

/** One ok request's trace, as `okTraces` reads it. */
export interface OkTrace {
  t: string;
  pattern: string;
  client: string;
  mock: string;
}

/**
 * Traces lacking the client's root span, or the mock's SERVER span: a direct or streaming request
 * makes its own provider calls; a batch request's item goes out in a batch that another request's
 * trace may hold, so only its client span is required here.
 */
export const incomplete = (rows: OkTrace[]) =>
  rows.filter((r) => Number(r.client) !== 1 || (r.pattern !== 'batch' && Number(r.mock) < 1));
