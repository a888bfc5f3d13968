import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, embed, embedMany, generateText, jsonSchema, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/content/tokens';
import { useMockServer } from './helpers/mock';

const mock = useMockServer();
const openai = () => createOpenAI({ baseURL: `${mock().url}/v1`, apiKey: 'tenant-a' });
const anthropic = () => createAnthropic({ baseURL: `${mock().url}/v1`, apiKey: 'tenant-a' });
const google = () => createGoogleGenerativeAI({ baseURL: `${mock().url}/v1beta`, apiKey: 'tenant-a' });

describe('AI SDK 6 against the mock', () => {
  it('generateText and streamText with @ai-sdk/openai .chat()', async () => {
    const gen = await generateText({ model: openai().chat('gpt-4o-mini'), prompt: 'Hello' });
    expect(gen.finishReason).toBe('stop');
    expect(gen.usage.outputTokens).toBe(countTokens(gen.text));
    const streamed = streamText({ model: openai().chat('gpt-4o'), prompt: 'Hello' });
    let text = '';
    for await (const t of streamed.textStream) text += t;
    expect((await streamed.usage).outputTokens).toBe(countTokens(text));
  });

  it('embed and embedMany with @ai-sdk/openai .embedding()', async () => {
    const one = await embed({ model: openai().embedding('text-embedding-3-small'), value: 'cat' });
    expect(one.embedding).toHaveLength(1536);
    const many = await embedMany({
      model: openai().embedding('text-embedding-3-small'),
      values: ['cat', 'dog'],
    });
    expect(many.embeddings[0]).toEqual(one.embedding);
  });

  it('generateText, streamText and tool calls with @ai-sdk/anthropic', async () => {
    const gen = await generateText({ model: anthropic()('claude-sonnet-4-20250514'), prompt: 'Hello' });
    expect(gen.usage.outputTokens).toBe(countTokens(gen.text));
    const streamed = streamText({ model: anthropic()('claude-3-5-haiku-latest'), prompt: 'Hello' });
    let text = '';
    for await (const t of streamed.textStream) text += t;
    expect(text.length).toBeGreaterThan(0);
    expect((await streamed.usage).outputTokens).toBe(countTokens(text));
    const withTool = await generateText({
      model: anthropic()('claude-sonnet-4-0'),
      prompt: 'Weather?',
      tools: {
        weather: tool({
          inputSchema: jsonSchema<{ city: string }>({
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          }),
        }),
      },
    });
    expect(withTool.toolCalls[0]?.toolName).toBe('weather');
    expect(withTool.toolCalls[0]?.input).toMatchObject({ city: expect.any(String) });
  });

  it('generateText, streamText and embed with @ai-sdk/google', async () => {
    const gen = await generateText({ model: google()('gemini-2.5-flash'), prompt: 'Hello' });
    expect(gen.usage.outputTokens).toBe(countTokens(gen.text));
    const streamed = streamText({ model: google()('gemini-2.5-flash'), prompt: 'Hello' });
    let text = '';
    for await (const t of streamed.textStream) text += t;
    expect((await streamed.usage).outputTokens).toBe(countTokens(text));
    const e = await embed({ model: google().textEmbeddingModel('text-embedding-004'), value: 'cat' });
    expect(e.embedding).toHaveLength(768);
  });

  it('surfaces provider errors as APICallError with the status', async () => {
    const err = await generateText({ model: openai().chat('gpt-nope'), prompt: 'x', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(APICallError.isInstance(err)).toBe(true);
    expect((err as APICallError).statusCode).toBe(404);
  });
});
