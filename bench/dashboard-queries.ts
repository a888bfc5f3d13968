/**
 * Dashboard queries at scale: generate BENCH_DASHBOARD_SPANS spans (default 10 M) shaped like real
 * runs (driver `load_request …`, `invoke_workflow …`, logical and attempt `chat …` spans, the mock's
 * ground-truth SERVER spans, retries and faults) across several runs, insert them straight into
 * `otel_traces` in big batches (so the `harness_requests` view fills as in production), then time
 * every panel's query: median of 5 each. Goal: every query < 200 ms; the ratio is slowest / 200 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { patternStats } from '../harness/src/queries/pattern-stats';
import { runSeries } from '../harness/src/queries/run-series';
import { searchTraces, traceSpans } from '../harness/src/queries/traces';
import { queryRunFacts } from '../harness/src/runs/report/run-facts';
import { openStore } from '../harness/src/store/client';
import { migrate } from '../harness/src/store/migrate';
import { generate } from './dashboard-spans';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const SPANS = Number(process.env.BENCH_DASHBOARD_SPANS ?? 10_000_000);
const GOAL_MS = 200;

async function median5(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm caches and compile the query once
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

/** Generate, then time every dashboard panel's query on the same store. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-dash-'));
  const store = await openStore({ mode: 'embedded', dataDir: dir });
  try {
    await migrate(store);
    const g0 = performance.now();
    const { runIds, spans, traceId } = await generate(store, SPANS);
    const genSeconds = (performance.now() - g0) / 1000;
    const [a, b] = runIds as [string, string];
    const queries: [string, () => Promise<unknown>][] = [
      ['runSeries (live history)', () => runSeries(store, a)],
      ['patternStats', () => patternStats(store, a)],
      ['searchTraces run', () => searchTraces(store, { runId: a, limit: 100 })],
      ['searchTraces run+pattern', () => searchTraces(store, { runId: a, pattern: 'streaming', limit: 100 })],
      [
        'searchTraces run+errorClass',
        () => searchTraces(store, { runId: a, errorClass: 'overloaded', limit: 100 }),
      ],
      [
        'searchTraces run+minLatency',
        () => searchTraces(store, { runId: a, minLatencyMs: 1000, limit: 100 }),
      ],
      ['searchTraces all runs', () => searchTraces(store, { limit: 100 })],
      ['traceSpans (waterfall)', () => traceSpans(store, traceId)],
      ['compare: two runSeries', () => Promise.all([runSeries(store, a), runSeries(store, b)])],
      ['report: queryRunFacts', () => queryRunFacts(store, a)],
    ];
    const timed: [string, number][] = [];
    for (const [name, fn] of queries) timed.push([name, await median5(fn)]);
    const slowest = timed.reduce((x, y) => (y[1] > x[1] ? y : x));
    const all = timed.map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join('; ');
    return [
      {
        goal: `every dashboard query < ${GOAL_MS} ms (median of 5) over ${spans.toLocaleString('en')} spans`,
        measured: `slowest ${slowest[0]} ${slowest[1].toFixed(0)} ms — ${all}`,
        ratio: slowest[1] / GOAL_MS,
        pass: slowest[1] < GOAL_MS,
      },
      {
        goal: 'generate and insert the spans (informational)',
        measured: `${spans.toLocaleString('en')} spans in ${genSeconds.toFixed(1)} s (${Math.round(spans / genSeconds).toLocaleString('en')} spans/s)`,
        ratio: null,
        pass: null,
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'dashboard-queries' })));
