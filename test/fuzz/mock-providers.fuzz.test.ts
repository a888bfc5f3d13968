import fc from 'fast-check';
import { createMockServer, type MockServer } from 'mock-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzBody, fuzzBodies, parsed, send } from './bodies';

type Provider = 'openai' | 'anthropic' | 'gemini';

const HEADERS: Record<Provider, Record<string, string>> = {
  openai: { authorization: 'Bearer fuzz-key' },
  anthropic: { 'x-api-key': 'fuzz-key', 'anthropic-version': '2023-06-01' },
  gemini: { 'x-goog-api-key': 'fuzz-key' },
};
const chat = { model: 'gpt-4o-mini', max_tokens: 16, messages: [{ role: 'user', content: 'hello there' }] };
const claude = {
  model: 'claude-3-5-haiku-20241022',
  max_tokens: 16,
  messages: [{ role: 'user', content: 'hello' }],
};
const contents = [{ role: 'user', parts: [{ text: 'hello' }] }];

/** Each endpoint with one valid body; the fuzzer breaks that body every way it can. */
const ENDPOINTS: Array<{ provider: Provider; path: string; valid: unknown }> = [
  { provider: 'openai', path: '/v1/chat/completions', valid: chat },
  {
    provider: 'openai',
    path: '/v1/chat/completions',
    valid: { ...chat, stream: true, stream_options: { include_usage: true } },
  },
  {
    provider: 'openai',
    path: '/v1/embeddings',
    valid: { model: 'text-embedding-3-small', input: ['a', 'b'] },
  },
  { provider: 'openai', path: '/v1/files', valid: { purpose: 'batch' } },
  {
    provider: 'openai',
    path: '/v1/batches',
    valid: { input_file_id: 'file-abc', endpoint: '/v1/chat/completions', completion_window: '24h' },
  },
  { provider: 'anthropic', path: '/v1/messages', valid: claude },
  { provider: 'anthropic', path: '/v1/messages', valid: { ...claude, stream: true } },
  {
    provider: 'anthropic',
    path: '/v1/messages/batches',
    valid: { requests: [{ custom_id: 'a', params: claude }] },
  },
  {
    provider: 'anthropic',
    path: '/v1/messages/count_tokens',
    valid: { model: claude.model, messages: claude.messages },
  },
  {
    provider: 'gemini',
    path: '/v1beta/models/gemini-2.5-flash:generateContent',
    valid: { contents, generationConfig: { maxOutputTokens: 16 } },
  },
  {
    provider: 'gemini',
    path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    valid: { contents, generationConfig: { maxOutputTokens: 16 } },
  },
  {
    provider: 'gemini',
    path: '/v1/models/gemini-embedding-001:embedContent',
    valid: { content: { parts: [{ text: 'hi' }] } },
  },
  {
    provider: 'gemini',
    path: '/v1beta/models/gemini-embedding-001:batchEmbedContents',
    valid: { requests: [{ model: 'models/gemini-embedding-001', content: { parts: [{ text: 'hi' }] } }] },
  },
  { provider: 'gemini', path: '/v1beta/models/gemini-2.5-flash:countTokens', valid: { contents } },
];

/** The error body each provider really sends. */
function expectProviderError(provider: Provider, status: number, text: string, where: string) {
  const body = parsed(text) as {
    type?: unknown;
    error?: { message?: unknown; type?: unknown; code?: unknown; status?: unknown };
  };
  if (provider === 'openai') {
    expect(typeof body.error?.message, where).toBe('string');
    expect(typeof body.error?.type, where).toBe('string');
  } else if (provider === 'anthropic') {
    expect(body.type, where).toBe('error');
    expect(typeof body.error?.type, where).toBe('string');
    expect(typeof body.error?.message, where).toBe('string');
  } else {
    expect(body.error?.code, where).toBe(status);
    expect(typeof body.error?.message, where).toBe('string');
    expect(typeof body.error?.status, where).toBe('string');
  }
}

describe('fuzzing the mock providers', () => {
  let mock: MockServer;
  let admin: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0, timeScale: 0, seed: 7, profile: 'ideal' });
    admin = await createMockServer({ port: 0, timeScale: 0, seed: 7, profile: 'ideal' });
  });
  afterAll(async () => {
    await mock?.close();
    await admin?.close();
  });

  it('answers every broken body with a 4xx in the provider shape (or a 200), never a 5xx or a hang', async () => {
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS).chain((e) => fuzzBodies(e.valid).map((body) => ({ e, body }))),
        async ({ e, body }: { e: (typeof ENDPOINTS)[number]; body: FuzzBody }) => {
          const where = `${e.path} (${body.kind}): ${String(body.body).slice(0, 200)}`;
          const r = await send(`${mock.url}${e.path}`, { headers: HEADERS[e.provider], body });
          seen[r.status] = (seen[r.status] ?? 0) + 1;
          expect(r.status, where).toBeLessThan(500);
          if (r.status >= 400) expectProviderError(e.provider, r.status, r.text, where);
          else expect(r.status, where).toBe(200);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500), seed: Number(process.env.FUZZ_SEED ?? 20_261_129) },
    );
    expect(Object.keys(seen).some((s) => s.startsWith('4'))).toBe(true);
    // Still serving good requests.
    const ok = await send(`${mock.url}/v1/chat/completions`, {
      headers: HEADERS.openai,
      body: { kind: 'valid', body: JSON.stringify(chat), contentType: 'application/json' },
    });
    expect(ok.status).toBe(200);
  }, 60_000);

  it('answers an oversized body with the provider 413/400 without buffering it', async () => {
    const big = new Uint8Array(33 * 1024 * 1024).fill(0x20);
    for (const [provider, path, status] of [
      ['openai', '/v1/chat/completions', 413],
      ['anthropic', '/v1/messages', 413],
      ['gemini', '/v1beta/models/gemini-2.5-flash:generateContent', 400],
    ] as const) {
      const r = await send(`${mock.url}${path}`, {
        headers: HEADERS[provider],
        body: { kind: 'huge', body: big, contentType: 'application/json' },
      });
      expect(r.status, path).toBe(status);
      expectProviderError(provider, r.status, r.text, path);
    }
  }, 30_000);

  it('validates PUT /__admin/config whole: a 400 naming the problem (or a 200), never a 5xx', async () => {
    const valid = {
      profile: 'ideal',
      seed: 3,
      timeScale: 0,
      rateLimits: { 'openai/gpt-4o-mini': { rpm: 100, tpm: 10_000 } },
    };
    await fc.assert(
      fc.asyncProperty(fuzzBodies(valid), async (body) => {
        const where = `${body.kind}: ${String(body.body).slice(0, 200)}`;
        const r = await send(`${admin.url}/__admin/config`, { method: 'PUT', body });
        expect(r.status, where).toBeLessThan(500);
        if (r.status !== 200) {
          expect(r.status, where).toBe(400);
          const b = parsed(r.text) as { error?: { type?: string; message?: string } };
          expect(b.error?.type, where).toBe('invalid_config');
          expect(typeof b.error?.message, where).toBe('string');
        }
        const config = await send(`${admin.url}/__admin/config`, { method: 'GET' });
        expect(config.status).toBe(200);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200), seed: Number(process.env.FUZZ_SEED ?? 42) },
    );
    const reset = await send(`${admin.url}/__admin/config`, {
      method: 'PUT',
      body: { kind: 'valid', body: JSON.stringify(valid), contentType: 'application/json' },
    });
    expect(reset.status).toBe(200);
  }, 60_000);
});
