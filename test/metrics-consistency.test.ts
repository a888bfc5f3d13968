import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryText } from '../harness/src/cli/summary-table';
import type { Comparison } from '../harness/src/contracts/compare';
import type { LiveTick } from '../harness/src/contracts/live';
import type { PatternStats } from '../harness/src/queries/pattern-stats';
import { fmt } from '../harness/src/runs/report/format';
import type { RunReport } from '../harness/src/runs/report/report-data';
import { getJson, post, startTestStack } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/**
 * One number, one value: a short real run (real stack, real chDB, the mock's seed-typical faults),
 * then its p95, error rate and cost per 1K read from the CLI summary, every report format,
 * `/api/patterns`, `/api/compare` and the live feed's final tick must be the same number.
 */
describe('every view shows the same figures for one run', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('CLI summary, md/json/html/seed reports, /api/patterns, /api/compare and the live feed agree', async () => {
    const socket = connect(stack.url, { transports: ['websocket'] });
    const ticks: LiveTick[] = [];
    socket.on('run:tick', (t) => ticks.push(t));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const started = await post(`${stack.url}/api/runs`, { scenario: 'smoke', rate: '300/m', duration: '5s' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    const finished = new Promise<void>((resolve) =>
      socket.on('run:finished', (r) => r.runId === runId && resolve()),
    );
    await finished;
    socket.close();

    const report = (await getJson(`${stack.url}/api/runs/${runId}/report`)) as RunReport;
    // The population: warm-up excluded, so the measured window is smaller than everything scheduled.
    expect(report.totals.scheduled).toBeGreaterThan(report.accounting.scheduled);
    expect(report.store.reconciled).toBe(true);
    const measured = report.accounting.ok + report.accounting.errors + report.accounting.dropped;
    expect(report.patterns.reduce((a, p) => a + p.requests, 0)).toBe(measured);
    expect(report.latency.p95).not.toBeNull();
    expect(report.cost.per1kRequests).not.toBeNull();

    // The per-request confusion matrix covers every measured request that was sent, once, and its
    // columns are the client's outcomes.
    const sent = report.accounting.ok + report.accounting.errors;
    expect(report.confusion.reduce((a, c) => a + c.requests, 0)).toBe(sent);
    const okCells = report.confusion.filter((c) => c.observed === 'ok');
    expect(okCells.reduce((a, c) => a + c.requests, 0)).toBe(report.accounting.ok);
    for (const [cls, n] of Object.entries(report.errorsByClass))
      expect(report.confusion.filter((c) => c.observed === cls).reduce((a, c) => a + c.requests, 0)).toBe(n);

    // The live feed's final tick (the driver's own memory) equals the report (the store).
    const last = ticks.filter((t) => t.runId === runId).at(-1);
    expect(last?.final).toBe(true);
    expect(last?.measured.latencyMs).toEqual({
      p50: report.latency.p50,
      p95: report.latency.p95,
      p99: report.latency.p99,
    });
    expect(last?.measured.ttftMs).toEqual({ p50: report.ttft.p50, p95: report.ttft.p95 });
    expect(last?.measured.errorRate).toBe(report.errorRate);
    expect(last?.measured.costUsd).toBe(report.cost.totalUsd);
    expect(last?.measured.costPer1k).toBe(report.cost.per1kRequests);
    expect(last?.measured.ok).toBe(report.accounting.ok);

    // /api/patterns: the same values, not just close ones.
    const patterns = (await getJson(`${stack.url}/api/patterns?run=${runId}`)).patterns as PatternStats[];
    expect(patterns.map((p) => p.pattern)).toEqual(report.patterns.map((p) => p.pattern));
    for (const p of report.patterns) {
      const q = patterns.find((x) => x.pattern === p.pattern);
      expect(q, p.pattern).toMatchObject({
        requests: p.requests,
        errors: p.errors,
        errorRate: p.errorRate,
        p95LatencyMs: p.latency.p95,
        avgLatencyMs: p.latency.avg,
        ttftP50Ms: p.ttft.p50,
        costUsd: p.costUsd,
        costPer1k: p.costPer1k,
        wastedUsd: p.wastedUsd,
      });
    }

    // /api/compare: the run against itself shows the report's values and no significant change.
    const cmp = (await getJson(
      `${stack.url}/api/compare?baseline=${runId}&candidates=${runId}`,
    )) as Comparison;
    const metric = (name: string, pattern?: string) =>
      cmp.metrics.find((m) => m.name === name && m.pattern === pattern);
    expect(metric('latency p95')?.baseline).toBe(report.latency.p95);
    expect(metric('error rate')?.baseline).toBe(report.errorRate);
    expect(metric('cost per 1K requests')?.baseline).toBe(report.cost.per1kRequests);
    for (const p of report.patterns) {
      expect(metric('latency p95', p.pattern)?.candidate).toBe(p.latency.p95);
      expect(metric('cost per 1K requests', p.pattern)?.candidate).toBe(p.costPer1k);
    }
    expect(cmp.metrics.every((m) => m.verdict === 'no significant change' || m.verdict === 'no data')).toBe(
      true,
    );

    // Every text format prints the same rounded figures.
    const summary = summaryText(report);
    const md = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=md`)).text();
    const html = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=html`)).text();
    const seed = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=seed`)).text();
    const cmpMd = await (
      await fetch(`${stack.url}/api/compare?baseline=${runId}&candidates=${runId}&format=md`)
    ).text();
    expect(md).toContain('## Injected vs observed, per request');
    for (const text of [summary, md, html, cmpMd]) {
      expect(text).toContain(fmt.ms(report.latency.p95));
      expect(text).toContain(fmt.usd(report.cost.per1kRequests));
    }
    for (const p of report.patterns) {
      for (const text of [summary, md, html]) {
        expect(text, p.pattern).toContain(fmt.ms(p.latency.p95));
        expect(text, p.pattern).toContain(fmt.pct(p.errorRate));
      }
      expect(seed, p.pattern).toContain(fmt.ms(p.ttft.p50));
    }
  }, 120_000);
});
