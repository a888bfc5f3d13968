import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokePortClient } from '../harness/src/driver/invoke-port-client';
import type { RunRecord } from '../harness/src/runs/registry';
import { openStore, type Store } from '../harness/src/store/client';
import { startTestStack } from './helpers';
import {
  afterVerdicts,
  expectOneSpanPerRequest,
  identityHolds,
  incomplete,
  okTraces,
  type Query,
  smoke,
  THREADED,
  type Totals,
  viaApi,
} from './topology-support';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

describe('threaded topology: the mock thread dies under a run', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(THREADED);
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('fails the run with the reason, losing and double-counting no request', async () => {
    const thread = stack.mock?.thread;
    if (!thread) throw new Error('the mock has no thread');
    const run = stack.runs.manager.start({
      scenario: await smoke(),
      overrides: { rateRpm: 240, durationMs: 60_000 },
    });
    await afterVerdicts(run, 3);
    thread.crash();
    const result = await run.result;
    const record = (await stack.runs.registry.get(run.info.runId)) as RunRecord;
    const summary = record.summary as { error?: string; summary?: { totals: Totals } };
    expect(record.status).toBe('failed');
    expect(summary.error).toMatch(/mock thread/);
    const t = result?.summary.totals as Totals;
    expect(t.notStarted).toBeGreaterThan(0);
    expect(identityHolds(t)).toBe(true);
    expect(summary.summary?.totals).toEqual(t);
    await expectOneSpanPerRequest(viaApi(stack), run.info.runId, t);
  }, 120_000);
});

describe('threaded topology: shutdown', () => {
  let dataDir: string;
  let store: Store | undefined;
  afterAll(async () => {
    await store?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes every span the workers still hold before it lets go of the store', async () => {
    const stack = await startTestStack(THREADED);
    dataDir = (stack.store.config as { dataDir: string }).dataDir;
    const run = stack.runs.manager.start({
      scenario: await smoke(),
      overrides: { rateRpm: 240, durationMs: 3000 },
    });
    const result = await run.result;
    const t = result?.summary.totals as Totals;
    // requests after the run's own flush: their spans are still in the workers when close begins
    const ports = (stack.clientWorkers?.openInvokePorts() ?? []).map(invokePortClient);
    const signal = new AbortController().signal;
    const late = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        ports[i % ports.length]?.call('direct', { provider: 'openai', model: 'gpt-4o-mini' }, {}, signal),
      ),
    );
    for (const p of ports) p.close();
    expect(late.map((r) => r?.status)).toEqual(Array(6).fill(200));
    await stack.close();

    store = await openStore({ mode: 'embedded', dataDir });
    const query: Query = async (q) =>
      (await (store as Store).client.query({ query: q, format: 'JSONEachRow' })).json();
    await expectOneSpanPerRequest(query, run.info.runId, t);
    const traces = await okTraces(query, run.info.runId);
    expect(traces).toHaveLength(t.ok);
    expect(incomplete(traces)).toEqual([]);
    const traceIds = late.map((r) => (r?.body as { traceId?: string } | undefined)?.traceId ?? '');
    const ids = traceIds.map((id) => `'${id}'`).join(',');
    const rows = await query<{ t: string; client: string; mock: string }>(
      `SELECT TraceId AS t,
              countIf(ServiceName = 'harness' AND SpanName = 'invoke_workflow direct') AS client,
              countIf(ServiceName = 'mock-providers' AND SpanKind = 'Server') AS mock
       FROM otel_traces WHERE TraceId IN (${ids}) GROUP BY t ORDER BY t`,
    );
    expect(rows).toEqual(
      traceIds.map((id) => ({ t: id, client: '1', mock: '1' })).sort((a, b) => a.t.localeCompare(b.t)),
    );
  }, 90_000);
});
