import { createMockServer, type MockServer } from 'mock-providers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientConfigInput } from '../src/client/config';
import { createLlmClient } from '../src/client/llm-client';
import type { ChatRequest, Provider } from '../src/client/types';
import { memoryTracing } from './helpers/memory-tracing';

const ASK: Omit<ChatRequest, 'provider' | 'model'> = {
  stream: false,
  maxTokens: 32,
  messages: [{ role: 'user', content: 'Label this ticket: my parcel is late.' }],
};

const TARGETS: readonly { provider: Provider; model: string }[] = [
  { provider: 'openai', model: 'gpt-4o-mini' },
  { provider: 'anthropic', model: 'claude-3-5-haiku-20241022' },
];

// Backoff of a few ms: a retry that waits for backoff ends at once, one that waits for a long
// retry-after would hit the 5 s call deadline instead.
const RETRY: ClientConfigInput = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 4 },
  timeout: { totalMs: 5_000, attemptMs: 5_000, idleMs: 5_000 },
  breaker: false,
};

/**
 * The retry signals the official OpenAI and Anthropic SDKs branch on, sent by the real mock over
 * HTTP (`x-mock-fault` + `x-mock-should-retry` / `x-mock-retry-after`), and what our client does.
 */
describe('the client obeys the retry signals the SDKs obey', () => {
  let mock: MockServer;
  const tracing = memoryTracing();
  const client = () =>
    createLlmClient({
      baseUrl: mock.url,
      tracer: tracing.tracer,
      config: RETRY,
      apiKeys: { openai: 'k', anthropic: 'k', gemini: 'k' },
    });

  beforeAll(async () => {
    mock = await createMockServer({ port: 0, timeScale: 0, seed: 5 });
  });
  beforeEach(async () => {
    tracing.reset();
    await fetch(`${mock.url}/__admin/reset`, { method: 'POST' });
  });
  afterAll(async () => await mock?.close());

  for (const t of TARGETS) {
    it(`${t.provider}: x-should-retry: false stops a 500 from being retried`, async () => {
      const c = client();
      const plain = await c.chat({ ...t, ...ASK }, { headers: { 'x-mock-fault': 'server_error' } });
      const told = await c.chat(
        { ...t, ...ASK },
        { headers: { 'x-mock-fault': 'server_error', 'x-mock-should-retry': 'false' } },
      );
      expect([plain.ok, plain.attempts]).toEqual([false, 3]);
      expect([told.ok, told.attempts]).toEqual([false, 1]);
      if (!told.ok) expect([told.error.errorClass, told.error.status]).toEqual(['server_error', 500]);
      await c.close();
    });

    it(`${t.provider}: x-should-retry: true retries a spend-limit 429 that is otherwise final`, async () => {
      const c = client();
      const plain = await c.chat({ ...t, ...ASK }, { headers: { 'x-mock-fault': 'spend_limit' } });
      const told = await c.chat(
        { ...t, ...ASK },
        { headers: { 'x-mock-fault': 'spend_limit', 'x-mock-should-retry': 'true' } },
      );
      expect([plain.attempts, told.attempts]).toEqual([1, 3]);
      if (!told.ok) expect(told.error.errorClass).toBe('spend_limit');
      await c.close();
    });

    it(`${t.provider}: reads retry-after-ms (1 ms) before retry-after (1 s)`, async () => {
      const c = client();
      const o = await c.chat({ ...t, ...ASK }, { headers: { 'x-mock-fault': 'rate_limit' } });
      expect([o.ok, o.attempts]).toEqual([false, 3]);
      const advised = tracing
        .spans()
        .map((s) => s.attributes['harness.retry_after_ms'])
        .filter((v) => v !== undefined);
      expect(advised).toEqual([1, 1, 1]);
      // two waits of 1 ms (+ up to 10 % jitter), not two of a second; the margin is for a busy box
      expect(o.retryWaitMs).toBeLessThan(500);
      await c.close();
    });

    it(`${t.provider}: ignores a 120 s retry-after and backs off instead of failing or sleeping`, async () => {
      const c = client();
      const o = await c.chat(
        { ...t, ...ASK },
        { headers: { 'x-mock-fault': 'rate_limit', 'x-mock-retry-after': 'long' } },
      );
      expect([o.ok, o.attempts]).toEqual([false, 3]);
      if (!o.ok) expect(o.error.errorClass).toBe('rate_limit');
      const advised = tracing
        .spans()
        .map((s) => s.attributes['harness.retry_after_ms'])
        .filter((v) => v !== undefined);
      expect(advised).toEqual([120_000, 120_000, 120_000]);
      expect(o.retryWaitMs).toBeLessThan(500);
      await c.close();
    });
  }
});
