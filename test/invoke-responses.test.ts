import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromResponse } from '../harness/src/client/providers/openai/responses';
import { costOf } from '../harness/src/cost/cost';
import { post, sql, startTestStack } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

describe('api: "responses" — the patterns through OpenAI\'s Responses API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it.each(['direct', 'streaming', 'rag', 'agent'])(
    '%s answers with tokens, cost and a trace whose model calls hit POST /v1/responses',
    async (pattern) => {
      const runId = `run-responses-${pattern}`;
      const r = await post(
        `${stack.url}/api/invoke/${pattern}`,
        { provider: 'openai', model: 'gpt-4o', maxTokens: 64, api: 'responses' },
        { 'x-run-id': runId },
      );
      expect(r.status).toBe(200);
      expect(r.body, JSON.stringify(r.body)).toMatchObject({ ok: true, pattern, provider: 'openai' });
      expect(r.body.tokens.input).toBeGreaterThan(0);
      expect(r.body.tokens.output).toBeGreaterThan(0);
      expect(r.body.costUsd).toBeGreaterThan(0);
      if (pattern === 'agent') expect(r.body.steps).toBeGreaterThanOrEqual(2);
      if (pattern === 'streaming') expect(r.body.ttftMs).toBeLessThanOrEqual(r.body.latencyMs);
      // the mock's SERVER span ends once the answer is fully sent, which can be just after the
      // client has it: flush and look again until it is there (bounded)
      let rows: { SpanName: string }[] = [];
      for (let tries = 0; tries < 50 && !rows.some((row) => row.SpanName === 'POST /v1/responses'); tries++) {
        await stack.tracing.provider.forceFlush();
        await stack.mock?.flush();
        await stack.spans.flush();
        rows = await sql<{ SpanName: string }>(
          stack,
          `SELECT SpanName FROM otel_traces WHERE ServiceName = 'mock-providers' AND TraceId IN
          (SELECT TraceId FROM otel_traces WHERE SpanAttributes['harness.run.id'] = '${runId}')`,
        );
      }
      const names = rows.map((row) => row.SpanName);
      expect(names).toContain('POST /v1/responses');
      expect(names).not.toContain('POST /v1/chat/completions');
    },
  );

  it('classifies a cut event stream as sse_drop, as on chat completions', async () => {
    const r = await post(
      `${stack.url}/api/invoke/streaming`,
      { provider: 'openai', model: 'gpt-4o-mini', api: 'responses' },
      { 'x-mock-fault': 'sse_drop' },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: false, errorClass: 'sse_drop' });
  });

  it('classifies a mid-stream response.failed as server_error and retries it like a 500', async () => {
    const r = await post(
      `${stack.url}/api/invoke/streaming`,
      // gpt-4o, not the sse_drop test's model: that one's breaker has four failures in a row already
      { provider: 'openai', model: 'gpt-4o', api: 'responses' },
      { 'x-mock-fault': 'server_error', 'x-mock-fault-at': '4' },
    );
    expect(r.status).toBe(200);
    expect(r.body, JSON.stringify(r.body)).toMatchObject({ ok: false, errorClass: 'server_error' });
    expect(r.body.retries).toBeGreaterThan(0);
  });

  it('answers 400 naming an unknown body field, api responses on another provider, and batch', async () => {
    const unknown = await post(`${stack.url}/api/invoke/direct`, {
      provider: 'openai',
      model: 'gpt-4o',
      maxTokenz: 5,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('maxTokenz');
    const wrong = await post(`${stack.url}/api/invoke/direct`, {
      provider: 'anthropic',
      model: 'claude-sonnet-4-0',
      api: 'responses',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/api: .*provider "openai"/);
    const batch = await post(`${stack.url}/api/invoke/batch`, {
      provider: 'openai',
      model: 'gpt-4o',
      api: 'responses',
    });
    expect(batch.status).toBe(400);
  });
});

describe('Responses usage → cost', () => {
  it('prices cached input tokens at the cached rate', () => {
    const body = {
      id: 'resp_1',
      object: 'response',
      model: 'gpt-4o-2024-08-06',
      status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'hi' }] }],
      usage: { input_tokens: 2048, input_tokens_details: { cached_tokens: 1024 }, output_tokens: 10 },
    };
    const req = { provider: 'openai' as const, model: 'gpt-4o', messages: [], maxTokens: 64, stream: false };
    const result = fromResponse(body, req, 5);
    expect(result.usage).toEqual({ inputTokens: 2048, outputTokens: 10, cachedInputTokens: 1024 });
    expect(result.finishReasons).toEqual(['stop']);
    const cached = costOf('gpt-4o', result.usage)?.total ?? 0;
    const uncached = costOf('gpt-4o', { inputTokens: 2048, outputTokens: 10 })?.total ?? 0;
    expect(cached).toBeLessThan(uncached);
  });
});
