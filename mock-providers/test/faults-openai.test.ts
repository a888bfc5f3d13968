import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/content/tokens';
import { admin, pollUntil, rejection, useMockServer } from './helpers/mock';
import { OPENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();

describe.each(OPENAI_SDKS)('$name', ({ OpenAI }) => {
  const client = (fault?: string, extra: Record<string, string> = {}, timeout?: number) =>
    new OpenAI({
      baseURL: `${mock().url}/v1`,
      apiKey: 'tenant-faults',
      maxRetries: 0,
      ...(timeout ? { timeout } : {}),
      defaultHeaders: { ...(fault ? { 'x-mock-fault': fault } : {}), ...extra },
    });
  const ask = {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user' as const, content: 'Tell me about fault injection.' }],
  };
  const drain = async (stream: AsyncIterable<OpenAI.ChatCompletionChunk>) => {
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    return chunks;
  };

  describe('OpenAI faults through openai-node', () => {
    it('rate_limit → RateLimitError with x-ratelimit-* headers, retry-after and retry-after-ms', async () => {
      const err = await rejection(client('rate_limit').chat.completions.create(ask));
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      const headers = err.headers as Headers;
      expect(headers.get('x-ratelimit-limit-requests')).toBe('30000');
      expect(headers.get('x-ratelimit-limit-tokens')).toBe('150000000');
      expect(Number(headers.get('x-ratelimit-remaining-requests'))).toBeGreaterThan(0);
      expect(headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+ms|[\d.]+s|\d+m[\d.]+s)$/);
      expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(headers.get('retry-after-ms'))).toBeGreaterThanOrEqual(1);
      expect((err as unknown as { code: string }).code).toBe('rate_limit_exceeded');
    });

    it('overloaded → 503 and server_error → 500 as InternalServerError', async () => {
      const overloaded = await rejection(client('overloaded').chat.completions.create(ask));
      expect(overloaded).toBeInstanceOf(OpenAI.InternalServerError);
      expect(overloaded.status).toBe(503);
      const failed = await rejection(client('server_error').chat.completions.create(ask));
      expect(failed.status).toBe(500);
      expect((failed as unknown as { type: string }).type).toBe('server_error');
    });

    it('overloaded on a stream after some chunks → APIError thrown during iteration', async () => {
      const stream = await client('overloaded', { 'x-mock-fault-at': '3' }).chat.completions.create({
        ...ask,
        stream: true,
      });
      const seen: string[] = [];
      const err = await rejection(
        (async () => {
          for await (const c of stream) seen.push(c.choices[0]?.delta.content ?? '');
        })(),
      );
      expect(err).toBeInstanceOf(OpenAI.APIError);
      expect(err.status).toBeUndefined();
      expect(err.message).toMatch(/overloaded/);
      expect(seen).toHaveLength(3);
    });

    it('sse_drop → the connection is cut: iteration throws (fetch "terminated") before any finish_reason', async () => {
      const stream = await client('sse_drop').chat.completions.create({ ...ask, stream: true });
      const seen: OpenAI.ChatCompletionChunk[] = [];
      const err = await rejection(
        (async () => {
          for await (const c of stream) seen.push(c);
        })(),
      );
      expect(err.message).toMatch(/terminated/);
      expect(seen.length).toBeGreaterThanOrEqual(1);
      expect(seen.some((c) => c.choices[0]?.finish_reason)).toBe(false);
    });

    it('chunk_malformed → SyntaxError during iteration', async () => {
      const stream = await client('chunk_malformed').chat.completions.create({ ...ask, stream: true });
      expect(await rejection(drain(stream))).toBeInstanceOf(SyntaxError);
    });

    it('sse_stall → a gap of at least the stall between two chunks, then the stream completes', async () => {
      const stream = await client('sse_stall', { 'x-mock-fault-at': '2' }).chat.completions.create({
        ...ask,
        stream: true,
      });
      const times: number[] = [];
      let finish: string | null | undefined;
      for await (const c of stream) {
        times.push(performance.now());
        finish = c.choices[0]?.finish_reason ?? finish;
      }
      const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
      expect(Math.max(...gaps)).toBeGreaterThanOrEqual(380); // 400 ms floor at timeScale 0
      expect(gaps.indexOf(Math.max(...gaps))).toBe(1);
      expect(finish).toBe('stop');
    });

    it('invalid_json → 200 application/json whose body does not parse: the SDK throws a SyntaxError', async () => {
      const res = await fetch(`${mock().url}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer k',
          'content-type': 'application/json',
          'x-mock-fault': 'invalid_json',
        },
        body: JSON.stringify(ask),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = await res.text();
      expect(() => JSON.parse(body)).toThrow();
      expect(await rejection(client('invalid_json').chat.completions.create(ask))).toBeInstanceOf(
        SyntaxError,
      );
      // on a stream a cut JSON body changes nothing a client sees (the SDK iterates zero events):
      // the kind does not apply there, so forcing it is refused, naming the kinds that can
      const onStream = await rejection(
        client('invalid_json').chat.completions.create({ ...ask, stream: true }),
      );
      expect(onStream.status).toBe(400);
      expect(String(onStream.message)).toMatch(/invalid_json.*cannot apply.*chunk_malformed/s);
    });

    it('content_filter → finish_reason content_filter with a partial answer, usage of what was sent', async () => {
      const done = await client('content_filter').chat.completions.create(ask);
      const clean = await client().chat.completions.create(ask);
      const text = done.choices[0]?.message.content ?? '';
      expect(done.choices[0]?.finish_reason).toBe('content_filter');
      expect((clean.choices[0]?.message.content ?? '').startsWith(text)).toBe(true);
      expect(done.usage?.completion_tokens).toBe(countTokens(text));
      const chunks = await drain(
        await client('content_filter').chat.completions.create({ ...ask, stream: true }),
      );
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('content_filter');
    });

    it('incomplete_json → a json_object answer that no longer parses, usage consistent; text mode → 400', async () => {
      const json = { ...ask, response_format: { type: 'json_object' as const } };
      const done = await client('incomplete_json').chat.completions.create(json);
      const content = done.choices[0]?.message.content ?? '';
      expect(() => JSON.parse(content)).toThrow();
      expect(done.usage?.completion_tokens).toBe(countTokens(content));
      const whole = await client().chat.completions.create(json);
      expect((whole.choices[0]?.message.content ?? '').startsWith(content)).toBe(true);
      const wrong = await rejection(client('incomplete_json').chat.completions.create(ask));
      expect(wrong).toBeInstanceOf(OpenAI.BadRequestError);
      expect(wrong.message).toMatch(
        /kinds that can: rate_limit, overloaded, server_error, timeout, content_filter/,
      );
    });

    it('timeout → no answer: a client with a short timeout gives up and stats count byStatus.none', async () => {
      const before = await admin<{ byStatus: Record<string, number> }>(mock().url, 'stats');
      const err = await rejection(client('timeout', {}, 150).chat.completions.create(ask));
      expect(err).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
      const after = await pollUntil(
        () => admin<{ byStatus: Record<string, number> }>(mock().url, 'stats'),
        (s) => (s.byStatus.none ?? 0) > (before.byStatus.none ?? 0),
      );
      expect(after.byStatus.none).toBe((before.byStatus.none ?? 0) + 1);
    });

    it('rejects stream-only kinds on non-stream requests and unknown kinds with 400', async () => {
      const err = await rejection(client('sse_drop').chat.completions.create(ask));
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/"sse_drop" cannot apply/);
      expect((await rejection(client('nope').chat.completions.create(ask))).message).toMatch(
        /Unknown x-mock-fault/,
      );
    });

    it('faults embeddings too (server_error, invalid_json)', async () => {
      const e = { model: 'text-embedding-3-small', input: 'vector me' };
      expect((await rejection(client('server_error').embeddings.create(e))).status).toBe(500);
      expect(await rejection(client('invalid_json').embeddings.create(e))).toBeInstanceOf(SyntaxError);
    });
  });

  describe('OpenAI batch faults through openai-node', () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        JSON.stringify({
          custom_id: `r${i}`,
          method: 'POST',
          url: '/v1/chat/completions',
          body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `item ${i}` }], max_tokens: 10 },
        }),
      ).join('\n');
    const run = async (fault: string, n = 20) => {
      const c = client();
      const file = await c.files.create({ file: new File([lines(n)], 'in.jsonl'), purpose: 'batch' });
      const created = await c.batches.create(
        { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
        { headers: { 'x-mock-fault': fault } },
      );
      const batch = await pollUntil(
        () => c.batches.retrieve(created.id),
        (b) => ['completed', 'expired', 'failed'].includes(b.status),
      );
      const read = async (id: string | null | undefined) =>
        id
          ? (await (await c.files.content(id)).text())
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l))
          : [];
      return { batch, ok: await read(batch.output_file_id), failed: await read(batch.error_file_id) };
    };

    it('batch_item_failure → some requests fail with 500 lines in the error file; counts agree', async () => {
      const { batch, ok, failed } = await run('batch_item_failure');
      expect(batch.status).toBe('completed');
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(failed[0]).toMatchObject({
        response: { status_code: 500, body: { error: { type: 'server_error' } } },
      });
      expect(batch.request_counts).toEqual({ total: 20, completed: ok.length, failed: failed.length });
      expect(ok.length + failed.length).toBe(20);
    });

    it('batch_partial → completes, but some requests have no result line at all', async () => {
      const { batch, ok, failed } = await run('batch_partial');
      expect(batch.status).toBe('completed');
      const seen = new Set([...ok, ...failed].map((l: { custom_id: string }) => l.custom_id));
      expect(seen.size).toBeLessThan(20);
      expect((batch.request_counts?.completed ?? 0) + (batch.request_counts?.failed ?? 0)).toBe(seen.size);
    });

    it('batch_expired → status expired with batch_expired error lines for what did not run', async () => {
      const { batch, ok, failed } = await run('batch_expired');
      expect(batch.status).toBe('expired');
      expect(batch.expired_at).not.toBeNull();
      expect(failed.length).toBeGreaterThan(10);
      expect(failed[0]).toMatchObject({ response: null, error: { code: 'batch_expired' } });
      expect(ok.length + failed.length).toBe(20);
    });

    it('rejects batch kinds on chat requests and a batch over 50,000 requests', async () => {
      expect((await rejection(client('batch_expired').chat.completions.create(ask))).status).toBe(400);
      const c = client();
      const file = await c.files.create({
        file: new File([`${lines(1)}\n`.repeat(50_001)], 'big.jsonl'),
        purpose: 'batch',
      });
      const err = await rejection(
        c.batches.create({
          input_file_id: file.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
        }),
      );
      expect(err.status).toBe(400);
      expect(err.message).toMatch(/at most 50000/);
    });
  });
});
