import { describe, expect, it } from 'vitest';
import { isSecretName, REDACTED, redactAttributes, redactSecrets } from './redact';

describe('redaction of credentials', () => {
  it('knows credential names by their last segment, and leaves token counts alone', () => {
    for (const name of [
      'authorization',
      'http.request.header.authorization',
      'http.request.header.x-api-key',
      'http.request.header.x-goog-api-key',
      'api_key',
      'apiKey',
      'openai.api-key',
      'db.password',
      'client_secret',
      'access_token',
      'token',
      'http.response.header.set-cookie',
    ])
      expect(isSecretName(name), name).toBe(true);
    for (const name of [
      'gen_ai.usage.input_tokens',
      'gen_ai.request.max_tokens',
      'maxTokens',
      'harness.token_count',
      'http.request.header.x-mock-fault',
      'keyboard',
      'monkey',
    ])
      expect(isSecretName(name), name).toBe(false);
  });

  it('returns the same map when nothing is secret, a redacted copy otherwise', () => {
    const clean = { 'gen_ai.request.model': 'gpt-4o' };
    expect(redactAttributes(clean)).toBe(clean);
    const dirty = { 'http.request.header.authorization': 'Bearer x', a: '1' };
    expect(redactAttributes(dirty)).toEqual({ 'http.request.header.authorization': REDACTED, a: '1' });
    expect(dirty['http.request.header.authorization']).toBe('Bearer x');
  });

  it('redacts nested JSON fields (scenario target headers)', () => {
    const config = {
      scenario: {
        target: { headers: { Authorization: 'Bearer x', accept: 'json' } },
        mix: [{ maxTokens: 5 }],
      },
    };
    expect(redactSecrets(config)).toEqual({
      scenario: { target: { headers: { Authorization: REDACTED, accept: 'json' } }, mix: [{ maxTokens: 5 }] },
    });
  });
});
