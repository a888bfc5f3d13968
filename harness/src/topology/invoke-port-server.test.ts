import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { invokePortClient } from '../driver/invoke-port-client';
import type { InvokeDeps } from '../server/invoke-request';
import { serveInvokePort } from './invoke-port-server';

// Only requests the shared handler refuses before it reaches a client: the deps are never touched.
const unreachable = new Proxy({} as InvokeDeps, {
  get: () => {
    throw new Error('a refused request touched the harness');
  },
});

/** Both ends of a real invoke port: the worker's served by `serveInvokePort`, the driver's client. */
function pair() {
  const { port1, port2 } = new MessageChannel();
  const logged: unknown[] = [];
  serveInvokePort(port1, unreachable, (e) => logged.push(e));
  return { client: invokePortClient(port2), worker: port1, logged };
}

describe('serveInvokePort: the HTTP route’s answers over a port', () => {
  it('answers an unknown pattern 404 and a bad body 400, in the API’s error shape, naming the problem', async () => {
    const { client, logged } = pair();
    const signal = new AbortController().signal;
    const unknown = await client.call('chain', { provider: 'openai', model: 'gpt-4o' }, {}, signal);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: {
        code: 'unknown_pattern',
        message: 'unknown pattern "chain": valid patterns are direct, streaming, batch, rag, agent',
      },
    });
    const bad = await client.call('direct', { provider: 'mistral', model: 'gpt-4o' }, {}, signal);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { code: string; message: string } }).error.code).toBe('invalid_request');
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/^invalid body: provider:/);
    const tag = await client.call(
      'direct',
      { provider: 'openai', model: 'gpt-4o' },
      { 'x-run-id': 'a b' },
      signal,
    );
    expect(tag.status).toBe(400);
    expect((tag.body as { error: { message: string } }).error.message).toBe(
      'invalid x-run-id header: letters, digits and . _ : - only',
    );
    // refusals are the caller's problem, not the harness's: nothing logged
    expect(logged).toEqual([]);
    client.close();
  });

  it('answers an unexpected failure 500 internal_error and logs it', async () => {
    const { port1, port2 } = new MessageChannel();
    const logged: unknown[] = [];
    const broken = {
      store: {},
      tracer: {},
      clients: { forScenario: () => Promise.reject(new Error('registry broke')) },
    } as unknown as InvokeDeps;
    serveInvokePort(port1, broken, (e) => logged.push(e));
    const client = invokePortClient(port2);
    const a = await client.call(
      'direct',
      { provider: 'openai', model: 'gpt-4o' },
      {},
      new AbortController().signal,
    );
    expect(a).toEqual({
      status: 500,
      body: { error: { code: 'internal_error', message: 'internal error' } },
    });
    expect(String(logged[0])).toMatch(/registry broke/);
    client.close();
  });
});
