import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveTick } from '../harness/src/contracts/live';
import { getJson, post, sql, startTestStack, waitForRunEnd } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

describe('runs: start a scenario, watch it live, report and compare', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('runs a scenario end to end with live ticks, a reconciled store and reports in three formats', async () => {
    const socket = connect(stack.url, { transports: ['websocket'] });
    const ticks: LiveTick[] = [];
    socket.on('run:tick', (t) => ticks.push(t));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));

    const started = await post(`${stack.url}/api/runs`, { scenario: 'smoke', rate: '240/m', duration: '4s' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    const busy = await post(`${stack.url}/api/runs`, { scenario: 'smoke' });
    expect(busy.status).toBe(409);

    const run = await waitForRunEnd(stack, runId);
    socket.close();
    expect(run.status).toBe('completed');
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.some((t) => t.achievedRpm > 0)).toBe(true);

    const report = await getJson(`${stack.url}/api/runs/${runId}/report`);
    expect(report.accounting.identityHolds).toBe(true);
    expect(report.totals.scheduled).toBeGreaterThan(10);
    expect(report.patterns.map((p: { pattern: string }) => p.pattern).sort()).toEqual([
      'batch',
      'direct',
      'streaming',
    ]);
    expect(report.cost.totalUsd).toBeGreaterThan(0);
    await stack.spans.flush();
    const [row] = await sql(
      stack,
      `SELECT count() AS n FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}'`,
    );
    expect(Number(row?.n)).toBe(report.totals.scheduled);

    const md = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=md`)).text();
    expect(md).toContain(`# Run ${runId} — smoke`);
    expect(md).toMatch(/\| streaming \|/);
    const html = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=html`)).text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script src=|<link rel="stylesheet"/);
    const seed = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=seed`)).text();
    expect(seed).toMatch(/Total per day: seed \$1750/);

    const series = await getJson(`${stack.url}/api/runs/${runId}/series`);
    expect(series.series.length).toBeGreaterThan(1);
    expect(series.series.reduce((a: number, p: { requests: number }) => a + p.requests, 0)).toBe(
      report.totals.scheduled,
    );
    // Every live tick's planned rate and gauges are kept, so the finished run shows them too.
    type Point = { t: number; targetRpm: number | null; inFlight: number | null; byPattern: object };
    const stored = new Map((series.series as Point[]).map((p) => [p.t, p]));
    // (the last tick of each second: a tick delayed past the next one repeats its second)
    const lastOf = new Map(ticks.filter((x) => !x.final).map((x) => [x.t, x]));
    for (const t of lastOf.values())
      expect(stored.get(t.t), `second ${t.t}`).toMatchObject({
        targetRpm: t.targetRpm,
        inFlight: t.inFlight,
      });
    expect(ticks.some((t) => Object.keys(t.byPattern).length > 0)).toBe(true);
    expect(new Set((series.series as Point[]).flatMap((p) => Object.keys(p.byPattern)))).toEqual(
      new Set(['batch', 'direct', 'streaming']),
    );
    const patterns = await getJson(`${stack.url}/api/patterns?run=${runId}`);
    expect(patterns.patterns.map((p: { pattern: string }) => p.pattern).sort()).toEqual([
      'batch',
      'direct',
      'streaming',
    ]);
    const traces = await getJson(`${stack.url}/api/traces?run=${runId}&pattern=streaming&limit=3`);
    expect(traces.traces.length).toBeGreaterThan(0);
    const trace = await getJson(`${stack.url}/api/traces/${traces.traces[0].traceId}`);
    const names = trace.spans.map((x: { name: string }) => x.name);
    expect(names).toEqual(
      expect.arrayContaining(['load_request streaming', 'invoke_workflow streaming', 'chat gpt-4o-mini']),
    );
    const config = await getJson(`${stack.url}/api/mock/config`);
    expect(config).toHaveProperty('profile');

    const second = await post(`${stack.url}/api/runs`, { scenario: 'smoke', rate: '240/m', duration: '3s' });
    await waitForRunEnd(stack, second.body.runId);
    const cmp = await getJson(`${stack.url}/api/compare?a=${runId}&b=${second.body.runId}`);
    const p95 = cmp.metrics.find(
      (m: { name: string; pattern?: string }) => m.name === 'latency p95' && !m.pattern,
    );
    expect(p95.ci).toHaveLength(2);
    expect(p95.samples.baseline).toBeGreaterThan(0);
    expect(
      new Set(cmp.metrics.flatMap((m: { pattern?: string }) => (m.pattern ? [m.pattern] : []))).size,
    ).toBe(3);
    expect(cmp.warnings).toEqual([]);
  }, 90_000);

  it('answers bad run requests with errors naming the problem', async () => {
    const unknown = await post(`${stack.url}/api/runs`, { scenario: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/valid names are .*smoke/);
    const badRate = await post(`${stack.url}/api/runs`, { scenario: 'smoke', rate: 'fast' });
    expect(badRate.status).toBe(400);
    expect(badRate.body.error.message).toMatch(/fast/);
    const badDuration = await post(`${stack.url}/api/runs`, { scenario: 'smoke', duration: '5 minutes' });
    expect(badDuration.status).toBe(400);
    expect((await fetch(`${stack.url}/api/runs/nope-123/report`)).status).toBe(404);
    expect((await fetch(`${stack.url}/api/runs/bad%20id`)).status).toBe(400);
  });
});
