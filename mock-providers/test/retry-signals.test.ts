import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { admin, rejection, useMockServer } from './helpers/mock';
import { useSdkSleeps } from './helpers/sdk-sleeps';
import { GENAI_SDKS, OPENAI_SDKS } from './helpers/sdks';

const mock = useMockServer();
const sleeps = useSdkSleeps();

/** Requests the mock answered on one route so far. */
const served = async (route: string) =>
  (await admin<{ byRoute: Record<string, number> }>(mock().url, 'stats')).byRoute[route] ?? 0;

/** Runs `call` and reports how many requests reached the mock on `route` and the SDK's waits. */
async function attempts(route: string, call: () => Promise<unknown>) {
  const before = await served(route);
  const error = await rejection(call());
  return { requests: (await served(route)) - before, waits: [...sleeps()], error };
}

/** The Stainless SDKs' default backoff for retry n (0-based): 0.5 s × 2^n, minus up to 25 % jitter. */
const backoff = (n: number) => [0.375 * 1000 * 2 ** n, 0.5 * 1000 * 2 ** n] as const;
const inRange = (ms: number | undefined, [lo, hi]: readonly [number, number]) =>
  ms !== undefined && ms >= lo && ms <= hi;

describe.each(OPENAI_SDKS)('$name retry logic against the mock signals', ({ name, OpenAI }) => {
  const client = (headers: Record<string, string>) =>
    new OpenAI({
      baseURL: `${mock().url}/v1`,
      apiKey: 'tenant-retry',
      maxRetries: 2,
      defaultHeaders: headers,
    });
  const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'retry me' }] };
  const chat = (headers: Record<string, string>) => () => client(headers).chat.completions.create(ask);
  const ROUTE = 'POST /v1/chat/completions';

  it('429: waits exactly retry-after-ms (read before retry-after), three attempts in all', async () => {
    const r = await attempts(ROUTE, chat({ 'x-mock-fault': 'rate_limit' }));
    expect(r.requests).toBe(3);
    const advised = Number((r.error.headers as Headers).get('retry-after-ms'));
    expect(r.waits).toEqual([advised, advised]);
  });

  it('x-should-retry: false on a 500 → one attempt, no wait', async () => {
    const r = await attempts(ROUTE, chat({ 'x-mock-fault': 'server_error', 'x-mock-should-retry': 'false' }));
    expect(r.requests).toBe(1);
    expect(r.waits).toEqual([]);
    expect((r.error.headers as Headers).get('x-should-retry')).toBe('false');
  });

  it('retry-after absent → its own exponential backoff', async () => {
    const r = await attempts(ROUTE, chat({ 'x-mock-fault': 'overloaded', 'x-mock-retry-after': 'none' }));
    expect(r.requests).toBe(3);
    expect(inRange(r.waits[0], backoff(0))).toBe(true);
    expect(inRange(r.waits[1], backoff(1))).toBe(true);
  });

  it('retry-after as an HTTP date → waits until that date (at most 2 s here)', async () => {
    const r = await attempts(ROUTE, chat({ 'x-mock-fault': 'overloaded', 'x-mock-retry-after': 'date' }));
    expect(r.requests).toBe(3);
    expect(Number.isNaN(Date.parse((r.error.headers as Headers).get('retry-after') ?? ''))).toBe(false);
    expect(r.waits).toHaveLength(2);
    expect(r.waits.every((w) => w > 0 && w <= 2000)).toBe(true);
  });

  it('retry-after above 60 s → openai 6 waits the full 120 s; openai 7 ignores it and backs off', async () => {
    const r = await attempts(ROUTE, chat({ 'x-mock-fault': 'overloaded', 'x-mock-retry-after': 'long' }));
    expect(r.requests).toBe(3);
    if (name === 'openai 6') expect(r.waits).toEqual([120_000, 120_000]);
    else {
      expect(inRange(r.waits[0], backoff(0))).toBe(true);
      expect(inRange(r.waits[1], backoff(1))).toBe(true);
    }
  });

  it('408 and 409 are retried; a spend-limit 429 (insufficient_quota) is retried too, in vain', async () => {
    for (const fault of ['request_timeout', 'conflict']) {
      const r = await attempts(ROUTE, chat({ 'x-mock-fault': fault }));
      expect(r.requests).toBe(3);
      expect(r.error.status).toBe(fault === 'conflict' ? 409 : 408);
    }
    const quota = await attempts(ROUTE, chat({ 'x-mock-fault': 'spend_limit' }));
    expect(quota.requests).toBe(3);
    expect(quota.error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(quota.error.code).toBe('insufficient_quota');
    expect((quota.error.headers as Headers).get('retry-after')).toBeNull();
    expect(inRange(quota.waits[0], backoff(0))).toBe(true);
  });
});

