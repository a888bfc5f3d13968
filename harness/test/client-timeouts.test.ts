import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient } from '../src/client/llm-client';

/** A provider that answers nothing, or sends its head and part of a body and then nothing. */
function stallingServer(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    if (req.url?.includes('/messages')) {
      // Anthropic path: head and half a JSON body, then silence
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id":"msg_1","type":"message",');
    }
    // OpenAI path: not even a head
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('timeouts of non-streamed calls, head and body', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await stallingServer();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const ask = { stream: false, maxTokens: 8, messages: [{ role: 'user' as const, content: 'hi' }] };
  const clientWith = (attemptMs: number, totalMs = 5_000) =>
    createLlmClient({
      baseUrl: base,
      config: { retry: false, timeout: { attemptMs, totalMs, idleMs: 5_000 } },
    });

  it('ends an attempt whose answer never starts at the attempt timeout', async () => {
    const client = clientWith(150);
    const o = await client.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ask });
    expect(o.ok).toBe(false);
    if (!o.ok) expect([o.error.errorClass, o.error.message]).toEqual(['timeout', 'attempt exceeded 150 ms']);
    expect(o.latencyMs).toBeGreaterThanOrEqual(140);
    expect(o.latencyMs).toBeLessThan(2_000);
    await client.close();
  });

  it('ends an attempt whose body stalls after the head, classified as a timeout', async () => {
    const client = clientWith(200);
    const o = await client.chat({ provider: 'anthropic', model: 'claude-3-5-haiku-20241022', ...ask });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.errorClass).toBe('timeout');
    expect(o.latencyMs).toBeLessThan(2_000);
    await client.close();
  });

  it('ends a body that stalls after the head at the call deadline, not later', async () => {
    // the SDKs' own timeouts stop at the head: the attempt's limit must cover the body too
    const client = clientWith(5_000, 250);
    const o = await client.chat({ provider: 'anthropic', model: 'claude-3-5-haiku-20241022', ...ask });
    expect(o.ok).toBe(false);
    if (!o.ok) expect([o.error.errorClass, o.error.message]).toEqual(['timeout', 'call deadline reached']);
    expect(o.latencyMs).toBeLessThan(1_500);
    await client.close();
  });

  it('does not start a fallback once an attempt has run into the call deadline', async () => {
    // the OpenAI path never answers: its attempt is bound by the deadline; the fallback (on
    // `timeout`) would start with ~1 ms left if the deadline timer fired a little early
    for (const totalMs of [7.5, 30, 60]) {
      const client = createLlmClient({
        baseUrl: base,
        config: {
          retry: false,
          timeout: { attemptMs: 5_000, totalMs, idleMs: 5_000 },
          fallback: [{ provider: 'gemini', model: 'gemini-2.5-flash', on: ['timeout'] }],
        },
      });
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, () => client.chat({ provider: 'openai', model: 'gpt-4o-mini', ...ask })),
      );
      for (const o of outcomes) {
        expect(o.ok).toBe(false);
        if (!o.ok)
          expect([o.error.errorClass, o.error.message]).toEqual(['timeout', 'call deadline reached']);
        expect([o.attempts, o.fallbackUsed]).toEqual([1, false]);
      }
      await client.close();
    }
  });

  it('still cancels a non-streamed call from the caller signal', async () => {
    const client = clientWith(5_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const o = await client.chat(
      { provider: 'openai', model: 'gpt-4o-mini', ...ask },
      { signal: controller.signal },
    );
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.error.errorClass).toBe('cancelled');
    expect(o.latencyMs).toBeLessThan(2_000);
    await client.close();
  });
});
