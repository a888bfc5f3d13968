import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinTarget } from './targets';

/** A tiny invoke API that records what reached it and answers ok. */
async function invokeServer(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers['x-run-id']} ${body}`);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const call = (pattern: string) => ({ pattern, provider: 'openai', model: 'gpt-4o-mini' });

describe('builtinTarget over several client workers (invokeUrls)', () => {
  let a: Awaited<ReturnType<typeof invokeServer>>;
  let b: Awaited<ReturnType<typeof invokeServer>>;
  beforeAll(async () => {
    a = await invokeServer();
    b = await invokeServer();
  });
  afterAll(async () => {
    for (const s of [a, b]) await new Promise((r) => s?.server.close(r));
  });

  it('sends in turn to each origin, the same request to every one', async () => {
    a.seen.length = 0;
    b.seen.length = 0;
    const target = builtinTarget({
      runId: 'r1',
      scenario: 's',
      harnessUrl: 'http://127.0.0.1:9/never-used',
      // a trailing slash is trimmed like the harness URL's
      invokeUrls: [a.url, `${b.url}/`],
    });
    const stop = new AbortController().signal;
    const outcomes = [];
    // one at a time: the turn, not the arrival order at the servers, decides where each goes
    for (const p of ['direct', 'streaming', 'batch', 'rag', 'agent'])
      outcomes.push(await target.send(call(p), stop));
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    const body = JSON.stringify({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(a.seen).toEqual([
      `POST /api/invoke/direct r1 ${body}`,
      `POST /api/invoke/batch r1 ${body}`,
      `POST /api/invoke/agent r1 ${body}`,
    ]);
    expect(b.seen).toEqual([`POST /api/invoke/streaming r1 ${body}`, `POST /api/invoke/rag r1 ${body}`]);
  });

  it('spreads concurrent sends evenly', async () => {
    a.seen.length = 0;
    b.seen.length = 0;
    const target = builtinTarget({
      runId: 'r2',
      scenario: 's',
      harnessUrl: a.url,
      invokeUrls: [a.url, b.url],
    });
    const stop = new AbortController().signal;
    await Promise.all(Array.from({ length: 10 }, () => target.send(call('direct'), stop)));
    expect(a.seen).toHaveLength(5);
    expect(b.seen).toHaveLength(5);
  });

  it('probes every origin, and names the one that does not answer', async () => {
    a.seen.length = 0;
    b.seen.length = 0;
    const dead = await invokeServer();
    await new Promise((r) => dead.server.close(r));
    await expect(
      builtinTarget({ runId: 'r3', scenario: 's', harnessUrl: a.url, invokeUrls: [a.url, b.url] }).probe(),
    ).resolves.toBeUndefined();
    expect(a.seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['GET /api/health']);
    expect(b.seen.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['GET /api/health']);
    await expect(
      builtinTarget({ runId: 'r3', scenario: 's', harnessUrl: a.url, invokeUrls: [a.url, dead.url] }).probe(),
    ).rejects.toThrow(`target unreachable: ${dead.url}/api/health`);
  });

  it('sends to the harness itself when there are no client workers', async () => {
    a.seen.length = 0;
    const target = builtinTarget({ runId: 'r4', scenario: 's', harnessUrl: `${a.url}/`, invokeUrls: [] });
    await target.send(call('direct'), new AbortController().signal);
    expect(a.seen).toHaveLength(1);
  });
});
