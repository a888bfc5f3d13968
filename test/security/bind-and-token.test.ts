import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessConfigFromEnv } from '../../harness/src/config';
import { startTestStack } from '../helpers';
import { type Child, freePort, spawnHarness, waitForChild } from '../reliability/support';

const TOKEN = 'test-token-0123456789abcdef';

/** Every API route the harness serves (method, path, JSON body when it takes one). */
const ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/api/health'],
  ['GET', '/api/scenarios'],
  ['GET', '/api/runs'],
  ['POST', '/api/runs', { scenario: 'smoke' }],
  ['GET', '/api/runs/some-run'],
  ['POST', '/api/runs/some-run/stop', {}],
  ['GET', '/api/runs/some-run/report'],
  ['GET', '/api/runs/some-run/series'],
  ['GET', '/api/compare?a=x&b=y'],
  ['POST', '/api/sql', { query: 'SELECT 1' }],
  ['GET', '/api/traces'],
  ['GET', `/api/traces/${'a'.repeat(32)}`],
  ['GET', '/api/patterns'],
  ['GET', '/api/mock/config'],
  ['PUT', '/api/mock/config', { profile: 'ideal' }],
  ['GET', '/api/mock/profiles'],
  ['GET', '/api/mock/stats'],
  ['POST', '/api/mock/reset', {}],
  ['POST', '/api/invoke/direct', { provider: 'openai', model: 'gpt-4o-mini' }],
  ['GET', '/api/no-such-route'],
];

const call = (
  url: string,
  [method, path, body]: (typeof ROUTES)[number],
  headers: Record<string, string> = {},
) =>
  fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('bind address and token', () => {
  it('binds loopback by default', async () => {
    const config = harnessConfigFromEnv({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.mock.host).toBe('127.0.0.1');
    const stack = await startTestStack();
    try {
      expect(new URL(stack.url).hostname).toBe('127.0.0.1');
      expect(new URL(stack.otlp.url).hostname).toBe('127.0.0.1');
      expect(stack.mock?.server.host).toBe('127.0.0.1');
    } finally {
      await stack.dispose();
    }
  });

  it('validates the environment, naming the bad variable', () => {
    expect(() => harnessConfigFromEnv({ HARNESS_HOST: '0.0.0.0' })).toThrow(/without HARNESS_TOKEN/);
    expect(() => harnessConfigFromEnv({ HARNESS_TOKEN: 'short' })).toThrow(/HARNESS_TOKEN.*16/);
    expect(() => harnessConfigFromEnv({ HARNESS_SPAN_QUEUE_ROWS: '0' })).toThrow(/HARNESS_SPAN_QUEUE_ROWS/);
    expect(() => harnessConfigFromEnv({ HARNESS_SPAN_QUEUE_ROWS: 'lots' })).toThrow(
      /HARNESS_SPAN_QUEUE_ROWS/,
    );
    expect(harnessConfigFromEnv({ HARNESS_SPAN_QUEUE_ROWS: '5000' }).spanQueueRows).toBe(5000);
    expect(harnessConfigFromEnv({ HARNESS_HOST: '0.0.0.0', HARNESS_TOKEN: TOKEN }).token).toBe(TOKEN);
  });

  it('`harness up` on a non-loopback address refuses to start without HARNESS_TOKEN', async () => {
    const child = spawnHarness(['up'], { HARNESS_HOST: '0.0.0.0', HARNESS_PORT: String(await freePort()) });
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(/^harness: refusing to bind 0\.0\.0\.0 without HARNESS_TOKEN/m);
  }, 30_000);
});

describe('with a token, off loopback (a real `harness up`)', () => {
  let child: Child;
  let url: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'token-'));
  beforeAll(async () => {
    const [api, otlp, mock] = [await freePort(), await freePort(), await freePort()];
    child = spawnHarness(['up'], {
      HARNESS_HOST: '0.0.0.0',
      HARNESS_TOKEN: TOKEN,
      HARNESS_PORT: String(api),
      OTLP_PORT: String(otlp),
      MOCK_PORT: String(mock),
      MOCK_TIME_SCALE: '0',
      HARNESS_DATA_DIR: dir,
    });
    url = `http://127.0.0.1:${api}`;
    await waitForChild(child, `${url}/api/health`);
  }, 60_000);
  afterAll(async () => {
    await child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 401 on every API route without the token or with a wrong one', async () => {
    for (const route of ROUTES) {
      for (const headers of [
        {},
        { authorization: 'Bearer wrong-token-0123456789' },
        { authorization: TOKEN },
      ]) {
        const res = await call(url, route, headers);
        expect(res.status, `${route[0]} ${route[1]} ${JSON.stringify(headers)}`).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      }
    }
  });

  it('serves every API route with the token', async () => {
    for (const route of ROUTES) {
      const res = await call(url, route, { authorization: `Bearer ${TOKEN}` });
      expect(res.status, `${route[0]} ${route[1]}`).not.toBe(401);
      expect(res.status, `${route[0]} ${route[1]}`).toBeLessThan(500);
      await res.arrayBuffer();
    }
    const invoke = await call(url, ROUTES.find((r) => r[1] === '/api/invoke/direct')!, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(((await invoke.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('refuses a socket.io connection without the token and accepts one with it', async () => {
    const refused = connect(url, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => refused.on('connect_error', resolve));
    refused.close();
    expect(error.message).toMatch(/unauthorized/);
    const wrong = connect(url, { transports: ['websocket'], reconnection: false, auth: { token: 'nope' } });
    await new Promise<Error>((resolve) => wrong.on('connect_error', resolve));
    wrong.close();
    const ok = connect(url, { transports: ['websocket'], reconnection: false, auth: { token: TOKEN } });
    await new Promise<void>((resolve, reject) => {
      ok.on('connect', resolve);
      ok.on('connect_error', reject);
    });
    ok.close();
  });
});
