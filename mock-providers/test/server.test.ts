import { request as httpRequest, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createMockServer } from '../src/index';
import { createManualPacer, type ManualPacer } from '../src/latency/manual-pacer';
import { useMockServer } from './helpers/mock';

const mock = useMockServer();
const admin = (path: string, init?: RequestInit) => fetch(`${mock().url}/__admin/${path}`, init);
const chat = (url: string, content: string, extra: Record<string, unknown> = {}) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra }),
  });

/** A streamed response read chunk by chunk: `chunks.next()` resolves with the next socket read. */
function openStream(
  url: string,
  body: string,
): Promise<{ response: IncomingMessage; chunks: { next(): Promise<string> }; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    });
    req.on('response', (response) => {
      const buffered: string[] = [];
      let waiting: ((text: string) => void) | undefined;
      response.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        if (waiting) {
          const w = waiting;
          waiting = undefined;
          w(text);
        } else buffered.push(text);
      });
      const ended = new Promise<void>((r) => response.on('end', () => r()));
      const next = () =>
        buffered.length > 0
          ? Promise.resolve(buffered.shift() as string)
          : new Promise<string>((r) => {
              waiting = r;
            });
      resolve({ response, chunks: { next }, ended });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The next deadline of the pacer once the server has had its turn (it schedules the next batch
 * after writing the last), or undefined when the stream has ended. Waits on I/O turns, not time.
 */
async function settledNext(pacer: ManualPacer, ended: Promise<void>): Promise<number | undefined> {
  let over = false;
  void ended.then(() => {
    over = true;
  });
  for (;;) {
    await new Promise((r) => setImmediate(r));
    const at = pacer.next();
    if (at !== undefined) return at;
    if (over) return undefined;
  }
}

describe('standalone server', () => {
  it('streams chunk by chunk to the socket, paced by the latency model', async () => {
    // The pacer decides when each event leaves; the test moves it one deadline at a time and
    // waits for those bytes on the socket, so what is asserted is the server's pacing, never how
    // this machine's timers or TCP happened to group the writes.
    const pacer = createManualPacer();
    const paced = await createMockServer({ port: 0, timeScale: 1, pacer });
    try {
      const { response, chunks, ended } = await openStream(
        paced.url,
        JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'pace me' }],
          stream: true,
          max_tokens: 12,
        }),
      );
      expect(response.statusCode).toBe(200);
      const arrivals: Array<{ at: number; text: string }> = [];
      for (;;) {
        const at = await settledNext(pacer, ended);
        if (at === undefined) break;
        const got = chunks.next();
        pacer.advanceTo(at);
        const text = await Promise.race([got, ended.then(() => '')]);
        if (text) arrivals.push({ at, text });
      }
      await ended;
      const text = arrivals.map((a) => a.text).join('');
      expect(text.trim().endsWith('data: [DONE]')).toBe(true);
      // one socket write per paced batch: the role chunk, then a token at a time
      expect(arrivals.length).toBeGreaterThanOrEqual(8);
      // the first token comes after gpt-4o-mini's time to first token, the rest at its token rate
      expect(arrivals[1]?.at ?? 0).toBeGreaterThanOrEqual(150);
      for (let i = 1; i < arrivals.length; i++)
        expect(arrivals[i]?.at ?? 0).toBeGreaterThan(arrivals[i - 1]?.at ?? 0);
      expect((arrivals.at(-1)?.at ?? 0) - (arrivals[1]?.at ?? 0)).toBeGreaterThan(50);
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
