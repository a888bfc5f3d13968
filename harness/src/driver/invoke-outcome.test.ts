import { describe, expect, it } from 'vitest';
import { httpErrorClass, outcomeFromInvoke } from './invoke-outcome';

describe('outcomeFromInvoke', () => {
  it('maps a successful invoke answer with its measurements', () => {
    const body = {
      ok: true,
      latencyMs: 812,
      ttftMs: 230,
      tokens: { input: 120, output: 300 },
      costUsd: 0.0021,
      retries: 1,
    };
    expect(outcomeFromInvoke(body, 200)).toEqual({
      status: 'ok',
      ttftMs: 230,
      tokensIn: 120,
      tokensOut: 300,
      costUsd: 0.0021,
      retries: 1,
      serverLatencyMs: 812,
    });
  });

  it('keeps the server error class, else derives one from the status', () => {
    expect(outcomeFromInvoke({ ok: false, errorClass: 'rate_limit', latencyMs: 3 }, 200)).toMatchObject({
      status: 'error',
      errorClass: 'rate_limit',
    });
    expect(outcomeFromInvoke({ ok: false }, 503)).toMatchObject({ errorClass: 'http_5xx' });
    expect(outcomeFromInvoke(undefined, 404)).toEqual({ status: 'error', errorClass: 'http_4xx' });
    expect(outcomeFromInvoke('<html>', 200)).toEqual({
      status: 'error',
      errorClass: 'invalid_invoke_response',
    });
    expect(httpErrorClass(302)).toBe('http_302');
  });
});
