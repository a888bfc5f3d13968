import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveTick } from '../src/contracts/live';
import { runSeries } from '../src/queries/run-series';
import { runSecondsWriter } from '../src/runs/run-seconds-writer';
import { openStore, type Store } from '../src/store/client';
import { migrate } from '../src/store/migrate';
import { MIGRATIONS } from '../src/store/migrations/index';

/** A driver row of `harness_requests` (the columns the series reads). */
const request = (ms: number, pattern: string, latency: number, over: Record<string, unknown> = {}) => ({
  Timestamp: new Date(Date.UTC(2026, 11, 6, 5, 0, 0, ms)).toISOString(),
  TraceId: `${pattern}-${ms}`,
  source: 'driver',
  run_id: 'old-run',
  scenario: 'smoke',
  pattern,
  provider: 'openai',
  model: 'gpt-4o-mini',
  outcome: 'ok',
  error_class: '',
  warmup: ms < 1000 ? 1 : 0,
  latency_ms: latency,
  ttft_ms: pattern === 'streaming' ? latency / 2 : null,
  lateness_ms: 0,
  cost_usd: 0.001,
  wasted_usd: 0,
  tokens_in: 10,
  tokens_out: 5,
  retries: 0,
  fallback: 0,
  ...over,
});

/**
 * The stored per-second series: figures by the metrics module (linear between closest ranks, the
 * report's estimator), per pattern, and the live gauges (planned rate, in flight, queue depth) that
 * a store from before they were kept gains by migration without losing its runs.
 */
describe('stored per-second series', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'run-series-'));
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ mode: 'embedded', dataDir });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('upgrades an old store, keeps its runs readable, and adds each tick’s gauges', async () => {
    await migrate(
      store,
      MIGRATIONS.filter((m) => m.id !== '0007_harness_run_seconds'),
    );
    await store.client.insert({
      table: 'harness_requests',
      format: 'JSONEachRow',
      values: [
        request(0, 'direct', 100),
        request(1100, 'direct', 10),
        request(1200, 'direct', 20),
        request(1300, 'direct', 30),
        request(1400, 'streaming', 400),
        request(1500, 'streaming', 0, { outcome: 'dropped' }),
        request(1600, 'batch', 900, { outcome: 'error', error_class: 'rate_limit' }),
      ],
    });
    expect(await migrate(store)).toEqual(['0007_harness_run_seconds']);
    expect(await migrate(store)).toEqual([]);

    const old = await runSeries(store, 'old-run');
    expect(old.map((p) => [p.t, p.warmup, p.requests, p.targetRpm, p.inFlight, p.queueDepth])).toEqual([
      [0, true, 1, null, null, null],
      [1, false, 6, null, null, null],
    ]);
    const s1 = old[1];
    // 10, 20, 30, 400, 900: p95 interpolates between 400 and 900 (rank 3.8), not the nearest row.
    expect(s1?.p95).toBeCloseTo(800, 9);
    expect(s1?.errorsByClass).toEqual({ rate_limit: 1 });
    expect(s1?.byPattern.direct).toEqual({
      n: 3,
      latencyMs: { p50: 20, p95: 29, p99: 29.8 },
      ttftMs: { p50: null, p95: null },
    });
    expect(s1?.byPattern.streaming?.n).toBe(1);
    expect(s1?.byPattern.streaming?.ttftMs.p50).toBe(200);
    expect(s1?.byPattern.batch?.latencyMs.p50).toBe(900);

    // Seconds count from the first scheduled request, not from clock-second boundaries.
    await store.client.insert({
      table: 'harness_requests',
      format: 'JSONEachRow',
      values: [
        request(500, 'direct', 5, { run_id: 'offset-run' }),
        request(1400, 'direct', 7, { run_id: 'offset-run' }),
      ],
    });
    expect((await runSeries(store, 'offset-run')).map((p) => [p.t, p.requests])).toEqual([[0, 2]]);

    const writer = runSecondsWriter(store);
    const tick = (t: number, targetRpm: number, inFlight: number) =>
      ({
        runId: 'old-run',
        t,
        warmup: t === 0,
        targetRpm,
        achievedRpm: 60,
        inFlight,
        queueDepth: t,
      }) as LiveTick;
    writer.record(tick(0, 120, 1));
    writer.record(tick(1, 360, 4));
    writer.record(tick(1, 360, 4)); // a retried insert: one row per second all the same
    writer.record(tick(2, 0, 2)); // the drain after the schedule: gauges only
    await writer.flush();
    const now = await runSeries(store, 'old-run');
    expect(now.map((p) => [p.t, p.targetRpm, p.inFlight, p.queueDepth, p.requests])).toEqual([
      [0, 120, 1, 0, 1],
      [1, 360, 4, 1, 6],
      [2, 0, 2, 2, 0],
    ]);
  });
});
