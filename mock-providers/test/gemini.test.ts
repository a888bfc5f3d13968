import type { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/content/tokens';
import { matchesSchema, parseSse, useMockServer } from './helpers/mock';
import { GENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();

describe.each(GENAI_SDKS)('$name', ({ GoogleGenAI, ApiError, Type }) => {
  const ai = (apiVersion?: string) =>
    new GoogleGenAI({
      apiKey: 'tenant-a',
      httpOptions: { baseUrl: mock().url, ...(apiVersion ? { apiVersion } : {}) },
    });

  describe('Gemini through @google/genai', () => {
    it('generates content with usageMetadata matching the text', async () => {
      const res = await ai().models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hello Gemini' });
      expect(res.candidates?.[0]?.finishReason).toBe('STOP');
      expect(res.usageMetadata?.candidatesTokenCount).toBe(countTokens(res.text ?? ''));
      expect(res.usageMetadata?.totalTokenCount).toBe(
        (res.usageMetadata?.promptTokenCount ?? 0) + (res.usageMetadata?.candidatesTokenCount ?? 0),
      );
      expect(res.modelVersion).toBe('gemini-2.5-flash');
    });

    it('serves the same verbs under /v1 without colliding with OpenAI /v1/models/{id}', async () => {
      const res = await ai('v1').models.generateContent({ model: 'gemini-2.5-pro', contents: 'Hello' });
      expect(res.text?.length).toBeGreaterThan(0);
      const openaiModel = await fetch(`${mock().url}/v1/models/gpt-4o`, {
        headers: { authorization: 'Bearer k' },
      });
      expect(((await openaiModel.json()) as { id: string }).id).toBe('gpt-4o');
    });

    it('streams data: chunks without [DONE] or event: lines; usage matches the streamed text', async () => {
      const chunks = [];
      for await (const c of await ai().models.generateContentStream({
        model: 'gemini-2.5-flash',
        contents: 'Stream please',
      }))
        chunks.push(c);
      expect(chunks.length).toBeGreaterThan(1);
      const text = chunks.map((c) => c.text ?? '').join('');
      expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
      expect(chunks.at(-1)?.usageMetadata?.candidatesTokenCount).toBe(countTokens(text));
      const raw = await fetch(
        `${mock().url}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=k`,
        {
          method: 'POST',
          body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }] }),
        },
      );
      const events = parseSse(await raw.text());
      expect(events.every((e) => e.event === undefined && e.data !== '[DONE]')).toBe(true);
    });

    it('honours maxOutputTokens with MAX_TOKENS', async () => {
      const res = await ai().models.generateContent({
        model: 'gemini-2.5-flash',
        contents: 'long',
        config: { maxOutputTokens: 3 },
      });
      expect(res.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
      expect(res.usageMetadata?.candidatesTokenCount).toBeLessThanOrEqual(3);
    });

    it('calls a declared function with valid args and answers JSON for a responseSchema', async () => {
      const parameters = {
        type: Type.OBJECT,
        properties: { city: { type: Type.STRING }, days: { type: Type.INTEGER, minimum: 1, maximum: 3 } },
        required: ['city', 'days'],
      };
      const call = await ai().models.generateContent({
        model: 'gemini-2.5-flash',
        contents: 'Weather?',
        config: { tools: [{ functionDeclarations: [{ name: 'get_weather', parameters }] }] },
      });
      expect(call.functionCalls?.[0]?.name).toBe('get_weather');
      const args = call.functionCalls?.[0]?.args as { days: number };
      expect(args.days).toBeGreaterThanOrEqual(1);
      expect(args.days).toBeLessThanOrEqual(3);
      const schema = {
        type: 'object',
        properties: { name: { type: 'string' }, n: { type: 'integer' } },
        required: ['name', 'n'],
      };
      const structured = await ai().models.generateContent({
        model: 'gemini-2.5-pro',
        contents: 'json',
        config: { responseMimeType: 'application/json', responseJsonSchema: schema },
      });
      expect(matchesSchema(schema, JSON.parse(structured.text ?? 'null'))).toBe(true);
    });

    it('embeds via batchEmbedContents and embedContent, and counts tokens', async () => {
      const res = await ai().models.embedContent({ model: 'text-embedding-004', contents: ['a', 'b'] });
      expect(res.embeddings).toHaveLength(2);
      expect(res.embeddings?.[0]?.values).toHaveLength(768);
      const one = await fetch(`${mock().url}/v1beta/models/gemini-embedding-001:embedContent`, {
        method: 'POST',
        headers: { 'x-goog-api-key': 'k' },
        body: JSON.stringify({ content: { parts: [{ text: 'a' }] }, outputDimensionality: 128 }),
      });
      expect(((await one.json()) as { embedding: { values: number[] } }).embedding.values).toHaveLength(128);
      const count = await ai().models.countTokens({ model: 'gemini-2.5-flash', contents: 'Hello there' });
      expect(count.totalTokens).toBe(countTokens('Hello there'));
    });

    it('renders 403 PERMISSION_DENIED, 404 and 400 INVALID_ARGUMENT as ApiError', async () => {
      const noKey = await fetch(`${mock().url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: 'POST',
        body: '{}',
      });
      expect(noKey.status).toBe(403);
      expect(await noKey.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
      const unknown = await ai()
        .models.generateContent({ model: 'gemini-9', contents: 'x' })
        .catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(ApiError);
      expect((unknown as ApiError).status).toBe(404);
      const long = await ai()
        .models.generateContent({ model: 'gemini-2.5-flash', contents: 'word '.repeat(1_100_000) })
        .catch((e: unknown) => e);
      expect((long as ApiError).status).toBe(400);
      expect((long as ApiError).message).toMatch(/INVALID_ARGUMENT/);
      const bad = await fetch(`${mock().url}/v1beta/models/gemini-2.5-flash:generateContent?key=k`, {
        method: 'POST',
        body: '{"contents":[]}',
      });
      expect(await bad.json()).toMatchObject({
        error: { code: 400, status: 'INVALID_ARGUMENT', message: expect.stringMatching(/contents/) },
      });
    });
  });
});
