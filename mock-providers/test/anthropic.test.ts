import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/content/tokens';
import { matchesSchema, parseSse, pollUntil, useMockServer, WEATHER_SCHEMA } from './helpers/mock';

const mock = useMockServer();
const client = () => new Anthropic({ baseURL: mock().url, apiKey: 'tenant-a', maxRetries: 0 });
const hi = [{ role: 'user' as const, content: 'Hello Claude' }];
const weather = {
  name: 'get_weather',
  description: 'Weather',
  input_schema: WEATHER_SCHEMA as unknown as Anthropic.Tool.InputSchema,
};

describe('Anthropic Messages through @anthropic-ai/sdk 1.x', () => {
  it('answers a message with usage matching its text and a request-id header', async () => {
    const { data, response } = await client()
      .messages.create({ model: 'claude-sonnet-4-20250514', max_tokens: 400, messages: hi })
      .withResponse();
    const block = data.content[0];
    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(block?.type).toBe('text');
    expect(data.usage.output_tokens).toBe(countTokens(block?.type === 'text' ? block.text : ''));
    expect(response.headers.get('request-id')).toMatch(/^req_011C/);
  });

  it('resolves aliases and stops at max_tokens', async () => {
    const msg = await client().messages.create({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 4,
      messages: hi,
    });
    expect(msg.model).toBe('claude-3-5-haiku-20241022');
    expect(msg.stop_reason).toBe('max_tokens');
    expect(msg.usage.output_tokens).toBeLessThanOrEqual(4);
  });

  it('streams the exact event sequence with event: lines matching data types', async () => {
    const res = await fetch(`${mock().url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-0', max_tokens: 300, messages: hi, stream: true }),
    });
    const events = parseSse(await res.text());
    expect(events.every((e) => e.event === (JSON.parse(e.data) as { type: string }).type)).toBe(true);
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(names.slice(3, -3).every((n) => n === 'content_block_delta')).toBe(true);
    const text = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (JSON.parse(e.data) as { delta: { text: string } }).delta.text)
      .join('');
    const delta = JSON.parse(events.at(-2)?.data ?? '{}') as { usage: { output_tokens: number } };
    expect(delta.usage.output_tokens).toBe(countTokens(text));
  });

  it('streams through the SDK and its final message agrees with the deltas', async () => {
    const stream = client().messages.stream({ model: 'claude-sonnet-4-0', max_tokens: 300, messages: hi });
    let text = '';
    stream.on('text', (t) => {
      text += t;
    });
    const final = await stream.finalMessage();
    expect(final.content[0]?.type === 'text' && final.content[0].text).toBe(text);
    expect(final.usage.output_tokens).toBe(countTokens(text));
  });

  it('streams a tool_use block with input_json_delta fragments that reassemble to schema-valid input', async () => {
    const stream = client().messages.stream({
      model: 'claude-sonnet-4-0',
      max_tokens: 500,
      messages: hi,
      tools: [weather],
    });
    let fragments = 0;
    stream.on('streamEvent', (e) => {
      if (e.type === 'content_block_delta' && e.delta.type === 'input_json_delta') fragments++;
    });
    const final = await stream.finalMessage();
    const block = final.content[0];
    expect(final.stop_reason).toBe('tool_use');
    expect(fragments).toBeGreaterThan(1);
    expect(block?.type === 'tool_use' && block.name).toBe('get_weather');
    expect(matchesSchema(WEATHER_SCHEMA, block?.type === 'tool_use' ? block.input : null)).toBe(true);
    const after = await client().messages.create({
      model: 'claude-sonnet-4-0',
      max_tokens: 200,
      tools: [weather],
      messages: [
        ...hi,
        { role: 'assistant', content: final.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: block?.type === 'tool_use' ? block.id : '', content: '21C' },
          ],
        },
      ],
    });
    expect(after.stop_reason).toBe('end_turn');
  });

  it('counts tokens', async () => {
    const res = await client().messages.countTokens({ model: 'claude-sonnet-4-0', messages: hi });
    expect(res.input_tokens).toBeGreaterThan(countTokens('Hello Claude'));
  });

  it('renders 401, 400 (missing field, version 2026-10-21 temperature, too long) and 404 through SDK classes', async () => {
    const noKey = await fetch(`${mock().url}/v1/messages`, { method: 'POST', body: '{}' });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error' },
      request_id: expect.stringMatching(/^req_/),
    });
    const missing = await client()
      .messages.create({ model: 'claude-sonnet-4-0', messages: hi } as never)
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Anthropic.BadRequestError);
    expect((missing as Error).message).toMatch(/max_tokens/);
    const temp = await client()
      .messages.create({
        model: 'claude-sonnet-4-0',
        max_tokens: 10,
        temperature: 0.5,
        messages: hi,
      } as never)
      .catch((e: unknown) => e);
    expect(temp).toBeInstanceOf(Anthropic.BadRequestError);
    expect((temp as Error).message).toMatch(/temperature/);
    const unknown = await client()
      .messages.create({ model: 'claude-9', max_tokens: 10, messages: hi })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect((unknown as InstanceType<typeof Anthropic.NotFoundError>).requestID).toMatch(/^req_/);
    const long = await client()
      .messages.create({
        model: 'claude-3-5-haiku-latest',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'word '.repeat(210_000) }],
      })
      .catch((e: unknown) => e);
    expect(long).toBeInstanceOf(Anthropic.BadRequestError);
    expect((long as Error).message).toMatch(/prompt is too long: \d+ tokens > 200000 maximum/);
  });

  it('accepts the 0.x x-api-key style with temperature on version 2023-06-01', async () => {
    const res = await fetch(`${mock().url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-0', max_tokens: 20, temperature: 0.2, messages: hi }),
    });
    expect(res.status).toBe(200);
  });
});

