import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPath } from '../../harness/src/cli/report-command';
import { startTestStack } from '../helpers';
import { spawnHarness } from '../reliability/support';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

const MiB = 1024 * 1024;

/** A raw HTTP exchange, so Host/Origin headers and huge declared lengths go out exactly as written. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: Buffer | string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error('timeout')));
    req.end(options.body);
  });
}

describe('body size limits, report paths and origins', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it.each([
    ['POST', '/api/sql'],
    ['POST', '/api/runs'],
    ['POST', '/api/invoke/direct'],
    ['PUT', '/api/mock/config'],
  ])('answers a JSON body over 1 MiB on %s %s with 413 in the API error shape', async (method, p) => {
    const body = JSON.stringify({ query: 'x'.repeat(MiB + 10) });
    const res = await fetch(`${stack.url}${p}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'body_too_large', message: expect.any(String) } });
  });

  it('answers an OTLP body over 64 MiB after decompression with 413, and one declared too large at once', async () => {
    const bomb = gzipSync(Buffer.alloc(65 * MiB, 0x20));
    expect(bomb.length).toBeLessThan(MiB);
    const res = await fetch(stack.otlp.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: bomb,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /exceeds 67108864 bytes after decompression/,
    );
    const declared = await raw(stack.otlp.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', 'content-length': 65 * MiB },
    }).catch((e: Error) => ({ status: -1, body: e.message, headers: {} }));
    expect(declared.status).toBe(413);
    // Still serving.
    const ok = await fetch(stack.otlp.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"resourceSpans":[]}',
    });
    expect(ok.status).toBe(200);
  });

  it('keeps report files inside reports/', () => {
    const dir = path.resolve('/tmp/reports-root');
    expect(reportPath('run.html', dir)).toBe(path.join(dir, 'run.html'));
    expect(reportPath('sub/run.md', dir)).toBe(path.join(dir, 'sub/run.md'));
    for (const bad of ['../x', '../../etc/passwd', '/etc/passwd', 'sub/../../x', '', '.'])
      expect(() => reportPath(bad, dir), bad).toThrow(/--out must stay inside/);
  });

  it('`harness report <run> --out ../x` refuses before doing anything', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'report-out-'));
    try {
      const child = spawnHarness(['report', 'some-run', '--out', '../escape.md'], {
        HARNESS_DATA_DIR: dataDir,
        HARNESS_PORT: '1',
      });
      expect(await child.exited).toBe(1);
      expect(child.stderr()).toMatch(/^harness: --out must stay inside .*reports/m);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('grants no CORS to a foreign origin on /api, and refuses its requests', async () => {
    const evil = { origin: 'http://evil.example' };
    const get = await raw(`${stack.url}/api/health`, { headers: evil });
    expect(get.status).toBe(403);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.parse(get.body).error.code).toBe('forbidden_origin');
    const preflight = await raw(`${stack.url}/api/sql`, {
      method: 'OPTIONS',
      headers: {
        ...evil,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // A "simple" cross-site POST (no preflight in a browser) must not act either.
    const reset = await raw(`${stack.url}/api/mock/reset`, {
      method: 'POST',
      headers: { ...evil, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(reset.status).toBe(403);
  });

  it('serves the same origin, and clients that send no Origin', async () => {
    const same = await raw(`${stack.url}/api/health`, { headers: { origin: stack.url } });
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
    const post = await raw(`${stack.url}/api/sql`, {
      method: 'POST',
      headers: { origin: stack.url, 'content-type': 'application/json' },
      body: '{"query":"SELECT 1"}',
    });
    expect(post.status).toBe(200);
    expect((await fetch(`${stack.url}/api/health`)).status).toBe(200);
  });

  it('refuses a non-loopback Host without a token (DNS rebinding)', async () => {
    const port = new URL(stack.url).port;
    const rebound = await raw(`${stack.url}/api/health`, {
      headers: { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` },
    });
    expect(rebound.status).toBe(403);
    const localhost = await raw(`${stack.url}/api/health`, { headers: { host: `localhost:${port}` } });
    expect(localhost.status).toBe(200);
  });

  it('refuses a socket.io connection from a foreign origin, and grants it no CORS', async () => {
    const polling = await raw(`${stack.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(polling.status).toBeGreaterThanOrEqual(400);
    expect(polling.headers['access-control-allow-origin']).toBeUndefined();
    const foreign = connect(stack.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: 'http://evil.example' },
    });
    await new Promise<Error>((resolve) => foreign.on('connect_error', resolve));
    foreign.close();
    const same = connect(stack.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: stack.url },
    });
    await new Promise<void>((resolve, reject) => {
      same.on('connect', resolve);
      same.on('connect_error', reject);
    });
    same.close();
  });
});
