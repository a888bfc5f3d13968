import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../harness/src/client/llm-client';
import { createLogger } from '../../harness/src/log';
import { createRequestLog } from '../../harness/src/log-files';
import { parseScenario } from '../../harness/src/scenarios/load';
import { post, startTestStack } from '../helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** A key no code path could produce by chance: if it shows up anywhere, it leaked. */
const SECRET = `sk-leakcheck-${Math.random().toString(36).slice(2)}${Date.now()}`;

describe('secrets never reach logs, spans, runs or error bodies', () => {
  let stack: TestStack;
  let target: Server;
  let logDir: string;
  const everything = async () => {
    await stack.tracing.provider.forceFlush();
    await stack.mock?.flush();
    await stack.spans.flush();
    const tables = ['otel_traces', 'harness_runs'];
    const dump: string[] = [];
    for (const table of tables) {
      const r = await stack.store.client.query({ query: `SELECT * FROM ${table}`, format: 'JSONEachRow' });
      dump.push(JSON.stringify(await r.json()));
    }
    return dump.join('\n');
  };

  beforeAll(async () => {
    stack = await startTestStack();
    logDir = path.join(stack.store.config.mode === 'embedded' ? stack.store.config.dataDir : '.', 'logs');
    // A stand-in for the user's own app behind a URL target.
    target = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('{"ok":true}'));
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    await new Promise<void>((r) => target.close(() => r()));
    await stack?.dispose();
  });

  it('redacts credential attributes of spans received over OTLP (span, resource and event attributes)', async () => {
    const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
    const res = await fetch(`${stack.otlp.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [str('service.name', 'users-app'), str('deployment.api_key', SECRET)] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '5b8efff798038103d269b633813fc60c',
                    spanId: 'eee19b7ec3c1b174',
                    name: 'POST /chat',
                    kind: 3,
                    startTimeUnixNano: '1700000000000000000',
                    endTimeUnixNano: '1700000000100000000',
                    attributes: [
                      str('http.request.header.authorization', `Bearer ${SECRET}`),
                      str('http.request.header.x-api-key', SECRET),
                      str('api_key', SECRET),
                      str('gen_ai.usage.input_tokens', '12'),
                    ],
                    events: [
                      {
                        timeUnixNano: '1700000000050000000',
                        name: 'login',
                        attributes: [str('password', SECRET)],
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    await stack.spans.flush();
    const r = await stack.store.client.query({
      query:
        "SELECT SpanAttributes, ResourceAttributes, Events.Attributes AS ev FROM otel_traces WHERE ServiceName = 'users-app'",
      format: 'JSONEachRow',
    });
    const [row] = await r.json<{
      SpanAttributes: Record<string, string>;
      ResourceAttributes: Record<string, string>;
      ev: Record<string, string>[];
    }>();
    expect(row?.SpanAttributes).toMatchObject({
      'http.request.header.authorization': '[redacted]',
      'http.request.header.x-api-key': '[redacted]',
      api_key: '[redacted]',
      'gen_ai.usage.input_tokens': '12',
    });
    expect(row?.ResourceAttributes['deployment.api_key']).toBe('[redacted]');
    expect(row?.ev[0]?.password).toBe('[redacted]');
  });

  it('redacts them on spans from the SDK exporter too', async () => {
    const span = stack.tracing.provider.getTracer('leak-check').startSpan('leaky', {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.header.authorization': SECRET },
    });
    span.end();
    expect(await everything()).not.toContain(SECRET);
  });

  it('keeps a key sent to the mock out of its ground-truth spans', async () => {
    const base = stack.mock?.server.url as string;
    const body = (model: string) =>
      JSON.stringify({ model, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] });
    const calls = [
      fetch(`${base}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
        body: body('gpt-4o-mini'),
      }),
      fetch(`${base}/v1/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': SECRET,
          'anthropic-version': '2023-06-01',
        },
        body: body('claude-3-5-haiku-20241022'),
      }),
      fetch(`${base}/v1beta/models/gemini-2.5-flash:generateContent?key=${SECRET}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      }),
      fetch(`${base}/v1beta/models/gemini-2.5-flash:countTokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-goog-api-key': SECRET },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain(SECRET);
    }
    expect(await everything()).not.toContain(SECRET);
  });

  it('keeps a client key out of the request log and the stderr log', async () => {
    const dir = path.join(logDir, 'client-check');
    const requestLog = createRequestLog(dir);
    const logger = requestLog.logger;
    const client = createLlmClient({
      baseUrl: stack.mock?.server.url as string,
      apiKeys: { openai: SECRET, anthropic: SECRET, gemini: SECRET },
      logger,
      config: { retry: false },
    });
    try {
      const ok = await client.chat({
        provider: 'openai',
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        maxTokens: 8,
        stream: false,
      });
      expect(ok.ok).toBe(true);
      const failed = await client.chat({
        provider: 'anthropic',
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'hi' }],
        maxTokens: 8,
        stream: false,
      });
      expect(failed.ok).toBe(false);
    } finally {
      await client.close();
    }
    // Closing the request log writes what its async destination still holds.
    await requestLog.close();
    const lines = readFileSync(path.join(dir, 'requests.log'), 'utf8');
    expect(lines.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(lines).not.toContain(SECRET);

    let stderr = '';
    const sink = new Writable({
      write(chunk, _enc, done) {
        stderr += chunk.toString();
        done();
      },
    });
    const log = createLogger({ level: 'info', destination: sink });
    log.info({ headers: { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET } }, 'request');
    log.warn({ req: { headers: { 'x-goog-api-key': SECRET } }, apiKey: SECRET, token: SECRET }, 'nested');
    log.error({ client: { apiKey: SECRET } }, 'config');
    expect(stderr).toContain('[redacted]');
    expect(stderr).not.toContain(SECRET);
  });

  it('keeps the headers of a URL target out of the stored run, its API answers and its report', async () => {
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/chat`;
    const scenario = parseScenario({
      name: 'leak-check',
      description: 'a URL target that needs the user credentials',
      target: { kind: 'url', url, headers: { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET } },
      mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini' }],
      startRate: 600,
      stages: [{ duration: '1s', target: 600 }],
    });
    const run = stack.runs.manager.start({ scenario });
    await run.result;
    const runId = run.info.runId;
    for (const p of [
      `/api/runs/${runId}`,
      '/api/runs',
      `/api/runs/${runId}/report`,
      `/api/runs/${runId}/report?format=md`,
    ]) {
      const res = await fetch(`${stack.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(await res.text(), p).not.toContain(SECRET);
    }
    const stored = (await (await fetch(`${stack.url}/api/runs/${runId}`)).json()) as {
      run: { config: { scenario: { target: { headers: unknown } } } };
    };
    expect(stored.run.config.scenario.target.headers).toEqual({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
    });
    expect(await everything()).not.toContain(SECRET);
  });

  it('never echoes an Authorization header in API error bodies', async () => {
    const headers = { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET };
    const answers = await Promise.all([
      post(`${stack.url}/api/invoke/direct`, { provider: 'nope' }, headers),
      post(`${stack.url}/api/invoke/nope`, {}, headers),
      post(`${stack.url}/api/sql`, { query: 'SELEC 1' }, headers),
      post(`${stack.url}/api/runs`, { scenario: 'nope' }, headers),
      fetch(`${stack.url}/api/mock/config`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ profile: 'nope' }),
      }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ]);
    for (const a of answers) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.status).toBeLessThan(500);
      expect(JSON.stringify(a.body)).not.toContain(SECRET);
    }
  });
});
