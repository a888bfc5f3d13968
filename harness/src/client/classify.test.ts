import Anthropic from '@anthropic-ai/sdk';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyError } from './classify';
import { ClassifiedError } from './error-class';

describe('classifyError', () => {
  it('knows the Stainless SDK errors by class (their name is plain "Error")', () => {
    expect(classifyError(new OpenAI.APIConnectionTimeoutError()).errorClass).toBe('timeout');
    expect(classifyError(new Anthropic.APIConnectionTimeoutError()).errorClass).toBe('timeout');
    const abort = classifyError(new OpenAI.APIUserAbortError());
    expect([abort.errorClass, abort.retryable]).toEqual(['cancelled', false]);
  });

  it('maps HTTP statuses and reads the retry advice of a 429', () => {
    const headers = new Headers({ 'retry-after': '2' });
    const e = OpenAI.APIError.generate(429, { error: { message: 'slow down' } }, 'slow down', headers);
    const c = classifyError(e);
    expect([c.errorClass, c.status, c.retryAfterMs, c.retryable]).toEqual(['rate_limit', 429, 2_000, true]);
    expect(classifyError(OpenAI.APIError.generate(500, undefined, 'boom', new Headers())).errorClass).toBe(
      'server_error',
    );
  });

  it("lets the server's x-should-retry decide retryable over the status, both ways", () => {
    const of = (status: number, should: string) =>
      classifyError(
        OpenAI.APIError.generate(status, undefined, 'x', new Headers({ 'x-should-retry': should })),
      );
    expect([of(500, 'false').retryable, of(500, 'false').shouldRetry]).toEqual([false, false]);
    expect([of(400, 'true').errorClass, of(400, 'true').retryable]).toEqual(['bad_request', true]);
    // anything but true/false is no directive: the status decides
    expect([of(500, 'maybe').retryable, of(500, 'maybe').shouldRetry]).toEqual([true, undefined]);
  });

  it('names 408, 409 and a spend-limit 429 after the mock kinds; the spend limit is not retried', () => {
    const of = (status: number, body: object | undefined) =>
      classifyError(OpenAI.APIError.generate(status, body, undefined, new Headers()));
    expect([of(408, undefined).errorClass, of(408, undefined).retryable]).toEqual(['request_timeout', true]);
    expect([of(409, undefined).errorClass, of(409, undefined).retryable]).toEqual(['conflict', true]);
    const quota = of(429, {
      error: { code: 'insufficient_quota', message: 'You exceeded your current quota' },
    });
    expect([quota.errorClass, quota.retryable]).toEqual(['spend_limit', false]);
    const spend = classifyError(
      Anthropic.APIError.generate(
        429,
        {
          type: 'error',
          error: { type: 'rate_limit_error', message: "would exceed your workspace's monthly spend limit" },
        },
        undefined,
        new Headers(),
      ),
    );
    expect(spend.errorClass).toBe('spend_limit');
  });

  it("turns undici's body and header timeouts into timeouts", () => {
    const cause = Object.assign(new Error('Body Timeout Error'), { code: 'UND_ERR_BODY_TIMEOUT' });
    expect(classifyError(new TypeError('terminated', { cause })).errorClass).toBe('timeout');
  });

  it("classifies cockatiel's rejections and keeps an already classified error", () => {
    expect(classifyError(new BrokenCircuitError()).errorClass).toBe('breaker_open');
    expect(classifyError(new BulkheadRejectedError(1, 1)).errorClass).toBe('queue_full');
    const done = new ClassifiedError('sse_stall', 'quiet');
    expect(classifyError(done)).toBe(done);
  });
});
