import { createMockServer, type MockServer } from 'mock-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient, type LlmClient } from '../src/client/llm-client';
import type { Provider } from '../src/client/types';
import { memoryTracing } from './helpers/memory-tracing';

const MODELS: Record<Provider, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-20241022',
  gemini: 'gemini-2.5-flash',
};

describe('instrumented client against the mock (happy path)', () => {
  let mock: MockServer;
  let client: LlmClient;
  const tracing = memoryTracing();

  beforeAll(async () => {
    mock = await createMockServer({ port: 0, timeScale: 0, seed: 7 });
    client = createLlmClient({
      baseUrl: mock.url,
      tracer: tracing.tracer,
      apiKeys: { openai: 'sk-secret-openai' },
    });
  });
  afterAll(async () => {
    await client?.close();
    await mock?.close();
  });

  it.each(Object.entries(MODELS) as [Provider, string][])(
    '%s: direct and streaming calls report usage, cost and TTFT',
    async (provider, model) => {
      for (const stream of [false, true]) {
        const o = await client.chat(
          {
            provider,
            model,
            stream,
            maxTokens: 64,
            messages: [{ role: 'user', content: 'Summarise the refund policy in two sentences.' }],
          },
          { runId: 'r1', pattern: stream ? 'streaming' : 'direct' },
        );
        expect(o.ok, o.ok ? '' : `${o.error.errorClass}: ${o.error.message}`).toBe(true);
        if (!o.ok) continue;
        expect(o.value.text.length).toBeGreaterThan(0);
        expect(o.usage.inputTokens).toBeGreaterThan(0);
        expect(o.usage.outputTokens).toBeGreaterThan(0);
        expect(o.costUsd).toBeGreaterThan(0);
        expect(o.ttftMs).toBeGreaterThan(0);
        expect(o.ttftMs).toBeLessThanOrEqual(o.latencyMs);
        expect(o.attempts).toBe(1);
        if (stream) expect(o.value.chunkTimesMs.length).toBeGreaterThan(1);
      }
    },
  );

  it('embeds with OpenAI and Gemini', async () => {
    for (const [provider, model] of [
      ['openai', 'text-embedding-3-small'],
      ['gemini', 'gemini-embedding-001'],
    ] as const) {
      const o = await client.embed({ provider, model, inputs: ['refund policy', 'shipping times'] });
      expect(o.ok, o.ok ? '' : o.error.message).toBe(true);
      if (o.ok) expect(o.value.vectors).toHaveLength(2);
    }
  });
});

describe('batch channel against the mock', () => {
  it('aggregates calls into one provider batch job per provider and prices them at half', async () => {
    const mock = await createMockServer({ port: 0, timeScale: 0, seed: 3 });
    const tracing = memoryTracing();
    const client = createLlmClient({
      baseUrl: mock.url,
      tracer: tracing.tracer,
      config: { batchAggregation: { maxItems: 3, maxWaitMs: 50, pollIntervalMs: 20 } },
    });
    try {
      for (const [provider, model] of [
        ['openai', 'gpt-4o-mini'],
        ['anthropic', 'claude-3-5-haiku-20241022'],
      ] as const) {
        const outcomes = await Promise.all(
          [1, 2, 3].map((i) =>
            client.batchChat(
              {
                provider,
                model,
                stream: false,
                maxTokens: 32,
                messages: [{ role: 'user', content: `Label item ${i}` }],
              },
              { pattern: 'batch' },
            ),
          ),
        );
        for (const o of outcomes) {
          expect(o.ok, o.ok ? '' : `${o.error.errorClass} ${o.error.message}`).toBe(true);
          expect(o.usage.outputTokens).toBeGreaterThan(0);
          const { costOf } = await import('../src/cost/cost');
          expect(o.costUsd).toBeCloseTo((costOf(model, o.usage)?.total ?? 0) / 2, 12);
        }
      }
      const jobs = tracing.spans().filter((s) => s.name.startsWith('batch '));
      expect(jobs).toHaveLength(2);
      expect(jobs.every((j) => j.attributes['harness.batch.size'] === 3)).toBe(true);
    } finally {
      await client.close();
      await mock.close();
    }
  });

  it('refuses Gemini batches with a clear error', async () => {
    const client = createLlmClient({
      baseUrl: 'http://127.0.0.1:9',
      config: { batchAggregation: { maxItems: 1, maxWaitMs: 0, pollIntervalMs: 10 } },
    });
    const o = await client.batchChat({
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      stream: false,
      maxTokens: 8,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.message).toMatch(/no batch API/);
    await client.close();
  });
});
