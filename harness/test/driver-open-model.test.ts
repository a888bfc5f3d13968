import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOpenModel } from '../src/driver/executor';
import { constantSchedule } from '../src/driver/schedule';
import { builtinTarget, urlTarget } from '../src/driver/targets';
import type { Accounting } from '../src/driver/types';

/** A server that answers after `delayMs` (or `delayFor(req)`); GET /invoke-like paths answer JSON. */
let delayMs = 0;
/** Per-request delay chosen from the request itself (its headers): no timer or arrival order decides it. */
let delayFor: ((req: IncomingMessage) => number | undefined) | undefined;
let lastHeaders: IncomingMessage['headers'] = {};
/** Called with each request's arrival count, before the delay is read: tests change the server by count, not by time. */
let onArrival: (n: number) => void = () => undefined;
let arrivals = 0;
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    lastHeaders = req.headers;
    onArrival(++arrivals);
    req.resume();
    setTimeout(() => {
      if (req.url?.startsWith('/api/invoke/direct')) {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            ok: true,
            latencyMs: 12,
            ttftMs: 12,
            tokens: { input: 40, output: 9 },
            costUsd: 0.002,
          }),
        );
      } else if (req.url?.startsWith('/api/invoke/')) {
        res.statusCode = 502;
        res.end(
          JSON.stringify({
            ok: false,
            errorClass: 'overloaded',
            latencyMs: 3,
            retries: 2,
            fallbackUsed: true,
          }),
        );
      } else if (req.url === '/teapot') {
        res.statusCode = 418;
        res.end('no');
      } else if (req.url === '/app/cut') {
        // An app whose stream breaks mid-answer: 200, a first event, then the connection dies.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: {"delta":"hel"}\n\n', () => res.destroy());
      } else res.end('ok');
    }, delayFor?.(req) ?? delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const who = { runId: 'run-1', scenario: 'test' };
const sum = (a: Accounting) => a.ok + a.errors + a.dropped + a.inFlightAtStop + a.notStarted;
const call = { pattern: 'direct', provider: 'openai', model: 'gpt-4o-mini' };

describe('open-model driver over real HTTP', () => {
  it('keeps starting requests on schedule while the server slows down, and latency grows', async () => {
    const target = urlTarget({ ...who, url: `${base}/work` });
    // the server slows down from the 31st scheduled request on: each request names its index
    delayFor = (req) => (Number(req.headers['x-test-index']) >= 30 ? 400 : 5);
    const s = await runOpenModel({
      schedule: constantSchedule(1_800, 2_000), // 30/s: closed-loop clients would back off here
      maxInFlight: 1_000,
      send: (req) => target.send({ ...call, headers: { 'x-test-index': String(req.index) } }, req.signal),
    });
    delayFor = undefined;
    expect(s.totals).toMatchObject({ scheduled: 60, ok: 60, dropped: 0 });
    // A closed-loop driver (one request after the other) would fall ~370 ms further behind with
    // each slow request, ~11 s by the last; the open model starts them on schedule. The bound is
    // far from that, so a loaded shared machine's event-loop lag cannot decide the test.
    expect(s.lateness.p99).toBeLessThan(1_000);
    // latency runs from the scheduled start, so every slow answer shows the server's 400 ms
    // (node timers may fire ~2 ms early)
    const late = s.records.filter((r) => r.index >= 30);
    expect(late).toHaveLength(30);
    for (const r of late) expect(r.kind === 'completed' && r.latencyMs >= 390, JSON.stringify(r)).toBe(true);
    expect(s.achievedRpm / s.requestedRpm).toBeCloseTo(1, 2);
  });

  it('drops requests due while maxInFlight is reached and balances the books exactly', async () => {
    delayMs = 400;
    const target = urlTarget({ ...who, url: `${base}/work` });
    const s = await runOpenModel({
      schedule: constantSchedule(6_000, 1_000),
      maxInFlight: 10,
      send: (req) => target.send(call, req.signal),
    });
    delayMs = 0;
    expect(s.totals.ok).toBeGreaterThanOrEqual(10);
    expect(s.totals.dropped).toBeGreaterThan(60);
    expect(sum(s.totals)).toBe(100);
    expect(s.records.filter((r) => r.kind === 'dropped')).toHaveLength(s.totals.dropped);
  });

  it('runs warm-up requests but keeps them out of the results', async () => {
    const target = urlTarget({ ...who, url: `${base}/work` });
    const s = await runOpenModel({
      schedule: constantSchedule(3_000, 1_000),
      maxInFlight: 100,
      warmupMs: 400,
      send: (req) => target.send(call, req.signal),
    });
    expect(s.records.filter((r) => r.warmup)).toHaveLength(20);
    expect(s.measured).toMatchObject({ scheduled: 30, ok: 30 });
    expect(s.latency.count).toBe(30);
    expect(sum(s.measured)).toBe(s.measured.scheduled);
  });

  it('reports not-started and in-flight requests when aborted mid-run', async () => {
    delayMs = 5_000;
    const target = urlTarget({ ...who, url: `${base}/work` });
    const ac = new AbortController();
    arrivals = 0;
    // abort once the 10th request reached the server (by count: no timer decides it)
    onArrival = (n) => {
      if (n === 10) ac.abort();
    };
    const t0 = performance.now();
    const s = await runOpenModel({
      schedule: constantSchedule(1_200, 3_000),
      maxInFlight: 100,
      gracefulStopMs: 100,
      signal: ac.signal,
      send: (req) => target.send(call, req.signal),
    });
    onArrival = () => undefined;
    delayMs = 0;
    // it does not wait for the 5 s answers: the abort and 100 ms of grace end it
    expect(performance.now() - t0).toBeLessThan(4_500);
    expect(s.aborted).toBe(true);
    // the 10 that reached the server, and at most one more the driver sent before the abort landed
    expect(s.totals.inFlightAtStop).toBeGreaterThanOrEqual(10);
    expect(s.totals.inFlightAtStop).toBeLessThanOrEqual(11);
    expect(s.totals.notStarted).toBe(60 - s.totals.inFlightAtStop);
    expect(sum(s.totals)).toBe(60);
  });
});

