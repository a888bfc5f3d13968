import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import type { InvokePortAnswer, InvokePortCall, ToInvokePort } from '../contracts/invoke-port';
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

/** A client worker's end of an invoke port that records what reached it and answers `answer`. */
function workerEnd(
  answer: (m: InvokePortCall) => InvokePortAnswer | undefined = (m) => ({
    id: m.id,
    status: 200,
    body: { ok: true },
  }),
) {
  const { port1, port2 } = new MessageChannel();
  const seen: InvokePortCall[] = [];
  const cancelled: number[] = [];
  port1.on('message', (m: ToInvokePort) => {
    if (m.t === 'cancel') return void cancelled.push(m.id);
    seen.push(m);
    const a = answer(m);
    if (a) port1.postMessage(a);
  });
  return { driverEnd: port2, workerEnd: port1, seen, cancelled };
}

describe('builtinTarget over client workers (invoke ports)', () => {
  it('sends in turn to each worker, the same call to every one, headers included', async () => {
    const a = workerEnd();
    const b = workerEnd();
    const target = builtinTarget({
      runId: 'r1',
      scenario: 's',
      harnessUrl: 'http://127.0.0.1:9/never-used',
      invokePorts: [a.driverEnd, b.driverEnd],
    });
    const stop = new AbortController().signal;
    const outcomes = [];
    // one at a time: the turn, not the arrival order at the workers, decides where each goes
    for (const p of ['direct', 'streaming', 'batch', 'rag', 'agent'])
      outcomes.push(await target.send({ ...call(p), headers: { 'x-arrival-index': '7' } }, stop));
    target.close?.();
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    expect(a.seen.map((m) => m.pattern)).toEqual(['direct', 'batch', 'agent']);
    expect(b.seen.map((m) => m.pattern)).toEqual(['streaming', 'rag']);
    expect(a.seen[0]?.body).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(a.seen[0]?.headers).toMatchObject({ 'x-run-id': 'r1', 'x-scenario': 's', 'x-arrival-index': '7' });
  });

  it('spreads concurrent sends evenly, and takes the answer of each as HTTP would', async () => {
    const a = workerEnd();
    const b = workerEnd((m) => ({
      id: m.id,
      status: 404,
      body: { error: { code: 'unknown_pattern', message: 'x' } },
    }));
    const target = builtinTarget({
      runId: 'r2',
      scenario: 's',
      harnessUrl: 'http://127.0.0.1:9',
      invokePorts: [a.driverEnd, b.driverEnd],
    });
    const stop = new AbortController().signal;
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => target.send(call('direct'), stop)));
    target.close?.();
    expect(a.seen).toHaveLength(5);
    expect(b.seen).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o.status === 'error' && o.errorClass === 'http_4xx')).toHaveLength(5);
  });

  it('a worker that goes away mid-call is a network error; a hard stop cancels the call at the worker', async () => {
    const silent = workerEnd(() => undefined);
    const target = builtinTarget({
      runId: 'r3',
      scenario: 's',
      harnessUrl: 'http://127.0.0.1:9',
      invokePorts: [silent.driverEnd],
    });
    const stop = new AbortController();
    const stopped = target.send(call('direct'), stop.signal);
    await vi.waitFor(() => expect(silent.seen).toHaveLength(1));
    stop.abort();
    await expect(stopped).resolves.toEqual({ status: 'error', errorClass: 'cancelled' });
    await vi.waitFor(() => expect(silent.cancelled).toEqual([silent.seen[0]?.id]));

    const lost = target.send(call('direct'), new AbortController().signal);
    await vi.waitFor(() => expect(silent.seen).toHaveLength(2));
    silent.workerEnd.close();
    await expect(lost).resolves.toEqual({ status: 'error', errorClass: 'network' });
    // and every later send on it too, without waiting
    await expect(target.send(call('direct'), new AbortController().signal)).resolves.toEqual({
      status: 'error',
      errorClass: 'network',
    });
  });

  it('needs no probe over ports; without them it probes and sends to the harness itself', async () => {
    const a = await invokeServer();
    try {
      const w = workerEnd();
      const viaPorts = builtinTarget({
        runId: 'r4',
        scenario: 's',
        harnessUrl: 'http://127.0.0.1:9',
        invokePorts: [w.driverEnd],
      });
      await expect(viaPorts.probe()).resolves.toBeUndefined();
      viaPorts.close?.();
      const target = builtinTarget({ runId: 'r4', scenario: 's', harnessUrl: `${a.url}/` });
      await target.probe();
      await target.send(call('direct'), new AbortController().signal);
      const body = JSON.stringify({ provider: 'openai', model: 'gpt-4o-mini' });
      expect(a.seen).toEqual(['GET /api/health undefined ', `POST /api/invoke/direct r4 ${body}`]);
    } finally {
      await new Promise((r) => a.server.close(r));
    }
  });
});
