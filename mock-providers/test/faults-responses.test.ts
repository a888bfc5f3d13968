import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, streamText, tool } from 'ai';
import type { Response as OpenAIResponse } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/content/tokens';
import { admin, pollUntil, rejection, useMockServer } from './helpers/mock';
import { OPENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();

describe.each(OPENAI_SDKS)('$name: faults and batches on /v1/responses', ({ OpenAI, toFile }) => {
  const client = (fault?: string, extra: Record<string, string> = {}) =>
    new OpenAI({
      baseURL: `${mock().url}/v1`,
      apiKey: 'tenant-responses-faults',
      maxRetries: 0,
      defaultHeaders: { ...(fault ? { 'x-mock-fault': fault } : {}), ...extra },
    });
  const ask = { model: 'gpt-4o-mini', input: 'Tell me about fault injection.' };
  const drain = async (stream: AsyncIterable<{ type: string }>) => {
    const types: string[] = [];
    for await (const e of stream) types.push(e.type);
    return types;
  };

  it('rate_limit → RateLimitError with retry-after and retry-after-ms; overloaded → 503', async () => {
    const err = await rejection(client('rate_limit').responses.create(ask));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const headers = err.headers as Headers;
    expect(Number(headers.get('retry-after-ms'))).toBeGreaterThanOrEqual(1);
    expect(headers.get('x-ratelimit-limit-requests')).not.toBeNull();
    expect((await rejection(client('overloaded').responses.create(ask))).status).toBe(503);
    expect((await rejection(client('server_error').responses.create(ask))).status).toBe(500);
  });

  it('overloaded mid-stream → an `error` event the SDK throws as APIError, with its sequence_number', async () => {
    const stream = await client('overloaded', { 'x-mock-fault-at': '4' }).responses.create({
      ...ask,
      stream: true,
    });
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const e of stream) seen.push(e.type);
      })(),
    );
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.message).toMatch(/overloaded/);
    expect(seen).toHaveLength(4);
    const res = await fetch(`${mock().url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'x-mock-fault': 'overloaded', 'x-mock-fault-at': '3' },
      body: JSON.stringify({ ...ask, stream: true }),
    });
    const text = await res.text();
    expect(text).toContain('event: error\ndata: {"type":"error","sequence_number":3,');
  });

  it('server_error mid-stream → `response.failed` (status failed, error code server_error) ends the stream; the SDK does not throw', async () => {
    const failing = client('server_error', { 'x-mock-fault-at': '4' });
    const events: { type: string; sequence_number: number }[] = [];
    for await (const e of await failing.responses.create({ ...ask, stream: true })) events.push(e);
    expect(events.map((e) => e.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.failed',
    ]);
    const last = events.at(-1) as unknown as { sequence_number: number; response: OpenAIResponse };
    expect(last.sequence_number).toBe(4);
    expect(last.response.status).toBe('failed');
    expect(last.response.error).toMatchObject({
      code: 'server_error',
      message: expect.stringMatching(/retry/),
    });
    // the stream helper resolves with the failed response: the caller must read `status`
    const final = await failing.responses.stream(ask).finalResponse();
    expect([final.status, final.error?.code]).toEqual(['failed', 'server_error']);
    // the API keeps failed responses: retrieve says failed too
    const stored = await client().responses.retrieve(last.response.id);
    expect([stored.status, stored.error?.code]).toEqual(['failed', 'server_error']);
  });

  it('server_error on a stream, at event 0 or unplaced → the HTTP 500 before it starts (the contract)', async () => {
    for (const at of [{ 'x-mock-fault-at': '0' }, {}, {}, {}, {}]) {
      const err = await rejection(client('server_error', at).responses.create({ ...ask, stream: true }));
      expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    }
  });

  it('sse_drop cuts the event stream; chunk_malformed throws SyntaxError; the stream helper rejects', async () => {
    const dropped = await client('sse_drop').responses.create({ ...ask, stream: true });
    expect((await rejection(drain(dropped))).message).toMatch(/terminated/);
    const bad = await client('chunk_malformed').responses.create({ ...ask, stream: true });
    expect(await rejection(drain(bad))).toBeInstanceOf(SyntaxError);
    const helper = client('sse_drop').responses.stream(ask);
    expect(await rejection(helper.finalResponse())).toBeInstanceOf(Error);
  });

  it('content_filter → status incomplete (content_filter), usage of what was sent', async () => {
    const done = await client('content_filter').responses.create(ask);
    expect(done.status).toBe('incomplete');
    expect(done.incomplete_details).toEqual({ reason: 'content_filter' });
    expect(done.usage?.output_tokens).toBe(countTokens(done.output_text));
    const types = await drain(await client('content_filter').responses.create({ ...ask, stream: true }));
    expect(types.at(-1)).toBe('response.incomplete');
  });

  it('incomplete_json → json_schema text that no longer parses', async () => {
    const done = await client('incomplete_json').responses.create({
      ...ask,
      text: { format: { type: 'json_object' } },
    });
    expect(() => JSON.parse(done.output_text)).toThrow();
    expect(done.usage?.output_tokens).toBe(countTokens(done.output_text));
  });

  it('runs a /v1/responses batch: output lines are response objects', async () => {
    const lines = ['one', 'two'].map((input, i) =>
      JSON.stringify({
        custom_id: `r-${i}`,
        method: 'POST',
        url: '/v1/responses',
        body: { model: 'gpt-4o-mini', input },
      }),
    );
    const file = await client().files.create({
      file: await toFile(Buffer.from(lines.join('\n')), 'batch.jsonl'),
      purpose: 'batch',
    });
    const created = await client().batches.create({
      input_file_id: file.id,
      endpoint: '/v1/responses',
      completion_window: '24h',
    });
    const done = await pollUntil(
      () => client().batches.retrieve(created.id),
      (b) => b.status === 'completed',
    );
    expect(done.request_counts).toEqual({ total: 2, completed: 2, failed: 0 });
    const out = (await (await client().files.content(done.output_file_id ?? '')).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { response: { body: { object: string; status: string } } });
    expect(out.map((o) => o.response.body.object)).toEqual(['response', 'response']);
    expect(out.every((o) => o.response.body.status === 'completed')).toBe(true);
  });
});

describe('AI SDK default OpenAI provider (Responses API)', () => {
  const openai = () => createOpenAI({ baseURL: `${mock().url}/v1`, apiKey: 'tenant-a' });

  it('generateText and streamText through openai(model)', async () => {
    const gen = await generateText({ model: openai()('gpt-4o-mini'), prompt: 'Hello' });
    expect(gen.finishReason).toBe('stop');
    expect(gen.text.length).toBeGreaterThan(0);
    expect(gen.usage.outputTokens).toBe(countTokens(gen.text));
    const streamed = streamText({ model: openai()('gpt-4o'), prompt: 'Hello' });
    let text = '';
    for await (const t of streamed.textStream) text += t;
    expect((await streamed.usage).outputTokens).toBe(countTokens(text));
    const stats = await admin<{ routes: Record<string, unknown> }>(mock().url, 'stats');
    expect(JSON.stringify(stats)).toContain('POST /v1/responses');
  });

  it('a mid-stream response.failed → streamText emits an error part and finishes with reason error', async () => {
    const failing = createOpenAI({
      baseURL: `${mock().url}/v1`,
      apiKey: 'tenant-a',
      headers: { 'x-mock-fault': 'server_error', 'x-mock-fault-at': '4' },
    });
    const errors: unknown[] = [];
    const streamed = streamText({
      model: failing('gpt-4o-mini'),
      prompt: 'Hello',
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const parts: string[] = [];
    for await (const part of streamed.fullStream) parts.push(part.type);
    expect(parts).toContain('error');
    expect(await streamed.finishReason).toBe('error');
    expect(String((errors[0] as Error).message)).toMatch(/An error occurred while processing your request/);
  });

  it('a tool call, its result sent back, then a text answer', async () => {
    const result = await generateText({
      model: openai()('gpt-4o'),
      prompt: 'Weather in Paris?',
      tools: {
        weather: tool({
          inputSchema: jsonSchema<{ city: string }>({
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
          }),
          execute: async ({ city }) => ({ city, tempC: 21 }),
        }),
      },
      stopWhen: ({ steps }) => steps.length >= 2,
    });
    expect(result.steps[0]?.toolCalls[0]?.toolName).toBe('weather');
    expect(result.steps[0]?.toolCalls[0]?.input).toMatchObject({ city: expect.any(String) });
    expect(result.steps[1]?.finishReason).toBe('stop');
    expect(result.text.length).toBeGreaterThan(0);
  });
});
