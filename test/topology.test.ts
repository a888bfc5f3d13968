import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../harness/src/runs/registry';
import { startTestStack } from './helpers';
import { waitFor } from './reliability/support';
import {
  afterVerdicts,
  expectOneSpanPerRequest,
  identityHolds,
  incomplete,
  okTraces,
  smoke,
  THREADED,
  type Totals,
  viaApi,
} from './topology-support';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** What a run's record says at its end: status, the failure's reason, totals, the loops measured. */
async function ended(stack: TestStack, runId: string) {
  const record = (await stack.runs.registry.get(runId)) as RunRecord;
  const summary = record.summary as {
    error?: string;
    summary?: { totals: Totals };
    instrument?: { loops: Array<{ name: string }> } | null;
  };
  return {
    status: record.status,
    error: summary.error,
    totals: summary.summary?.totals as Totals,
    loops: summary.instrument?.loops.map((l) => l.name),
  };
}

describe('threaded topology: the mock, two client workers and the driver on threads of their own', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(THREADED);
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('runs to the end: every request is one driver span, its trace holds the client and the mock', async () => {
    expect(stack.mock?.where).toBe('worker thread');
    expect(stack.clientWorkers?.alive).toBe(2);
    const run = stack.runs.manager.start({
      scenario: await smoke(),
      overrides: { rateRpm: 240, durationMs: 3000 },
    });
    const result = await run.result;
    const rec = await ended(stack, run.info.runId);
    expect(rec.status, rec.error).toBe('completed');
    const t = result?.summary.totals as Totals;
    expect(t.scheduled).toBeGreaterThan(5);
    expect(t.notStarted + t.inFlightAtStop).toBe(0);
    expect(identityHolds(t)).toBe(true);
    const query = viaApi(stack);
    await expectOneSpanPerRequest(query, run.info.runId, t);
    // the run's end flushed every pipeline, the workers' included
    const traces = await okTraces(query, run.info.runId);
    expect(traces).toHaveLength(t.ok);
    expect(traces.filter((r) => r.pattern !== 'batch').length).toBeGreaterThan(0);
    expect(incomplete(traces)).toEqual([]);
    expect(rec.loops).toEqual([
      'harness',
      'driver thread',
      'mock thread',
      'client worker 1',
      'client worker 2',
    ]);
  }, 90_000);

  it('a client worker that dies fails the run, loses no request, and is replaced for the next run', async () => {
    const pool = stack.clientWorkers;
    if (!pool) throw new Error('no client workers');
    const dead = pool.workers[0];
    const run = stack.runs.manager.start({
      scenario: await smoke(),
      overrides: { rateRpm: 240, durationMs: 60_000 },
    });
    await afterVerdicts(run, 3);
    dead?.crash();
    const result = await run.result;
    const rec = await ended(stack, run.info.runId);
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatch(/client worker 1/);
    const t = result?.summary.totals as Totals;
    expect(t.notStarted).toBeGreaterThan(0);
    expect(identityHolds(t)).toBe(true);
    expect(rec.totals).toEqual(t);
    await expectOneSpanPerRequest(viaApi(stack), run.info.runId, t);

    // the pool put a new worker in its place
    await waitFor('the replacement worker', () => pool.alive === 2 && pool.workers[0] !== dead, {
      timeoutMs: 30_000,
    });
    const next = stack.runs.manager.start({
      scenario: await smoke(),
      overrides: { rateRpm: 240, durationMs: 3000 },
    });
    const nextResult = await next.result;
    const nextRec = await ended(stack, next.info.runId);
    expect(nextRec.status, nextRec.error).toBe('completed');
    const nt = nextResult?.summary.totals as Totals;
    expect(identityHolds(nt)).toBe(true);
    await expectOneSpanPerRequest(viaApi(stack), next.info.runId, nt);
    // both workers served the run (sends go to each in turn) and both loops were measured
    expect(nextRec.loops).toEqual([
      'harness',
      'driver thread',
      'mock thread',
      'client worker 1',
      'client worker 2',
    ]);
    const traces = await okTraces(viaApi(stack), next.info.runId);
    expect(traces).toHaveLength(nt.ok);
    expect(incomplete(traces)).toEqual([]);
  }, 120_000);
});