describe('targets', () => {
  it('maps the invoke answer and sends run headers to the builtin target', async () => {
    const t = builtinTarget({ ...who, harnessUrl: base, token: 'secret' });
    const ok = await t.send(call, new AbortController().signal);
    expect(ok).toEqual({
      status: 'ok',
      ttftMs: 12,
      tokensIn: 40,
      tokensOut: 9,
      costUsd: 0.002,
      serverLatencyMs: 12,
    });
    expect(lastHeaders).toMatchObject({
      'x-run-id': 'run-1',
      'x-scenario': 'test',
      authorization: 'Bearer secret',
    });
    const bad = await t.send({ ...call, pattern: 'agent' }, new AbortController().signal);
    expect(bad).toMatchObject({ status: 'error', errorClass: 'overloaded', retries: 2, fallbackUsed: true });
  });

  it('classifies URL answers by status and times out slow ones', async () => {
    const stop = new AbortController().signal;
    expect(await urlTarget({ ...who, url: `${base}/teapot` }).send(call, stop)).toMatchObject({
      status: 'error',
      errorClass: 'http_4xx',
      httpStatus: 418,
    });
    delayMs = 500;
    expect(await urlTarget({ ...who, url: `${base}/slow`, timeoutMs: 50 }).send(call, stop)).toEqual({
      status: 'error',
      errorClass: 'timeout',
    });
    delayMs = 0;
  });

  it('sends each pattern to its path with traceparent and baggage; a 2xx that breaks off is stream_cut', async () => {
    const stop = new AbortController().signal;
    const t = urlTarget({ ...who, url: `${base}/app/`, paths: { streaming: '/cut', direct: '/chat' } });
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const ok = await t.send({ ...call, headers: { traceparent, 'x-mock-fault': 'rate_limit' } }, stop);
    expect(ok).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(ok.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(lastHeaders).toMatchObject({
      traceparent,
      baggage: 'harness.run_id=run-1,harness.scenario=test,mock.fault=rate_limit',
    });
    const cut = await t.send({ ...call, pattern: 'streaming' }, stop);
    expect(cut).toMatchObject({ status: 'error', errorClass: 'stream_cut', httpStatus: 200 });
    expect(lastHeaders.baggage).toBe('harness.run_id=run-1,harness.scenario=test');
  });

  it('fails fast with "target unreachable" when nothing listens', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/app`;
    await new Promise<void>((r) => dead.close(() => r()));
    await expect(urlTarget({ ...who, url }).probe()).rejects.toThrow(`target unreachable: ${url}`);
    await expect(builtinTarget({ ...who, harnessUrl: url }).probe()).rejects.toThrow(/target unreachable/);
  });
});
