import { zodTextFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countTokens } from '../src/content/tokens';
import { matchesSchema, parseSse, rejection, useMockServer, WEATHER_SCHEMA } from './helpers/mock';
import { OPENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();

const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Weather',
  parameters: WEATHER_SCHEMA as unknown as Record<string, unknown>,
  strict: true,
};

describe.each(OPENAI_SDKS)('$name responses', ({ OpenAI }) => {
  const client = () => new OpenAI({ baseURL: `${mock().url}/v1`, apiKey: 'tenant-a', maxRetries: 0 });

  it('answers a string input with a completed message and consistent usage', async () => {
    const { data, response } = await client()
      .responses.create({ model: 'gpt-4o-mini', input: 'Say hello', instructions: 'Be brief' })
      .withResponse();
    expect(data.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(data.object).toBe('response');
    expect(data.status).toBe('completed');
    expect(data.model).toBe('gpt-4o-mini-2024-07-18');
    expect(data.instructions).toBe('Be brief');
    const item = data.output[0];
    expect(item?.type).toBe('message');
    expect(data.output_text.length).toBeGreaterThan(0);
    expect(data.usage?.output_tokens).toBe(countTokens(data.output_text));
    expect(data.usage?.total_tokens).toBe((data.usage?.input_tokens ?? 0) + (data.usage?.output_tokens ?? 0));
    expect(data.usage?.input_tokens_details.cached_tokens).toBe(0);
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(response.headers.get('x-ratelimit-limit-requests')).not.toBeNull();
  });

  it('caps output at max_output_tokens (status incomplete) and refuses values below 16', async () => {
    const capped = await client().responses.create({
      model: 'gpt-4o',
      input: 'Write a long essay '.repeat(50),
      max_output_tokens: 16,
    });
    expect(capped.status).toBe('incomplete');
    expect(capped.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(capped.usage?.output_tokens).toBe(16);
    const err = await rejection(
      client().responses.create({ model: 'gpt-4o', input: 'x', max_output_tokens: 10 }),
    );
    expect(err.constructor.name).toBe('BadRequestError');
    expect(err.status).toBe(400);
    expect(err.code).toBe('integer_below_min_value');
    expect(err.param).toBe('max_output_tokens');
  });

  it('calls a function tool, then answers its function_call_output (by items and by previous_response_id)', async () => {
    const first = await client().responses.create({
      model: 'gpt-4o',
      input: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: 'required',
    });
    const call = first.output[0];
    if (call?.type !== 'function_call') throw new Error(`expected a function call, got ${call?.type}`);
    expect(call.id).toMatch(/^fc_/);
    expect(call.call_id).toMatch(/^call_/);
    expect(call.name).toBe('get_weather');
    expect(matchesSchema(WEATHER_SCHEMA, JSON.parse(call.arguments))).toBe(true);
    const output = { type: 'function_call_output' as const, call_id: call.call_id, output: '{"temp":21}' };
    const chained = await client().responses.create({
      model: 'gpt-4o',
      previous_response_id: first.id,
      input: [output],
      tools: [weatherTool],
    });
    expect(chained.output[0]?.type).toBe('message');
    expect(chained.previous_response_id).toBe(first.id);
    expect(chained.usage?.input_tokens).toBeGreaterThan(first.usage?.input_tokens ?? 0);
    const stateless = await client().responses.create({
      model: 'gpt-4o',
      store: false,
      input: [{ role: 'user', content: 'Weather in Paris?' }, call, output],
      tools: [weatherTool],
    });
    expect(stateless.output[0]?.type).toBe('message');
    const orphan = await rejection(
      client().responses.create({ model: 'gpt-4o', input: [{ ...output, call_id: 'call_unknown' }] }),
    );
    expect(orphan.status).toBe(400);
    expect(String(orphan.message)).toContain('call_unknown');
  });

  it('reports cached input tokens when a long conversation is continued', async () => {
    const first = await client().responses.create({ model: 'gpt-4o', input: 'context '.repeat(1500) });
    const next = await client().responses.create({
      model: 'gpt-4o',
      previous_response_id: first.id,
      input: 'And then?',
    });
    const cached = next.usage?.input_tokens_details.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual((first.usage?.input_tokens ?? 0) + (first.usage?.output_tokens ?? 0));
  });

  it('answers json_schema with schema-valid JSON and responses.parse with zodTextFormat', async () => {
    const schema = z.object({ city: z.string(), population: z.number().int(), tags: z.array(z.string()) });
    const parsed = await client().responses.parse({
      model: 'gpt-4o-mini',
      input: 'A city',
      text: { format: zodTextFormat(schema, 'city') },
    });
    expect(schema.safeParse(parsed.output_parsed).success).toBe(true);
    const obj = await client().responses.create({
      model: 'gpt-4o-mini',
      input: 'JSON please',
      text: { format: { type: 'json_object' } },
    });
    expect(typeof JSON.parse(obj.output_text)).toBe('object');
  });

  it('retrieves and deletes stored responses; store:false ones are not retrievable', async () => {
    const stored = await client().responses.create({
      model: 'gpt-4o-mini',
      input: 'keep',
      metadata: { k: 'v' },
    });
    const got = await client().responses.retrieve(stored.id);
    expect(got.output_text).toBe(stored.output_text);
    expect(got.metadata).toEqual({ k: 'v' });
    await client().responses.delete(stored.id);
    const gone = await rejection(client().responses.retrieve(stored.id));
    expect(gone.status).toBe(404);
    const unstored = await client().responses.create({ model: 'gpt-4o-mini', input: 'forget', store: false });
    expect((await rejection(client().responses.retrieve(unstored.id))).status).toBe(404);
    const missing = await rejection(
      client().responses.create({ model: 'gpt-4o', input: 'x', previous_response_id: unstored.id }),
    );
    expect(missing.status).toBe(400);
    expect(missing.param).toBe('previous_response_id');
  });

  it('streams the typed event sequence; responses.stream gives the same final response', async () => {
    const stream = await client().responses.create({ model: 'gpt-4o', input: 'Stream please', stream: true });
    const types: string[] = [];
    const seqs: number[] = [];
    let text = '';
    let final: { output_text?: string; usage?: { output_tokens: number } | null } | undefined;
    for await (const e of stream) {
      types.push(e.type);
      seqs.push(e.sequence_number);
      if (e.type === 'response.output_text.delta') text += e.delta;
      if (e.type === 'response.completed') final = e.response;
    }
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(final?.usage?.output_tokens).toBe(countTokens(text));
    const helper = client().responses.stream({ model: 'gpt-4o', input: 'Stream please' });
    let deltas = '';
    helper.on('response.output_text.delta', (e) => {
      deltas += e.delta;
    });
    const done = await helper.finalResponse();
    expect(done.output_text).toBe(deltas);
    expect(done.output_text).toBe(text);
  });

  it('streams function-call argument deltas', async () => {
    const helper = client().responses.stream({
      model: 'gpt-4o',
      input: 'Weather?',
      tools: [weatherTool],
      tool_choice: { type: 'function', name: 'get_weather' },
    });
    let args = '';
    helper.on('response.function_call_arguments.delta', (e) => {
      args += e.delta;
    });
    const done = await helper.finalResponse();
    const call = done.output[0];
    expect(call?.type === 'function_call' && call.arguments).toBe(args);
    expect(matchesSchema(WEATHER_SCHEMA, JSON.parse(args))).toBe(true);
  });
});

describe('/v1/responses on the wire', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${mock().url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: 'Bearer tenant-a', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('names each event by its type and sends no [DONE]', async () => {
    const res = await post({ model: 'gpt-4o-mini', input: 'hi', stream: true });
    const events = parseSse(await res.text());
    expect(events.every((e) => e.event === (JSON.parse(e.data) as { type: string }).type)).toBe(true);
    expect(events.some((e) => e.data === '[DONE]')).toBe(false);
  });

  it('ends a streamed answer cut by max_output_tokens with response.incomplete', async () => {
    const res = await post({
      model: 'gpt-4o-mini',
      input: 'long '.repeat(300),
      stream: true,
      max_output_tokens: 16,
    });
    const last = parseSse(await res.text()).at(-1);
    expect(last?.event).toBe('response.incomplete');
  });

  it('answers a missing field, an unknown model and a missing key in OpenAI shapes', async () => {
    const bad = await post({ model: 'gpt-4o' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('input');
    const unknown = await post({ model: 'gpt-nope', input: 'x' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
    const anon = await fetch(`${mock().url}/v1/responses`, { method: 'POST', body: '{}' });
    expect(anon.status).toBe(401);
  });
});
