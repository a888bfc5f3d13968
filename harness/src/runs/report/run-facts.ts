import type { Store } from '../../store/client';

/** What only the store knows about a run: its spans, the waste and retries, the mock's ground truth. */
export interface RunFacts {
  store: { spans: number; ok: number; errors: number; dropped: number };
  byPattern: Record<string, { wastedUsd: number; retries: number }>;
  fidelity: { injected: Record<string, number>; observed: Record<string, number> };
}

const RUN_SPANS = `SELECT TraceId FROM otel_traces
  WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = {run:String}`;

async function rows<T>(store: Store, query: string, run: string): Promise<T[]> {
  const r = await store.client.query({ query, query_params: { run }, format: 'JSONEachRow' });
  return r.json<T>();
}

/**
 * Query the store for one run (all parameters bound, nothing spliced): the driver's spans by
 * outcome, wasted cost and retries per pattern from the invoke spans, and per class what the mock
 * injected (its SERVER spans' `error.type`) against what the driver observed.
 */
export async function queryRunFacts(store: Store, run: string): Promise<RunFacts> {
  const [counts] = await rows<{ spans: string; ok: string; errors: string; dropped: string }>(
    store,
    `SELECT count() AS spans,
            countIf(SpanAttributes['harness.outcome'] = 'ok') AS ok,
            countIf(SpanAttributes['harness.outcome'] = 'error') AS errors,
            countIf(SpanAttributes['harness.outcome'] = 'dropped') AS dropped
     FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = {run:String}`,
    run,
  );
  const waste = await rows<{ pattern: string; wasted: number; retries: string }>(
    store,
    `SELECT SpanAttributes['harness.pattern'] AS pattern,
            sum(toFloat64OrZero(SpanAttributes['harness.cost.wasted_usd'])) AS wasted,
            sum(toUInt64OrZero(SpanAttributes['harness.retries'])) AS retries
     FROM otel_traces WHERE SpanName LIKE 'invoke_workflow %' AND SpanAttributes['harness.run.id'] = {run:String}
     GROUP BY pattern`,
    run,
  );
  const injected = await rows<{ kind: string; n: string }>(
    store,
    `SELECT SpanAttributes['error.type'] AS kind, count() AS n FROM otel_traces
     WHERE ServiceName = 'mock-providers' AND SpanAttributes['error.type'] != '' AND TraceId IN (${RUN_SPANS})
     GROUP BY kind`,
    run,
  );
  const observed = await rows<{ kind: string; n: string }>(
    store,
    `SELECT SpanAttributes['error.type'] AS kind, count() AS n FROM otel_traces
     WHERE ServiceName = 'harness' AND SpanKind = 'Client'
       AND SpanAttributes['harness.attempt'] != '' AND SpanAttributes['error.type'] != '' AND TraceId IN (${RUN_SPANS})
     GROUP BY kind`,
    run,
  );
  const toMap = (xs: { kind: string; n: string }[]) =>
    Object.fromEntries(xs.map((x) => [x.kind, Number(x.n)]));
  return {
    store: {
      spans: Number(counts?.spans ?? 0),
      ok: Number(counts?.ok ?? 0),
      errors: Number(counts?.errors ?? 0),
      dropped: Number(counts?.dropped ?? 0),
    },
    byPattern: Object.fromEntries(
      waste.map((w) => [w.pattern, { wastedUsd: Number(w.wasted), retries: Number(w.retries) }]),
    ),
    fidelity: { injected: toMap(injected), observed: toMap(observed) },
  };
}
