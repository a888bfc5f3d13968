import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/content/tokens';
import { matchesSchema, parseSse, useMockServer, WEATHER_SCHEMA } from './helpers/mock';
import { OPENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();

describe.each(OPENAI_SDKS)('$name', ({ OpenAI }) => {
  const client = () => new OpenAI({ baseURL: `${mock().url}/v1`, apiKey: 'tenant-a', maxRetries: 0 });
  const user = (content: string) => [{ role: 'user' as const, content }];
  const weatherTool = {
    type: 'function' as const,
    function: { name: 'get_weather', description: 'Weather', parameters: WEATHER_SCHEMA, strict: true },
  };

  describe('OpenAI chat completions through openai-node', () => {
    it('answers a non-stream completion with consistent usage and request headers', async () => {
      const { data, response } = await client()
        .chat.completions.create({ model: 'gpt-4o-mini', messages: user('Say hello') })
        .withResponse();
      const choice = data.choices[0];
      expect(data.object).toBe('chat.completion');
      expect(data.model).toBe('gpt-4o-mini-2024-07-18');
      expect(choice?.finish_reason).toBe('stop');
      expect(choice?.message.content?.length).toBeGreaterThan(0);
      expect(data.usage?.completion_tokens).toBe(countTokens(choice?.message.content ?? ''));
      expect(data.usage?.total_tokens).toBe(
        (data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0),
      );
      expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      expect(response.headers.get('openai-version')).toBe('2020-10-01');
      expect(Number(response.headers.get('openai-processing-ms'))).toBeGreaterThanOrEqual(0);
    });

    it('is deterministic in the request body, not in request order', async () => {
      const ask = (content: string) =>
        client().chat.completions.create({ model: 'gpt-4o', messages: user(content) });
      const a1 = await ask('alpha');
      await ask('beta');
      const a2 = await ask('alpha');
      expect(a2.choices[0]?.message.content).toBe(a1.choices[0]?.message.content);
      const longer = await ask('alpha '.repeat(400));
      expect(longer.usage?.completion_tokens).toBeGreaterThan(a1.usage?.completion_tokens ?? 0);
    });

    it('streams role chunk, deltas, finish chunk, usage chunk then [DONE]; deltas sum to the usage', async () => {
      const stream = await client().chat.completions.create({
        model: 'gpt-4o',
        messages: user('Stream please'),
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      const first = chunks[0];
      expect(first?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
      const usageChunk = chunks.at(-1);
      expect(usageChunk?.choices).toEqual([]);
      expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
      expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
      const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
      expect(usageChunk?.usage?.completion_tokens).toBe(countTokens(text));
    });

    it('omits the usage key without include_usage and ends with data: [DONE]', async () => {
      const res = await fetch(`${mock().url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: user('hi'), stream: true }),
      });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = parseSse(await res.text());
      expect(events.at(-1)?.data).toBe('[DONE]');
      expect(events.slice(0, -1).every((e) => !('usage' in JSON.parse(e.data)))).toBe(true);
      expect(events.some((e) => e.event !== undefined)).toBe(false);
    });

    it('calls the bound tool with schema-valid arguments, streamed as fragments', async () => {
      const nonStream = await client().chat.completions.create({
        model: 'gpt-4o',
        messages: user('Weather in Paris?'),
        tools: [weatherTool],
      });
      const call = nonStream.choices[0]?.message.tool_calls?.[0];
      expect(nonStream.choices[0]?.finish_reason).toBe('tool_calls');
      expect(nonStream.choices[0]?.message.content).toBeNull();
      expect(call?.type === 'function' && call.function.name).toBe('get_weather');
      const stream = client().chat.completions.stream({
        model: 'gpt-4o',
        messages: user('Weather in Paris?'),
        tools: [weatherTool],
      });
      let fragments = 0;
      stream.on('chunk', (c) => {
        if (c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments) fragments++;
      });
      const final = await stream.finalChatCompletion();
      const streamed = final.choices[0]?.message.tool_calls?.[0];
      expect(fragments).toBeGreaterThan(1);
      const args = JSON.parse(streamed?.type === 'function' ? streamed.function.arguments : 'null');
      expect(matchesSchema(WEATHER_SCHEMA, args)).toBe(true);
      expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual(args);
    });

    it('calls the forced tool, and answers text after a tool result', async () => {
      const other = {
        type: 'function' as const,
        function: { name: 'other', parameters: { type: 'object', properties: {} } },
      };
      const forced = await client().chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('x'),
        tools: [other, weatherTool],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      });
      const call = forced.choices[0]?.message.tool_calls?.[0];
      expect(call?.type === 'function' && call.function.name).toBe('get_weather');
      const after = await client().chat.completions.create({
        model: 'gpt-4o-mini',
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '{"tempC":21}' },
        ],
      });
      expect(after.choices[0]?.finish_reason).toBe('stop');
      expect(after.choices[0]?.message.content?.length).toBeGreaterThan(0);
    });

    it('answers parseable JSON in json_object mode and schema-valid JSON for json_schema', async () => {
      const obj = await client().chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('json please'),
        response_format: { type: 'json_object' },
      });
      expect(() => JSON.parse(obj.choices[0]?.message.content ?? '')).not.toThrow();
      const schema = await client().chat.completions.create({
        model: 'gpt-4o',
        messages: user('structured please'),
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'weather', schema: WEATHER_SCHEMA, strict: true },
        },
      });
      expect(matchesSchema(WEATHER_SCHEMA, JSON.parse(schema.choices[0]?.message.content ?? 'null'))).toBe(
        true,
      );
    });

    it('honours max_completion_tokens with finish_reason length, and n choices', async () => {
      const capped = await client().chat.completions.create({
        model: 'gpt-4o',
        messages: user('long answer'),
        max_completion_tokens: 5,
      });
      expect(capped.choices[0]?.finish_reason).toBe('length');
      expect(capped.usage?.completion_tokens).toBeLessThanOrEqual(5);
      const legacy = await client().chat.completions.create({
        model: 'gpt-4o',
        messages: user('long answer'),
        max_tokens: 3,
      });
      expect(legacy.choices[0]?.finish_reason).toBe('length');
      const three = await client().chat.completions.create({
        model: 'gpt-4o-mini',
        messages: user('pick'),
        n: 3,
      });
      expect(three.choices.map((c) => c.index)).toEqual([0, 1, 2]);
      const sum = three.choices.reduce((s, c) => s + countTokens(c.message.content ?? ''), 0);
      expect(three.usage?.completion_tokens).toBe(sum);
    });
  });
});