describe('Anthropic Message Batches through @anthropic-ai/sdk 1.x', () => {
  const requests = [
    { custom_id: 'a', params: { model: 'claude-sonnet-4-0', max_tokens: 50, messages: hi } },
    { custom_id: 'b', params: { model: 'claude-nope', max_tokens: 50, messages: hi } },
  ];

  it('ends, exposes an absolute results_url and streams JSONL results', async () => {
    const created = await client().messages.batches.create({ requests });
    expect(created.processing_status).toBe('in_progress');
    expect(created.results_url).toBeNull();
    expect(created.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const ended = await pollUntil(
      () => client().messages.batches.retrieve(created.id),
      (b) => b.processing_status === 'ended',
    );
    expect(ended.results_url).toBe(`${mock().url}/v1/messages/batches/${created.id}/results`);
    expect(ended.request_counts).toMatchObject({ succeeded: 1, errored: 1, processing: 0 });
    const results = [];
    for await (const r of await client().messages.batches.results(created.id)) results.push(r);
    const byId = Object.fromEntries(results.map((r) => [r.custom_id, r.result]));
    expect(byId.a?.type).toBe('succeeded');
    expect(byId.b).toMatchObject({
      type: 'errored',
      error: { type: 'error', error: { type: 'not_found_error' } },
    });
    const listed = await client().messages.batches.list({ limit: 10 });
    expect(listed.data.map((b) => b.id)).toContain(created.id);
    expect(await client().messages.batches.delete(created.id)).toEqual({
      id: created.id,
      type: 'message_batch_deleted',
    });
  });

  it('cancels: canceling, then ended with canceled results', async () => {
    const created = await client().messages.batches.create({ requests });
    const canceling = await client().messages.batches.cancel(created.id);
    expect(canceling.processing_status).toBe('canceling');
    expect(canceling.cancel_initiated_at).not.toBeNull();
    await pollUntil(
      () => client().messages.batches.retrieve(created.id),
      (b) => b.processing_status === 'ended',
    );
    const results = [];
    for await (const r of await client().messages.batches.results(created.id)) results.push(r.result.type);
    expect(results).toEqual(['canceled', 'canceled']);
  });
});
