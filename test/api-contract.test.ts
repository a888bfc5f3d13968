/**
 * The route map is the API: every route of `API_ROUTES` is called through the typed client against
 * a real stack (real runs, real store, the in-process mock), and every answer must match the route's
 * response schema (the client checks it and throws ApiContractError otherwise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, type ApiClient, createApiClient, type RouteName } from '../harness/src/contracts';
import { startTestStack } from './helpers';

describe('API contract: every route answers what its schema says', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let api: ApiClient;
  const called = new Set<RouteName>();
  const call: ApiClient['call'] = (name, opts) => {
    called.add(name);
    return api.call(name, opts);
  };
  /** Start a run and wait for its end through the manager (no polling of wall time). */
  const run = async (duration: string) => {
    const started = await call('startRun', { body: { scenario: 'smoke', rate: '240/m', duration } });
    await stack.runs.manager.active().find((r) => r.info.runId === started.runId)?.result;
    return started.runId;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    api = createApiClient({ baseUrl: stack.url });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('walks the route map on a real stack', async () => {
    expect((await call('health')).ok).toBe(true);
    expect((await call('scenarios')).map((s) => s.name)).toContain('smoke');
    expect((await call('mockProfiles')).map((p) => p.name)).toContain('outage');
    const config = await call('mockConfig');
    expect((await call('putMockConfig', { body: { timeScale: config.timeScale } })).timeScale).toBe(
      config.timeScale,
    );
    // An inline profile is a setting too: the answer (and every run record that keeps it) parses.
    const inline = await call('putMockConfig', { body: { profile: { faults: { server_error: 0.01 } } } });
    expect(inline.profile).toMatchObject({ faults: { server_error: 0.01 } });
    await call('putMockConfig', { body: { profile: config.profile } });
    await call('mockReset');
    const invoked = await call('invoke', {
      params: { pattern: 'direct' },
      body: { provider: 'openai', model: 'gpt-4o-mini', input: 'hello' },
    });
    expect(invoked).toMatchObject({ ok: true, pattern: 'direct', calls: 1 });

    const runId = await run('3s');
    await stack.spans.flush();
    expect((await call('listRuns')).runs.map((r) => r.runId)).toContain(runId);
    expect((await call('getRun', { params: { id: runId } })).run.runId).toBe(runId);
    const report = await call('report', { params: { id: runId } });
    expect(report.accounting.identityHolds).toBe(true);
    const instrument = await call('instrument', { params: { id: runId } });
    expect(instrument?.compared).toBeGreaterThan(0);
    expect((await call('series', { params: { id: runId } })).series.length).toBeGreaterThan(0);
    expect((await call('patterns', { query: { run: runId } })).patterns.length).toBeGreaterThan(0);
    expect((await call('compare', { query: { baseline: runId, candidates: runId } })).baseline.runId).toBe(
      runId,
    );
    const hits = (await call('traces', { query: { run: runId, limit: 5 } })).traces;
    expect(hits.length).toBeGreaterThan(0);
    const traceId = hits[0]?.traceId ?? '';
    expect((await call('trace', { params: { traceId } })).spans.length).toBeGreaterThan(1);
    expect((await call('spanServices')).services).toContain('harness-driver');
    expect((await call('spans', { query: { service: 'harness-driver', limit: 5 } })).traces.length).toBe(5);
    expect((await call('mockStats')).requests).toBeGreaterThan(0);
    expect((await call('sql', { body: { query: 'SELECT 1 AS one' } })).rows).toEqual([{ one: 1 }]);
    // k6's URL-target arrivals, for a run no k6 of this harness owns: nothing opened, nothing recorded.
    const nobody = { id: 'no-k6-run', index: '0' };
    expect(await call('arrivalBegin', { params: nobody, body: { latenessMs: 0 } })).toEqual({
      listening: false,
      headers: {},
    });
    expect(await call('arrivalEnd', { params: nobody, body: { latenessMs: 0, httpStatus: 200 } })).toEqual({
      recorded: false,
    });

    // A run stopped mid-way.
    const long = await call('startRun', { body: { scenario: 'smoke', rate: '60/m', duration: '60s' } });
    expect(await call('stopRun', { params: { id: long.runId } })).toEqual({ stopping: long.runId });
    await stack.runs.manager.active().find((r) => r.info.runId === long.runId)?.result;

    expect([...called].sort()).toEqual(Object.keys(API_ROUTES).sort());
  }, 120_000);

  it('rejects a bad request with the field named, and an answer that breaks the contract', async () => {
    await expect(call('spans', { query: { attr: 'no-equals' } })).rejects.toThrow(/attr: expected key=value/);
    const liar = createApiClient({
      baseUrl: 'http://127.0.0.1:1',
      fetch: async () => new Response(JSON.stringify({ runs: [{ runId: 7 }] }), { status: 200 }),
    });
    await expect(liar.call('listRuns')).rejects.toThrow(/breaks the API contract at "runs.0.runId"/);
  });
});
