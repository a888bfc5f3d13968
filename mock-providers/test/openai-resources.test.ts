import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { pollUntil, useMockServer } from './helpers/mock';
import { OPENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();

describe.each(OPENAI_SDKS)('$name', ({ OpenAI, toFile }) => {
  const client = (apiKey = 'tenant-a') => new OpenAI({ baseURL: `${mock().url}/v1`, apiKey, maxRetries: 0 });

  describe('OpenAI embeddings, models and errors through openai-node', () => {
    it('decodes the default base64 embeddings to the same vector as float', async () => {
      const viaSdk = await client().embeddings.create({
        model: 'text-embedding-3-small',
        input: ['a cat', 'a dog'],
      });
      const asFloat = await client().embeddings.create({
        model: 'text-embedding-3-small',
        input: ['a cat', 'a dog'],
        encoding_format: 'float',
      });
      expect(viaSdk.data[0]?.embedding).toHaveLength(1536);
      expect(viaSdk.data[1]?.embedding).toEqual(asFloat.data[1]?.embedding);
      expect(viaSdk.usage.prompt_tokens).toBeGreaterThan(0);
      const raw = await fetch(`${mock().url}/v1/embeddings`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'text-embedding-3-small', input: 'a cat', encoding_format: 'base64' }),
      });
      expect(typeof ((await raw.json()) as { data: Array<{ embedding: unknown }> }).data[0]?.embedding).toBe(
        'string',
      );
    });

    it('honours dimensions with a unit-length vector', async () => {
      const res = await client().embeddings.create({
        model: 'text-embedding-3-large',
        input: 'hello',
        dimensions: 256,
      });
      const v = res.data[0]?.embedding ?? [];
      expect(v).toHaveLength(256);
      expect(Math.sqrt(v.reduce((s, x) => s + x * x, 0))).toBeCloseTo(1, 4);
    });

    it('lists and retrieves models; unknown model is a NotFoundError', async () => {
      const page = await client().models.list();
      expect(page.data.map((m) => m.id)).toContain('gpt-4o');
      expect((await client().models.retrieve('gpt-4o-mini')).object).toBe('model');
      const err = await client()
        .models.retrieve('gpt-9')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    });

    it('renders 401, 400, 404 and context_length_exceeded in OpenAI shape', async () => {
      const noKey = await fetch(`${mock().url}/v1/chat/completions`, { method: 'POST', body: '{}' });
      expect(noKey.status).toBe(401);
      expect(await noKey.json()).toMatchObject({
        error: { type: 'invalid_request_error', code: 'invalid_api_key', param: null },
      });
      const bad = await client()
        .chat.completions.create({ model: 'gpt-4o', messages: [] })
        .catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
      expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
      expect((bad as InstanceType<typeof OpenAI.BadRequestError>).requestID).toMatch(/^req_/);
      const missing = await client()
        .chat.completions.create({ messages: [{ role: 'user', content: 'x' }] } as never)
        .catch((e: unknown) => e);
      expect((missing as Error).message).toMatch(/model/);
      const unknown = await client()
        .chat.completions.create({ model: 'gpt-99', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
      expect((unknown as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
      const huge = await client()
        .chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'word '.repeat(130_000) }],
        })
        .catch((e: unknown) => e);
      expect(huge).toBeInstanceOf(OpenAI.BadRequestError);
      expect((huge as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
      const malformed = await fetch(`${mock().url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer k' },
        body: '{oops',
      });
      expect(malformed.status).toBe(400);
    });

    it('surfaces a missing key as openai.AuthenticationError', async () => {
      const c = new OpenAI({
        baseURL: `${mock().url}/v1`,
        apiKey: 'x',
        maxRetries: 0,
        defaultHeaders: { authorization: null },
      });
      const err = await c.models.list().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((err as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    });
  });

  describe('OpenAI files and batches through openai-node', () => {
    const line = (id: string, content: string) =>
      JSON.stringify({
        custom_id: id,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] },
      });

    it('uploads, retrieves, downloads and deletes a file', async () => {
      const body = `${line('a', 'x')}\n`;
      const file = await client().files.create({
        file: await toFile(Buffer.from(body), 'in.jsonl'),
        purpose: 'batch',
      });
      expect(file).toMatchObject({
        object: 'file',
        purpose: 'batch',
        filename: 'in.jsonl',
        bytes: Buffer.byteLength(body),
      });
      expect((await client().files.retrieve(file.id)).id).toBe(file.id);
      expect(await (await client().files.content(file.id)).text()).toBe(body);
      expect(await client().files.delete(file.id)).toEqual({ id: file.id, object: 'file', deleted: true });
      expect(
        await client()
          .files.retrieve(file.id)
          .catch((e: unknown) => e),
      ).toBeInstanceOf(OpenAI.NotFoundError);
    });

    it('runs a batch validating → completed with output and error files in JSONL shape', async () => {
      const jsonl = [
        line('ok-1', 'one'),
        line('ok-2', 'two'),
        JSON.stringify({
          custom_id: 'bad',
          method: 'POST',
          url: '/v1/chat/completions',
          body: { model: 'nope', messages: [{ role: 'user', content: 'x' }] },
        }),
      ].join('\n');
      const input = await client().files.create({
        file: await toFile(Buffer.from(jsonl), 'batch.jsonl'),
        purpose: 'batch',
      });
      const created = await client().batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
        metadata: { run: 'r1' },
      });
      expect(created.status).toBe('validating');
      const seen = new Set<string>([created.status]);
      const done = await pollUntil(
        async () => {
          const b = await client().batches.retrieve(created.id);
          seen.add(b.status);
          return b;
        },
        (b) => b.status === 'completed',
      );
      expect(done.status).toBe('completed');
      expect(done.request_counts).toEqual({ total: 3, completed: 2, failed: 1 });
      expect(done.completed_at).toBeGreaterThanOrEqual(done.created_at);
      const out = (await (await client().files.content(done.output_file_id ?? '')).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(out.map((o) => o.custom_id).sort()).toEqual(['ok-1', 'ok-2']);
      expect(out[0]).toMatchObject({
        response: { status_code: 200, body: { object: 'chat.completion' } },
        error: null,
      });
      const errs = (await (await client().files.content(done.error_file_id ?? '')).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(errs[0]).toMatchObject({ custom_id: 'bad', response: { status_code: 404 } });
    });

    it('cancels a batch (cancelling → cancelled) and lists batches with a cursor', async () => {
      const input = await client().files.create({
        file: await toFile(Buffer.from(line('c', 'x')), 'c.jsonl'),
        purpose: 'batch',
      });
      await client().batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      const b = await client().batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      const cancelling = await client().batches.cancel(b.id);
      expect(cancelling.status).toBe('cancelling');
      const cancelled = await pollUntil(
        () => client().batches.retrieve(b.id),
        (x) => x.status === 'cancelled',
      );
      expect(cancelled.status).toBe('cancelled');
      const first = await client().batches.list({ limit: 1 });
      expect(first.data).toHaveLength(1);
      expect(first.has_more).toBe(true);
      const second = await client().batches.list({ limit: 1, after: first.data[0]?.id ?? '' });
      expect(second.data[0]?.id).not.toBe(first.data[0]?.id);
    });
  });
});
