import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createMockServer } from '../src/index';
import { useMockServer } from './helpers/mock';

const mock = useMockServer();
const admin = (path: string, init?: RequestInit) => fetch(`${mock().url}/__admin/${path}`, init);
const chat = (url: string, content: string, extra: Record<string, unknown> = {}) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra }),
  });

/** Raw socket reads of a streamed body with their arrival times. */
function readArrivals(
  url: string,
  body: string,
): Promise<{ status: number; arrivals: number[]; text: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      const arrivals: number[] = [];
      let text = '';
      res.on('data', (chunk: Buffer) => {
        arrivals.push(performance.now() - started);
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, arrivals, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('standalone server', () => {
  it('streams chunk by chunk to the socket, paced by the latency model', async () => {
    const paced = await createMockServer({ port: 0, timeScale: 1 });
    try {
      const body = JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'pace me' }],
        stream: true,
        max_tokens: 12,
      });
      const { status, arrivals, text } = await readArrivals(paced.url, body);
      expect(status).toBe(200);
      expect(text.trim().endsWith('data: [DONE]')).toBe(true);
      expect(arrivals.length).toBeGreaterThanOrEqual(8);
      expect(arrivals[1] ?? 0).toBeGreaterThanOrEqual(150);
      const spread = (arrivals.at(-1) ?? 0) - (arrivals[1] ?? 0);
      expect(spread).toBeGreaterThan(50);
    } finally {
      await paced.close();
    }
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await fetch(`${mock().url}/v2/unknown`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: 'not_found' } });
  });

  it('serves config, validates PUT as a whole and applies nothing on error', async () => {
    expect(await (await admin('config')).json()).toEqual({
      profile: 'ideal',
      seed: 42,
      timeScale: 0,
      rateLimits: 'published',
    });
    const bad = await admin('config', { method: 'PUT', body: JSON.stringify({ seed: 7, timeScale: -1 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/timeScale/);
    expect(((await (await admin('config')).json()) as { seed: number }).seed).toBe(42);
    const ok = await admin('config', {
      method: 'PUT',
      body: JSON.stringify({ rateLimits: { 'openai/gpt-4o': { rpm: 10 } } }),
    });
    expect(await ok.json()).toMatchObject({ seed: 42, rateLimits: { 'openai/gpt-4o': { rpm: 10 } } });
  });

  it('changes content when the seed changes and restores it with the old seed', async () => {
    const text = async () =>
      ((await (await chat(mock().url, 'seeded')).json()) as { choices: [{ message: { content: string } }] })
        .choices[0].message.content;
    const before = await text();
    await admin('config', { method: 'PUT', body: JSON.stringify({ seed: 7 }) });
    const other = await text();
    await admin('config', { method: 'PUT', body: JSON.stringify({ seed: 42 }) });
    expect(other).not.toBe(before);
    expect(await text()).toBe(before);
  });

  it('counts provider requests by status and route (not admin calls), and reset clears them', async () => {
    await admin('reset', { method: 'POST' });
    await chat(mock().url, 'one');
    await chat(mock().url, 'two', { model: 'nope' });
    await fetch(`${mock().url}/v1/models`);
    await admin('config');
    const stats = await (await admin('stats')).json();
    expect(stats).toEqual({
      requests: 3,
      byStatus: { '200': 1, '404': 1, '401': 1 },
      byFault: {},
      byRoute: { 'POST /v1/chat/completions': 2, 'GET /v1/models': 1 },
    });
    await admin('reset', { method: 'POST' });
    expect(((await (await admin('stats')).json()) as { requests: number }).requests).toBe(0);
  });

  it('keeps two instances fully isolated', async () => {
    const other = await createMockServer({ port: 0, timeScale: 0, seed: 1 });
    try {
      await chat(other.url, 'x');
      expect(other.context.stats.snapshot().requests).toBe(1);
      expect(((await (await fetch(`${other.url}/__admin/config`)).json()) as { seed: number }).seed).toBe(1);
      expect(mock().context.config.seed).toBe(42);
    } finally {
      await other.close();
    }
  });
});