describe('@anthropic-ai/sdk retry logic against the mock signals', () => {
  const client = (headers: Record<string, string>) =>
    new Anthropic({ baseURL: mock().url, apiKey: 'tenant-retry', maxRetries: 2, defaultHeaders: headers });
  const ask = {
    model: 'claude-sonnet-4-0',
    max_tokens: 64,
    messages: [{ role: 'user' as const, content: 'x' }],
  };
  const call = (headers: Record<string, string>) => () => client(headers).messages.create(ask);
  const ROUTE = 'POST /v1/messages';

  it('429 carries retry-after-ms beside retry-after; the SDK waits retry-after-ms', async () => {
    const r = await attempts(ROUTE, call({ 'x-mock-fault': 'rate_limit' }));
    expect(r.requests).toBe(3);
    const headers = r.error.headers as Headers;
    expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const advised = Number(headers.get('retry-after-ms'));
    expect(r.waits).toEqual([advised, advised]);
  });

  it('spend limit: 429 rate_limit_error without retry-after, retried with backoff, fails the same', async () => {
    const r = await attempts(ROUTE, call({ 'x-mock-fault': 'spend_limit' }));
    expect(r.requests).toBe(3);
    expect(r.error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(r.error.message).toMatch(/spend limit/);
    expect((r.error.headers as Headers).get('retry-after')).toBeNull();
    expect(inRange(r.waits[0], backoff(0))).toBe(true);
  });

  it('x-should-retry: false on a 529 → one attempt; retry-after above 60 s is obeyed (120 s)', async () => {
    const once = await attempts(
      ROUTE,
      call({ 'x-mock-fault': 'overloaded', 'x-mock-should-retry': 'false', 'x-mock-fault-at': '0' }),
    );
    expect(once.requests).toBe(1);
    expect(once.error.status).toBe(529);
    const long = await attempts(
      ROUTE,
      call({ 'x-mock-fault': 'server_error', 'x-mock-retry-after': 'long' }),
    );
    expect(long.requests).toBe(3);
    expect(long.waits).toEqual([120_000, 120_000]);
  });
});

describe.each(GENAI_SDKS)('$name against Gemini 429', ({ GoogleGenAI, ApiError }) => {
  it('RESOURCE_EXHAUSTED carries QuotaFailure (metric, id) and RetryInfo; no retry by default', async () => {
    const ai = new GoogleGenAI({
      apiKey: 'tenant-retry',
      httpOptions: { baseUrl: mock().url, headers: { 'x-mock-fault': 'rate_limit' } },
    });
    const route = 'POST /v1beta/models/{model}:generateContent';
    const r = await attempts(route, () =>
      ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' }),
    );
    expect(r.error).toBeInstanceOf(ApiError);
    expect(r.error.status).toBe(429);
    const body = JSON.parse(r.error.message) as {
      error: { status: string; details: Array<Record<string, unknown>> };
    };
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    const quota = body.error.details.find(
      (d) => d['@type'] === 'type.googleapis.com/google.rpc.QuotaFailure',
    );
    expect(quota).toMatchObject({
      violations: [{ quotaMetric: expect.any(String), quotaId: expect.any(String) }],
    });
    const retry = body.error.details.find((d) => d['@type'] === 'type.googleapis.com/google.rpc.RetryInfo');
    expect(retry?.retryDelay).toMatch(/^\d+s$/);
    expect(r.requests).toBe(1);
  });
});
