import type { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { rejection, useMockServer } from './helpers/mock';
import { GENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();

describe.each(GENAI_SDKS)('$name', ({ GoogleGenAI, ApiError }) => {
  const ai = (fault?: string, extra: Record<string, string> = {}) =>
    new GoogleGenAI({
      apiKey: 'tenant-faults',
      httpOptions: {
        baseUrl: mock().url,
        headers: { ...(fault ? { 'x-mock-fault': fault } : {}), ...extra },
      },
    });
  const ask = {
    model: 'gemini-2.5-flash',
    contents: 'Explain quotas and retries in a few sentences, please.',
  };
  const drain = async (g: GoogleGenAI) => {
    const chunks = [];
    for await (const c of await g.models.generateContentStream(ask)) chunks.push(c);
    return chunks;
  };

  describe('Gemini faults through @google/genai', () => {
    it('rate_limit → 429 RESOURCE_EXHAUSTED ApiError with QuotaFailure, Help and RetryInfo in the message JSON', async () => {
      const err = await rejection(ai('rate_limit').models.generateContent(ask));
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(429);
      const body = JSON.parse(err.message.slice(err.message.indexOf('{'))) as {
        error: { status: string; details: Array<Record<string, unknown>> };
      };
      expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
      const types = body.error.details.map((d) => d['@type']);
      expect(types).toEqual([
        'type.googleapis.com/google.rpc.QuotaFailure',
        'type.googleapis.com/google.rpc.Help',
        'type.googleapis.com/google.rpc.RetryInfo',
      ]);
      expect(body.error.details[2]?.retryDelay).toMatch(/^\d+s$/);
    });

    it('overloaded → 503 UNAVAILABLE; server_error → 500 INTERNAL', async () => {
      const overloaded = await rejection(ai('overloaded').models.generateContent(ask));
      expect(overloaded.status).toBe(503);
      expect(overloaded.message).toMatch(/UNAVAILABLE/);
      expect((await rejection(ai('server_error').models.generateContent(ask))).message).toMatch(/INTERNAL/);
    });

    it('overloaded mid-stream → an error chunk; the SDK throws ApiError 503 during iteration', async () => {
      const err = await rejection(drain(ai('overloaded', { 'x-mock-fault-at': '1' })));
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(503);
    });

    it('content_filter → finishReason SAFETY with safetyRatings and no content', async () => {
      const res = await ai('content_filter').models.generateContent(ask);
      const candidate = res.candidates?.[0];
      expect(candidate?.finishReason).toBe('SAFETY');
      expect(candidate?.safetyRatings?.some((r) => r.blocked)).toBe(true);
      expect(candidate?.content).toBeUndefined();
      expect(res.usageMetadata?.candidatesTokenCount).toBe(0);
    });

    it('sse_drop → iteration throws (terminated); chunk_malformed → SyntaxError', async () => {
      expect((await rejection(drain(ai('sse_drop')))).message).toMatch(/terminated/);
      expect(await rejection(drain(ai('chunk_malformed')))).toBeInstanceOf(SyntaxError);
    });

    it('incomplete_json → a responseMimeType JSON answer that no longer parses', async () => {
      const res = await ai('incomplete_json').models.generateContent({
        ...ask,
        config: { responseMimeType: 'application/json' },
      });
      expect(() => JSON.parse(res.text ?? '')).toThrow();
    });
  });
});
