import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, post, sql, startTestStack, waitForRunEnd } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

describe('instrument error: every run measures itself against the mock ground truth', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('stores the section with the run, serves it by API and shows it in every report format', async () => {
    const started = await post(`${stack.url}/api/runs`, { scenario: 'smoke', rate: '360/m', duration: '6s' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;
    const run = await waitForRunEnd(stack, runId);
    expect(run.status).toBe('completed');

    const i = await getJson(`${stack.url}/api/runs/${runId}/instrument`);
    const report = await getJson(`${stack.url}/api/runs/${runId}/report`);
    expect(report.instrument).toEqual(i);
    expect(run.summary.instrument).toEqual(i);

    // Independently of harness_requests: measured ok driver spans whose trace holds exactly one
    // mock span, unfaulted and answered 200 (direct and streaming; batch makes several calls).
    const [expected] = await sql(
      stack,
      `SELECT count() AS n FROM otel_traces AS d
       INNER JOIN (SELECT TraceId FROM otel_traces WHERE ServiceName = 'mock-providers'
                   GROUP BY TraceId
                   HAVING count() = 1 AND max(SpanAttributes['mock.fault.kind']) = ''
                      AND max(SpanAttributes['http.response.status_code']) = '200') AS m
         ON d.TraceId = m.TraceId
       WHERE d.SpanName LIKE 'load_request %' AND d.SpanAttributes['harness.run.id'] = '${runId}'
         AND d.SpanAttributes['harness.warmup'] = 'false' AND d.SpanAttributes['harness.outcome'] = 'ok'`,
    );
    expect(i.compared).toBeGreaterThan(0);
    expect(i.compared).toBe(Number(expected?.n));
    expect(i.compared).toBeLessThanOrEqual(report.accounting.ok);
    // every compared request has an e2e error and a TTFT error (a non-streamed answer's TTFT is its e2e)
    expect(i.e2eError.count).toBe(i.compared);
    expect(i.ttftError.count).toBe(i.compared);
    expect(i.mockLateness.count).toBe(i.compared);
    expect(i.loops.map((l: { name: string }) => l.name)).toEqual(['harness']);
    expect(i.loops[0].samples).toBeGreaterThan(0);
    expect(i.unreliable).toBe(i.reasons.length > 0);

    const md = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=md`)).text();
    expect(md).toContain('## Instrument error');
    expect(md).toMatch(
      /\| TTFT error \(client TTFT − mock first byte; non-streamed: the e2e error\) \| \d+ \|/,
    );
    const html = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=html`)).text();
    expect(html).toContain('<h2>Instrument error</h2>');
    const seed = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=seed`)).text();
    expect(seed).toMatch(/Reliable run|UNRELIABLE run/);
  }, 90_000);
});
