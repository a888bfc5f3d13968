import http from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOtlpReceiver, type OtlpReceiver } from '../src/otlp';
import { encodeProtobufRequest } from '../src/otlp/proto-codec';
import type { SpanSink } from '../src/store/span-sink';
import { goodSpan, json, jsonRequest, memorySink, postJson, request, TRACE } from './helpers/otlp-http';
import { emitTrace, expectTraceRows } from './helpers/otlp-trace';

describe('OTLP/HTTP receiver', () => {
  const mem = memorySink();
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await createOtlpReceiver({ sink: mem.sink, port: 0, maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => receiver.close());
  afterEach(async () => {
    // Whatever the previous test sent, the receiver still takes a good request.
    mem.setRoom(Number.POSITIVE_INFINITY);
    const before = mem.rows.length;
    const ok = await postJson(receiver.url, jsonRequest([goodSpan()]));
    expect(ok.status).toBe(200);
    expect(json(ok)).toEqual({});
    expect(mem.rows.length).toBe(before + 1);
    mem.rows.length = 0;
  });

  it('stores spans sent by the real OTLP/protobuf exporter, field by field', async () => {
    const spans = await emitTrace(new ProtoExporter({ url: receiver.url }));
    expectTraceRows(mem.rows, spans);
  });

  it('stores spans sent by the real OTLP/JSON exporter, field by field', async () => {
    const spans = await emitTrace(new JsonExporter({ url: receiver.url }));
    expectTraceRows(mem.rows, spans);
  });

  it('accepts gzip from the real exporter', async () => {
    type Compression = NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>['compression'];
    const spans = await emitTrace(
      new ProtoExporter({ url: receiver.url, compression: 'gzip' as NonNullable<Compression> }),
    );
    expectTraceRows(mem.rows, spans);
  });

  it('accepts gzip and deflate bodies and ignores media-type parameters', async () => {
    const body = Buffer.from(JSON.stringify(jsonRequest([goodSpan()])));
    for (const [encoding, data] of [
      ['gzip', gzipSync(body)],
      ['deflate', deflateSync(body)],
    ] as const) {
      const r = await request(receiver.url, {
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': encoding },
        body: data,
      });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json');
    }
    expect(mem.rows).toHaveLength(2);
  });

  it('answers garbage protobuf with 400 and a protobuf google.rpc.Status', async () => {
    const r = await request(receiver.url, {
      headers: { 'Content-Type': 'application/x-protobuf' },
      body: Buffer.from('this is not protobuf'),
    });
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/x-protobuf');
    expect([...r.body.subarray(0, 3)]).toEqual([0x08, 3, 0x12]); // code = 3, then the message
    expect(r.body.toString()).toContain('invalid protobuf');
  });

  it('answers garbage JSON with 400 and a JSON google.rpc.Status', async () => {
    for (const body of ['{"resourceSpans": [', '{"resourceSpans": 7}', 'null']) {
      const r = await request(receiver.url, { headers: { 'Content-Type': 'application/json' }, body });
      expect(r.status).toBe(400);
      expect(json(r)).toMatchObject({ code: 3, details: [] });
    }
  });

  it('answers absurdly deep attribute nesting with 400', async () => {
    const depth = 2000;
    const nest = `${'{"arrayValue":{"values":['.repeat(depth)}{}${']}}'.repeat(depth)}`;
    const span = `{"traceId":"${TRACE}","spanId":"eee19b7ec3c1b174","attributes":[{"key":"k","value":${nest}}]}`;
    const body = `{"resourceSpans":[{"scopeSpans":[{"spans":[${span}]}]}]}`;
    const r = await request(receiver.url, { headers: { 'Content-Type': 'application/json' }, body });
    expect(r.status).toBe(400);
  });

  it('answers a corrupt gzip stream with 400', async () => {
    const r = await request(receiver.url, {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync('{}').subarray(0, 8),
    });
    expect(r.status).toBe(400);
  });

  it('answers 413 to a body over the limit, declared, streamed or inflated', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(100 * 1024) });
    const declared = await request(receiver.url, {
      headers: { 'Content-Type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(json(declared)).toMatchObject({ code: 3 });
    const chunked = await request(receiver.url, {
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: big,
    });
    expect(chunked.status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20)); // ~16 KiB inflating to 16 MiB
    expect(bomb.length).toBeLessThan(64 * 1024);
    const inflated = await request(receiver.url, {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: bomb,
    });
    expect(inflated.status).toBe(413);
  });

  it('answers 415 to other media types and content encodings, 405 to non-POST, 404 elsewhere', async () => {
    const text = await request(receiver.url, { headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const br = await request(receiver.url, {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'br' },
      body: '{}',
    });
    expect(br.status).toBe(415);
    const get = await request(receiver.url, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const elsewhere = await postJson(receiver.url.replace('/v1/traces', '/v1/metrics'), {});
    expect(elsewhere.status).toBe(404);
  });

  it('keeps serving after a client aborts mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(receiver.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"resourceSpans":[', () => req.destroy());
      req.on('close', () => resolve());
    });
  });

  it('reports invalid spans as a partial success (JSON)', async () => {
    const r = await postJson(receiver.url, jsonRequest([goodSpan(), { ...goodSpan(), traceId: 'abcd' }]));
    expect(r.status).toBe(200);
    expect(json(r)).toEqual({
      partialSuccess: {
        rejectedSpans: '1',
        errorMessage: '1 spans rejected: invalid trace id: want 16 bytes',
      },
    });
    expect(mem.rows).toHaveLength(1);
  });

  it('reports spans a full queue refused as a partial success (protobuf)', async () => {
    mem.setRoom(1);
    const id = (hex: string) => Buffer.from(hex, 'hex');
    const span = (s: string) => ({ traceId: id(TRACE), spanId: id(s), name: 'p' });
    const body = encodeProtobufRequest({
      resourceSpans: [{ scopeSpans: [{ spans: [span('0000000000000001'), span('0000000000000002')] }] }],
    });
    const r = await request(receiver.url, { headers: { 'Content-Type': 'application/x-protobuf' }, body });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-protobuf');
    expect([...r.body.subarray(0, 5)]).toEqual([0x0a, r.body.length - 2, 0x08, 1, 0x12]); // rejected_spans = 1
    expect(r.body.toString()).toContain('span queue full');
    expect(mem.rows).toHaveLength(1);
  });

  it('answers 503 with Retry-After when the full queue refuses every span', async () => {
    mem.setRoom(0);
    const before = receiver.stats();
    const r = await postJson(
      receiver.url,
      jsonRequest([goodSpan('0000000000000001'), goodSpan('0000000000000002')]),
    );
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('1');
    expect(json(r)).toMatchObject({ code: 14 });
    const after = receiver.stats();
    expect(after.throttled - before.throttled).toBe(1);
    expect(after.spansRejected - before.spansRejected).toBe(2);
  });

  it('counts requests, spans and bad requests', async () => {
    const before = receiver.stats();
    await postJson(receiver.url, jsonRequest([goodSpan(), { ...goodSpan(), spanId: '' }]));
    await request(receiver.url, { method: 'GET' });
    const after = receiver.stats();
    expect({
      requests: after.requests - before.requests,
      spansReceived: after.spansReceived - before.spansReceived,
      spansAccepted: after.spansAccepted - before.spansAccepted,
      spansRejected: after.spansRejected - before.spansRejected,
      badRequests: after.badRequests - before.badRequests,
    }).toEqual({ requests: 2, spansReceived: 2, spansAccepted: 1, spansRejected: 1, badRequests: 1 });
  });

  it('takes an empty request as a success', async () => {
    const r = await postJson(receiver.url, {});
    expect(r.status).toBe(200);
    const p = await request(receiver.url, {
      headers: { 'Content-Type': 'application/x-protobuf' },
      body: '',
    });
    expect(p.status).toBe(200);
    expect(p.body).toHaveLength(0);
  });
});

describe('OTLP/HTTP receiver, its own failures', () => {
  it('answers 500 when the sink throws, reports it and keeps serving', async () => {
    const errors: string[] = [];
    let broken = true;
    const sink: SpanSink = {
      accept(rows) {
        if (broken) throw new Error('sink exploded');
        return { accepted: rows.length, rejected: 0 };
      },
      flush: async () => {},
    };
    const receiver = await createOtlpReceiver({ sink, port: 0, onError: (e) => errors.push(e.message) });
    try {
      const r = await postJson(receiver.url, jsonRequest([goodSpan()]));
      expect(r.status).toBe(500);
      expect(json(r)).toMatchObject({ code: 13, message: 'internal error: sink exploded' });
      expect(errors).toEqual(['sink exploded']);
      broken = false;
      expect((await postJson(receiver.url, jsonRequest([goodSpan()]))).status).toBe(200);
    } finally {
      await receiver.close();
    }
  });

  it('fails to start on a port already in use', async () => {
    const first = await createOtlpReceiver({ sink: memorySink().sink, port: 0 });
    try {
      await expect(createOtlpReceiver({ sink: memorySink().sink, port: first.port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.close();
    }
  });
});
