import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { admin, rejection, useMockServer } from './helpers/mock';

const mock = useMockServer({
  rateLimits: {
    'openai/gpt-4o-mini': { rpm: 3 },
    'anthropic/claude-sonnet-4-0': { itpm: 100, otpm: 100 },
    'gemini/gemini-2.5-flash': { rpm: 1 },
  },
});
let now = Date.parse('2026-01-01T00:00:00Z');
const freezeClock = () => {
  mock().context.clock = () => now;
};
afterEach(() => {
  mock().context.reset();
  mock().context.clock = () => Date.now();
});

const openai = (key = 'tenant-a') => new OpenAI({ baseURL: `${mock().url}/v1`, apiKey: key, maxRetries: 0 });
const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('token-bucket rate limits', () => {
  it('3 RPM: the 4th request gets 429 with headers and a retry-after that matches the refill', async () => {
    freezeClock();
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await openai().chat.completions.create(ask).withResponse();
      remaining.push(response.headers.get('x-ratelimit-remaining-requests') ?? '');
      expect(response.headers.get('x-ratelimit-limit-requests')).toBe('3');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const err = await rejection(openai().chat.completions.create(ask));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const h = err.headers as Headers;
    // one request refills every 60 s / 3 = 20 s; the bucket is full again after 60 s
    expect(h.get('retry-after-ms')).toBe('20000');
    expect(h.get('retry-after')).toBe('20');
    expect(h.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(h.get('x-ratelimit-reset-requests')).toBe('1m0s');
    expect(err.message).toMatch(/requests per min \(RPM\): Limit 3, Used 3, Requested 1/);
    now += 19_990;
    const early = await rejection(openai().chat.completions.create(ask));
    expect((early.headers as Headers).get('retry-after-ms')).toBe('10');
    now += 10;
    const { response } = await openai().chat.completions.create(ask).withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(response.headers.get('x-ratelimit-reset-requests')).toBe('1m0s');
  });

  it('limits per tenant: another API key has its own buckets', async () => {
    freezeClock();
    for (let i = 0; i < 3; i++) await openai('tenant-b').chat.completions.create(ask);
    expect((await rejection(openai('tenant-b').chat.completions.create(ask))).status).toBe(429);
    expect((await openai('tenant-c').chat.completions.create(ask)).choices).toHaveLength(1);
  });

  it('Anthropic: input (ITPM) and output (OTPM) buckets limit separately; OTPM is pre-charged from max_tokens', async () => {
    freezeClock();
    const an = new Anthropic({ baseURL: mock().url, apiKey: 'tenant-a', maxRetries: 0 });
    const msg = (content: string, max_tokens: number) =>
      an.messages
        .create({ model: 'claude-sonnet-4-0', max_tokens, messages: [{ role: 'user', content }] })
        .withResponse();
    const first = await msg('hello', 60);
    const h1 = first.response.headers;
    expect(h1.get('anthropic-ratelimit-output-tokens-remaining')).toBe('40'); // 100 − 60 reserved
    const second = await msg('hello again', 10);
    const used = first.data.usage.output_tokens;
    // the first reservation was corrected to what it really produced
    expect(Number(second.response.headers.get('anthropic-ratelimit-output-tokens-remaining'))).toBe(
      100 - used - 10,
    );
    const tooMuchOutput = await rejection(msg('x', 95));
    expect(tooMuchOutput).toBeInstanceOf(Anthropic.RateLimitError);
    expect(tooMuchOutput.message).toMatch(/100 output tokens per minute/);
    const tooMuchInput = await rejection(msg('word '.repeat(150), 5));
    expect(tooMuchInput.message).toMatch(/100 input tokens per minute/);
    expect(Number((tooMuchInput.headers as Headers).get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((tooMuchInput.headers as Headers).get('anthropic-ratelimit-requests-limit')).toBe('4000');
  });

  it('Gemini: no headers, but RetryInfo on the 429 from the limiter', async () => {
    freezeClock();
    const g = new GoogleGenAI({ apiKey: 'tenant-a', httpOptions: { baseUrl: mock().url } });
    await g.models.generateContent({ model: 'gemini-2.5-flash', contents: 'one' });
    const err = await rejection(g.models.generateContent({ model: 'gemini-2.5-flash', contents: 'two' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(429);
    expect(err.message).toContain('"retryDelay":"60s"');
    expect(err.message).toContain('"quotaValue":"1"');
  });

  it('counts limiter 429s as rate_limit faults; changing rateLimits resets the tenants it affects; off sends no headers', async () => {
    freezeClock();
    for (let i = 0; i < 3; i++) await openai().chat.completions.create(ask);
    await rejection(openai().chat.completions.create(ask));
    const stats = await admin<{ byFault: Record<string, number>; byStatus: Record<string, number> }>(
      mock().url,
      'stats',
    );
    expect(stats.byFault.rate_limit).toBe(1);
    const put = (rateLimits: unknown) =>
      fetch(`${mock().url}/__admin/config`, { method: 'PUT', body: JSON.stringify({ rateLimits }) });
    await put({ 'openai/gpt-4o-mini': { rpm: 5 } });
    const { response } = await openai().chat.completions.create(ask).withResponse();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('4');
    await put('off');
    const off = await openai().chat.completions.create(ask).withResponse();
    expect(off.response.headers.get('x-ratelimit-limit-requests')).toBeNull();
    const bad = await put({ 'anthropic/claude-sonnet-4-0': { tpm: 5 } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/anthropic limits are rpm, itpm, otpm/);
    await put({
      'openai/gpt-4o-mini': { rpm: 3 },
      'anthropic/claude-sonnet-4-0': { itpm: 100, otpm: 100 },
      'gemini/gemini-2.5-flash': { rpm: 1 },
    });
  });
});
