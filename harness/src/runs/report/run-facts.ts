import type { Store } from '../../store/client';

/** What only the store knows about a run: its spans, the waste and retries, the mock's ground truth. */
export interface RunFacts {
  store: { spans: number; ok: number; errors: number; dropped: number };
  byPattern: Record<string, { wastedUsd: number; retries: number }>;
  fidelity: { injected: Record<string, number>; observed: Record<string, number> };
  confusion: ConfusionCell[];
}

/**
 * One cell of the per-request confusion matrix: measured requests (sent, warm-up excluded) whose
 * attempts the mock injected `injected` into (its SERVER spans in the request's trace; several kinds
 * joined by '+'; 'none') and whose outcome the client reported as `observed` ('ok' or its error class).
 */
export interface ConfusionCell {
  injected: string;
  observed: string;
  requests: number;
}

async function rows<T>(store: Store, query: string, run: string): Promise<T[]> {
  const r = await store.client.query({ query, query_params: { run }, format: 'JSONEachRow' });
  return r.json<T>();
}

/**
 * Spans of this run's troubled traces, found fast. A fault the mock injects always costs the unit
 * an extra attempt, a fallback or its success, so only units with retries, a fallback or an error
 * can hold one: their trace ids and the run's time range come from `harness_requests` (sorted by
 * run), and `harness_faults` is read in that window.
 */
const IN_RUN_TRACES = `
  TraceId IN (SELECT TraceId FROM harness_requests
              WHERE run_id = {run:String} AND source = 'invoke' AND (retries > 0 OR fallback = 1 OR outcome = 'error'))
  AND Timestamp >= (SELECT min(Timestamp) FROM harness_requests WHERE run_id = {run:String}) - INTERVAL 1 MINUTE
  AND Timestamp <= (SELECT max(Timestamp) FROM harness_requests WHERE run_id = {run:String}) + INTERVAL 15 MINUTE`;

/**
 * Every invoke trace of the run, in the same time window: the confusion matrix's population. A
 * fault the client absorbed without a retry (a stall, a content filter) leaves no trouble on the
 * invoke row, yet it was injected and must be counted in its row, not under `none`.
 */
const ALL_RUN_TRACES = `
  TraceId IN (SELECT TraceId FROM harness_requests WHERE run_id = {run:String} AND source = 'invoke')
  AND Timestamp >= (SELECT min(Timestamp) FROM harness_requests WHERE run_id = {run:String}) - INTERVAL 1 MINUTE
  AND Timestamp <= (SELECT max(Timestamp) FROM harness_requests WHERE run_id = {run:String}) + INTERVAL 15 MINUTE`;

/**
 * Query the store for one run (all parameters bound, nothing spliced): the driver's spans by
 * outcome, wasted cost and retries per pattern from the invoke spans, and per class what the mock
 * injected (its SERVER spans' `error.type`) against what the client's attempts observed.
 */
export async function queryRunFacts(store: Store, run: string): Promise<RunFacts> {
  const countsQuery = rows<{ spans: string; ok: string; errors: string; dropped: string }>(
    store,
    `SELECT count() AS spans, countIf(outcome = 'ok') AS ok, countIf(outcome = 'error') AS errors,
            countIf(outcome = 'dropped') AS dropped
     FROM harness_requests WHERE run_id = {run:String} AND source = 'driver'`,
    run,
  );
  const wasteQuery = rows<{ pattern: string; wasted: number; retries: string }>(
    store,
    `SELECT pattern, sum(wasted_usd) AS wasted, sum(retries) AS retries
     FROM harness_requests WHERE run_id = {run:String} AND source = 'invoke' GROUP BY pattern`,
    run,
  );
  // Both sides of the fidelity table from the small per-fault table, for this run's troubled traces.
  const faultsQuery = rows<{ side: string; kind: string; n: string }>(
    store,
    `SELECT side, kind, count() AS n FROM harness_faults WHERE ${IN_RUN_TRACES} GROUP BY side, kind`,
    run,
  );
  const confusionQuery = rows<{ injected: string; observed: string; n: string }>(
    store,
    `SELECT injected, observed, count() AS n FROM (
       SELECT if(d.outcome = 'ok', 'ok', d.error_class) AS observed, if(f.kinds = '', 'none', f.kinds) AS injected
       FROM (SELECT TraceId, outcome, error_class FROM harness_requests
             WHERE run_id = {run:String} AND source = 'driver' AND warmup = 0 AND outcome != 'dropped') AS d
       LEFT JOIN (SELECT TraceId, arrayStringConcat(arraySort(groupUniqArray(kind)), '+') AS kinds
                  FROM harness_faults WHERE side = 'injected' AND ${ALL_RUN_TRACES} GROUP BY TraceId) AS f
       ON d.TraceId = f.TraceId)
     GROUP BY injected, observed ORDER BY injected, observed`,
    run,
  );
  const [[counts], waste, faults, confusion] = await Promise.all([
    countsQuery,
    wasteQuery,
    faultsQuery,
    confusionQuery,
  ]);
  const injected = faults.filter((f) => f.side === 'injected');
  const observed = faults.filter((f) => f.side === 'observed');
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
    confusion: confusion.map((c) => ({ injected: c.injected, observed: c.observed, requests: Number(c.n) })),
  };
}
