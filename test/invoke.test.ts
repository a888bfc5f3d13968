import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, sql, startTestStack } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

describe('POST /api/invoke/:pattern through the instrumented client and the in-process mock', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it.each([
    ['direct', 'openai', 'gpt-4o-mini'],
    ['streaming', 'anthropic', 'claude-3-5-haiku-20241022'],
    ['streaming', 'gemini', 'gemini-2.5-flash'],
    ['rag', 'openai', 'gpt-4o-mini'],
    ['rag', 'gemini', 'gemini-2.5-flash'],
    ['agent', 'anthropic', 'claude-sonnet-4-20250514'],
    ['agent', 'openai', 'gpt-4o'],
  ])('%s on %s answers the outcome with tokens, cost and a trace', async (pattern, provider, model) => {
    const r = await post(
      `${stack.url}/api/invoke/${pattern}`,
      { provider, model, maxTokens: 64 },
      { 'x-run-id': 'run-invoke', 'x-scenario': 'test' },
    );
    expect(r.status).toBe(200);
    expect(r.body, JSON.stringify(r.body)).toMatchObject({ ok: true, pattern, provider });
    expect(r.body.tokens.input).toBeGreaterThan(0);
    expect(r.body.tokens.output).toBeGreaterThan(0);
    expect(r.body.costUsd).toBeGreaterThan(0);
    expect(r.body.latencyMs).toBeGreaterThan(0);
    expect(r.body.traceId).toMatch(/^[0-9a-f]{32}$/);
    if (pattern === 'agent') expect(r.body.steps).toBeGreaterThanOrEqual(2);
    if (pattern === 'rag') expect(r.body.calls).toBe(2);
  });

  it('runs a batch unit of work through the provider batch API at half price', async () => {
    const r = await post(`${stack.url}/api/invoke/batch`, {
      provider: 'openai',
      model: 'gpt-4o-mini',
      maxTokens: 32,
    });
    expect(r.body, JSON.stringify(r.body)).toMatchObject({ ok: true, pattern: 'batch' });
  }, 20_000);

  it('writes a span tree per unit of work: workflow root, model calls, retrieval and tool steps', async () => {
    await post(
      `${stack.url}/api/invoke/rag`,
      { provider: 'openai', model: 'gpt-4o-mini' },
      { 'x-run-id': 'run-tree' },
    );
    await stack.tracing.provider.forceFlush();
    await stack.spans.flush();
    const rows = await sql(
      stack,
      `SELECT SpanName, SpanKind, SpanAttributes['harness.pattern'] AS pattern, ParentSpanId = '' AS root
      FROM otel_traces WHERE TraceId IN (SELECT TraceId FROM otel_traces WHERE SpanAttributes['harness.run.id'] = 'run-tree') ORDER BY Timestamp`,
    );
    const names = rows.map((r) => r.SpanName);
    expect(names).toContain('invoke_workflow rag');
    expect(names).toContain('embeddings text-embedding-3-small');
    expect(names).toContain('retrieval rag_corpus');
    expect(names).toContain('chat gpt-4o-mini');
    expect(rows.filter((r) => String(r.root) === '1').map((r) => r.SpanName)).toEqual([
      'invoke_workflow rag',
    ]);
  });

  it.each([
    ['openai', 'gpt-4o-mini'],
    ['anthropic', 'claude-3-5-haiku-20241022'],
    ['gemini', 'gemini-2.5-flash'],
  ])("joins the mock's ground-truth span to the trace of a %s call", async (provider, model) => {
    const r = await post(`${stack.url}/api/invoke/direct`, { provider, model, maxTokens: 16 });
    await stack.tracing.provider.forceFlush();
    await stack.mock?.flush();
    await stack.spans.flush();
    const rows = await sql(
      stack,
      `SELECT ServiceName, SpanKind FROM otel_traces WHERE TraceId = '${r.body.traceId}'`,
    );
    expect(rows).toContainEqual({ ServiceName: 'mock-providers', SpanKind: 'Server' });
  });

  it('rejects bad bodies, unknown patterns and Gemini batches with clear errors', async () => {
    const missing = await post(`${stack.url}/api/invoke/direct`, { model: 'gpt-4o' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/provider/);
    const unknown = await post(`${stack.url}/api/invoke/telepathy`, { provider: 'openai', model: 'gpt-4o' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/direct, streaming, batch, rag, agent/);
    const gem = await post(`${stack.url}/api/invoke/batch`, {
      provider: 'gemini',
      model: 'gemini-2.5-flash',
    });
    expect(gem.status).toBe(400);
    const extra = await post(`${stack.url}/api/invoke/direct`, {
      provider: 'openai',
      model: 'gpt-4o',
      temperature: 2,
    });
    expect(extra.status).toBe(400);
  });

  it('reports provider errors as classified outcomes, not HTTP failures', async () => {
    const r = await post(`${stack.url}/api/invoke/direct`, { provider: 'openai', model: 'gpt-9000' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: false, errorClass: 'not_found' });
  });
});
