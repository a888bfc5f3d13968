import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../src/content/tokens';
import { pollUntil, rejection, useMockServer } from './helpers/mock';

const mock = useMockServer();
const client = (fault?: string, extra: Record<string, string> = {}) =>
  new Anthropic({
    baseURL: mock().url,
    apiKey: 'tenant-faults',
    maxRetries: 0,
    defaultHeaders: { ...(fault ? { 'x-mock-fault': fault } : {}), ...extra },
  });
const ask = {
  model: 'claude-sonnet-4-0',
  max_tokens: 300,
  messages: [{ role: 'user' as const, content: 'Tell me about overload handling.' }],
};
const iterate = async (stream: AsyncIterable<Anthropic.MessageStreamEvent>) => {
  const types: string[] = [];
  for await (const e of stream) types.push(e.type);
  return types;
};

describe('Anthropic faults through @anthropic-ai/sdk', () => {
  it('overloaded → 529 overloaded_error as OverloadedError', async () => {
    const err = await rejection(client('overloaded').messages.create(ask));
    expect(err).toBeInstanceOf(Anthropic.OverloadedError);
    expect(err.status).toBe(529);
    expect(err.error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('overloaded mid-stream → event: error after some events; iteration throws an APIError', async () => {
    const stream = await client('overloaded', { 'x-mock-fault-at': '4' }).messages.create({
      ...ask,
      stream: true,
    });
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const e of stream) seen.push(e.type);
      })(),
    );
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(err.status).toBeUndefined();
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(seen).toEqual(['message_start', 'content_block_start', 'content_block_delta']); // ping skipped
  });

  it('server_error → 500 api_error; rate_limit → 429 with anthropic-ratelimit-* and retry-after', async () => {
    const failed = await rejection(client('server_error').messages.create(ask));
    expect(failed).toBeInstanceOf(Anthropic.InternalServerError);
    expect(failed.status).toBe(500);
    const limited = await rejection(client('rate_limit').messages.create(ask));
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    const h = limited.headers as Headers;
    expect(h.get('anthropic-ratelimit-requests-limit')).toBe('4000');
    expect(h.get('anthropic-ratelimit-input-tokens-limit')).toBe('400000');
    expect(h.get('anthropic-ratelimit-output-tokens-limit')).toBe('80000');
    expect(h.get('anthropic-ratelimit-tokens-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(h.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('sse_drop → the raw stream throws (connection terminated) before message_stop', async () => {
    const stream = await client('sse_drop').messages.create({ ...ask, stream: true });
    const seen: string[] = [];
    const err = await rejection(
      (async () => {
        for await (const e of stream) seen.push(e.type);
      })(),
    );
    expect(err.message).toMatch(/terminated/);
    expect(seen).not.toContain('message_stop');
  });

  it('chunk_malformed → SyntaxError during iteration', async () => {
    const stream = await client('chunk_malformed').messages.create({ ...ask, stream: true });
    expect(await rejection(iterate(stream))).toBeInstanceOf(SyntaxError);
  });

  it('content_filter → stop_reason refusal with usage of the partial text', async () => {
    const msg = await client('content_filter').messages.create(ask);
    expect(msg.stop_reason).toBe('refusal');
    const block = msg.content[0];
    expect(msg.usage.output_tokens).toBe(countTokens(block?.type === 'text' ? block.text : ''));
  });

  it('incomplete_json → output_config json_schema answer truncated so it no longer parses', async () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const body = { ...ask, output_config: { format: { type: 'json_schema' as const, schema } } };
    const whole = await client().messages.create(body);
    const text = whole.content[0]?.type === 'text' ? whole.content[0].text : '';
    expect(JSON.parse(text)).toHaveProperty('answer');
    const cut = await client('incomplete_json').messages.create(body);
    const partial = cut.content[0]?.type === 'text' ? cut.content[0].text : '';
    expect(() => JSON.parse(partial)).toThrow();
    expect(text.startsWith(partial)).toBe(true);
    expect(cut.usage.output_tokens).toBe(countTokens(partial));
  });
});

describe('Anthropic batch faults through @anthropic-ai/sdk', () => {
  const requests = Array.from({ length: 20 }, (_, i) => ({
    custom_id: `r${i}`,
    params: {
      model: 'claude-3-5-haiku-latest',
      max_tokens: 20,
      messages: [{ role: 'user' as const, content: `${i}` }],
    },
  }));
  const run = async (fault: string) => {
    const c = client();
    const created = await c.messages.batches.create({ requests }, { headers: { 'x-mock-fault': fault } });
    const batch = await pollUntil(
      () => c.messages.batches.retrieve(created.id),
      (b) => b.processing_status === 'ended',
    );
    const results: string[] = [];
    for await (const r of await c.messages.batches.results(created.id)) results.push(r.result.type);
    return { counts: batch.request_counts, results };
  };

  it('batch_item_failure → errored results; batch_partial → some expired; batch_expired → most expired', async () => {
    const failing = await run('batch_item_failure');
    expect(failing.counts.errored).toBeGreaterThanOrEqual(1);
    expect(failing.results.filter((t) => t === 'errored')).toHaveLength(failing.counts.errored);
    const partial = await run('batch_partial');
    expect(partial.counts.expired).toBeGreaterThanOrEqual(1);
    expect(partial.counts.succeeded + partial.counts.expired).toBe(20);
    const expired = await run('batch_expired');
    expect(expired.counts.expired).toBeGreaterThan(10);
    expect(expired.results.filter((t) => t === 'expired')).toHaveLength(expired.counts.expired);
  });

  it('rejects more than 10,000 requests per batch', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ ...requests[0], custom_id: `m${i}` }));
    const err = await rejection(client().messages.batches.create({ requests: many as never }));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
  });
});
