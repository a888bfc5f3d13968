import { Writable } from 'node:stream';
import { createMockServer, type MockServer } from 'mock-providers';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClientConfigInput } from '../src/client/config';
import { createLlmClient } from '../src/client/llm-client';
import type { ChatRequest } from '../src/client/types';
import { REDACT_PATHS } from '../src/log';
import { memoryTracing } from './helpers/memory-tracing';
import { putMockConfig as admin } from './helpers/mock-admin';

const ASK: Omit<ChatRequest, 'provider' | 'model'> = {
  stream: false,
  maxTokens: 32,
  messages: [{ role: 'user', content: 'Label this ticket: my parcel is late.' }],
};

describe('resilient client against the real mock', () => {
  let mock: MockServer;
  const tracing = memoryTracing();
  const client = (config: ClientConfigInput, apiKey = 'tenant-key') =>
    createLlmClient({
      baseUrl: mock.url,
      tracer: tracing.tracer,
      config,
      apiKeys: { openai: apiKey, anthropic: apiKey, gemini: apiKey },
    });

  beforeAll(async () => {
    mock = await createMockServer({ port: 0, timeScale: 0, seed: 11 });
  });
  beforeEach(async () => {
    tracing.reset();
    await fetch(`${mock.url}/__admin/reset`, { method: 'POST' });
    await admin(mock, { profile: 'ideal', rateLimits: 'published', timeScale: 0 });
  });
  afterEach(() => {
    mock.context.clock = () => Date.now();
  });
  afterAll(async () => await mock?.close());

  it('retries a 429 after its retry-after, not before, then succeeds', async () => {
    await admin(mock, { rateLimits: { 'openai/gpt-4o-mini': { rpm: 30 } } });
    const drainer = client({ retry: false }, 'tenant-429');
    // Empty the 30-request bucket (1 per 2 s refill) on a frozen mock clock, then let time run on.
    const frozen = Date.now();
    mock.context.clock = () => frozen;
    const drained = await Promise.all(
      Array.from({ length: 30 }, () => drainer.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ASK })),
    );
    expect(drained.every((o) => o.ok)).toBe(true);
    const resumed = Date.now();
    mock.context.clock = () => frozen + (Date.now() - resumed);
    const c = client({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } }, 'tenant-429');
    const o = await c.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ASK });
    expect(o.ok).toBe(true);
    expect(o.attempts).toBe(2);
    const attempts = tracing
      .spans()
      .filter(
        (s) =>
          (s.attributes['harness.attempt'] !== undefined &&
            s.attributes['http.request.resend_count'] !== undefined) ||
          s.attributes['harness.retry_after_ms'] !== undefined,
      )
      .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    const failed = attempts.find((s) => s.attributes['error.type'] === 'rate_limit');
    const resent = attempts.find((s) => s.attributes['http.request.resend_count'] === 1);
    expect(failed?.attributes['http.response.status_code']).toBe(429);
    const advised = Number(failed?.attributes['harness.retry_after_ms']);
    expect(advised).toBeGreaterThan(0);
    const gapMs =
      (resent!.startTime[0] - failed!.endTime[0]) * 1000 + (resent!.startTime[1] - failed!.endTime[1]) / 1e6;
    expect(gapMs).toBeGreaterThanOrEqual(advised - 1);
    expect(o.retryWaitMs).toBeGreaterThanOrEqual(advised - 1);
    await drainer.close();
    await c.close();
  });

  it('falls back to another provider when the primary answers 529 overloaded', async () => {
    const c = client({ retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    const o = await c.chat(
      { provider: 'anthropic', model: 'claude-3-5-haiku-20241022', ...ASK },
      {
        headers: { 'x-mock-fault': 'overloaded' },
        fallback: [{ provider: 'openai', model: 'gpt-4o-mini', on: ['overloaded'] }],
      },
    );
    expect(o.ok).toBe(true);
    expect(o.fallbackUsed).toBe(true);
    expect(o.provider).toBe('openai');
    expect(o.attempts).toBe(3);
    const primaryErrors = tracing
      .spans()
      .filter(
        (s) =>
          s.attributes['gen_ai.provider.name'] === 'anthropic' && s.attributes['error.type'] === 'overloaded',
      );
    expect(primaryErrors.map((s) => s.attributes['http.response.status_code'])).toEqual([529, 529]);
    await c.close();
  });

  it('detects a stalled stream with the idle timeout and classifies it sse_stall', async () => {
    const c = client({ retry: false, timeout: { idleMs: 150, attemptMs: 10_000, totalMs: 20_000 } });
    const o = await c.chat(
      { provider: 'openai', model: 'gpt-4o-mini', ...ASK, stream: true, maxTokens: 64 },
      { headers: { 'x-mock-fault': 'sse_stall', 'x-mock-fault-at': '2' } },
    );
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.errorClass).toBe('sse_stall');
    expect(o.latencyMs).toBeLessThan(1_000);
    await c.close();
  });

  it('ends the call at its total timeout, even in the middle of a retry wait', async () => {
    const c = client({
      retry: { maxRetries: 5, baseDelayMs: 5_000, maxDelayMs: 5_000 },
      timeout: { totalMs: 300, attemptMs: 10_000, idleMs: 10_000 },
    });
    const o = await c.chat(
      { provider: 'openai', model: 'gpt-4o-mini', ...ASK },
      { headers: { 'x-mock-fault': 'server_error' } },
    );
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.errorClass).toBe('timeout');
    // The backoff wanted ≥ 2.5 s; the deadline cut it to what was left of 300 ms.
    expect(o.latencyMs).toBeGreaterThanOrEqual(290);
    expect(o.latencyMs).toBeLessThan(1_500);
    expect(o.attempts).toBe(1);
    await c.close();
  });

  it('aborts an attempt in flight when the call deadline comes first', async () => {
    const c = client({ retry: false, timeout: { totalMs: 250, attemptMs: 10_000, idleMs: 10_000 } });
    const o = await c.chat(
      { provider: 'openai', model: 'gpt-4o-mini', ...ASK, stream: true, maxTokens: 64 },
      { headers: { 'x-mock-fault': 'sse_stall', 'x-mock-fault-at': '2' } },
    );
    expect(o.ok).toBe(false);
    if (!o.ok) expect([o.error.errorClass, o.error.message]).toEqual(['timeout', 'call deadline reached']);
    expect(o.latencyMs).toBeLessThan(1_500);
    await c.close();
  });

  it("honours the caller's cancel signal", async () => {
    const c = client({ retry: false, timeout: { totalMs: 10_000, attemptMs: 10_000, idleMs: 10_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const o = await c.chat(
      { provider: 'openai', model: 'gpt-4o-mini', ...ASK, stream: true, maxTokens: 64 },
      { headers: { 'x-mock-fault': 'sse_stall', 'x-mock-fault-at': '2' }, signal: controller.signal },
    );
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.errorClass).toBe('cancelled');
    expect(o.latencyMs).toBeLessThan(1_500);
    await c.close();
  });

  it('opens the breaker under the outage profile, then half-opens and recovers', async () => {
    await admin(mock, { profile: 'outage' });
    const c = client({ retry: false, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 300 } });
    const key = 'openai/gpt-4o-mini';
    const classes: string[] = [];
    for (let i = 0; i < 30 && c.breakers.state(key) !== 'open'; i++) {
      const o = await c.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ASK });
      if (!o.ok) classes.push(o.error.errorClass);
    }
    expect(c.breakers.state(key)).toBe('open');
    const rejected = await c.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ASK });
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(rejected.error.errorClass).toBe('breaker_open');
    expect(rejected.attempts).toBe(0);
    await admin(mock, { profile: 'ideal' });
    await new Promise((r) => setTimeout(r, 350));
    // cockatiel moves to half-open on the first call after halfOpenAfter: that call is the probe.
    const probe = await c.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ASK });
    expect(probe.ok).toBe(true);
    expect(c.breakers.state(key)).toBe('closed');
    expect(classes.length).toBeGreaterThanOrEqual(3);
    await c.close();
  });

  it('rejects calls beyond the bulkhead queue with a counted queue_full, never piling up', async () => {
    await admin(mock, { timeScale: 0.3 });
    const c = client({ retry: false, bulkhead: { maxConcurrent: 1, queue: 1 } });
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => c.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ASK })),
    );
    const full = outcomes.filter((o) => !o.ok && o.error.errorClass === 'queue_full');
    expect(full).toHaveLength(3);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(outcomes.find((o) => o.ok && o.queueWaitMs > 50)).toBeDefined();
    await c.close();
  });

  it('answers a repeated request from the cache at zero cost', async () => {
    const c = client({ cache: { maxEntries: 10 } });
    const first = await c.chat({ provider: 'gemini', model: 'gemini-2.5-flash', ...ASK });
    const second = await c.chat({ provider: 'gemini', model: 'gemini-2.5-flash', ...ASK });
    expect(first.ok && second.ok).toBe(true);
    expect(first.costUsd).toBeGreaterThan(0);
    expect(second).toMatchObject({ cacheHit: true, costUsd: 0, attempts: 0 });
    if (first.ok && second.ok) expect(second.value.text).toBe(first.value.text);
    await c.close();
  });

  it('routes short inputs to the cheap model when routing is on', async () => {
    const c = client({ routing: { maxInputChars: 200 } });
    const o = await c.chat({ provider: 'openai', model: 'gpt-4o', ...ASK });
    expect(o.model).toBe('gpt-4o-mini');
    await c.close();
  });

  it('records every GenAI and harness attribute on the call and attempt spans', async () => {
    const c = client({});
    await c.chat(
      { provider: 'anthropic', model: 'claude-3-5-haiku-20241022', ...ASK, stream: true },
      { runId: 'run-attrs', scenario: 'sc', pattern: 'streaming' },
    );
    const spans = tracing.spans().filter((s) => s.name === 'chat claude-3-5-haiku-20241022');
    const call = spans.find((s) => s.attributes['harness.run.id'] === 'run-attrs');
    const attempt = spans.find((s) => s.attributes['harness.attempt'] === 1);
    expect(call?.kind).toBe(2); // CLIENT
    expect(call?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-3-5-haiku-20241022',
      'gen_ai.response.model': 'claude-3-5-haiku-20241022',
      'gen_ai.request.stream': true,
      'harness.run.id': 'run-attrs',
      'harness.scenario': 'sc',
      'harness.pattern': 'streaming',
      'harness.retries': 0,
      'harness.breaker.state': 'closed',
      'harness.cache.hit': false,
      'harness.fallback.used': false,
      'harness.cost.wasted_usd': 0,
      'harness.outcome': 'ok',
    });
    for (const k of [
      'gen_ai.usage.input_tokens',
      'gen_ai.usage.output_tokens',
      'gen_ai.usage.cost',
      'harness.cost.usd',
      'harness.queue.wait_ms',
      'harness.retry.wait_ms',
      'gen_ai.response.time_to_first_chunk',
      'harness.ttft_ms',
      'harness.tpot_ms',
      'harness.itl.mean_ms',
    ]) {
      expect(typeof call?.attributes[k], k).toBe('number');
    }
    expect(attempt?.attributes).toMatchObject({
      'server.address': '127.0.0.1',
      'gen_ai.request.stream': true,
    });
    expect(['end_turn', 'max_tokens']).toContain(
      (attempt?.attributes['gen_ai.response.finish_reasons'] as string[] | undefined)?.[0],
    );
    expect(typeof attempt?.attributes['gen_ai.response.id']).toBe('string');
    expect(attempt?.parentSpanContext?.spanId).toBe(call?.spanContext().spanId);
    await c.close();
  });

  it('never writes the API key into logs or spans, even for failed calls', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    const secret = 'sk-very-secret-key-123456';
    const c = createLlmClient({
      baseUrl: mock.url,
      tracer: tracing.tracer,
      logger,
      apiKeys: { openai: secret, anthropic: secret, gemini: secret },
    });
    await c.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ASK });
    await c.chat({ provider: 'anthropic', model: 'no-such-model', ...ASK });
    await c.chat(
      { provider: 'gemini', model: 'gemini-2.5-flash', ...ASK },
      { headers: { 'x-mock-fault': 'server_error' } },
    );
    expect(lines.length).toBe(3);
    const everything =
      JSON.stringify(lines) + JSON.stringify(tracing.spans().map((s) => [s.attributes, s.status, s.events]));
    expect(everything).not.toContain(secret);
    await c.close();
  });
});
