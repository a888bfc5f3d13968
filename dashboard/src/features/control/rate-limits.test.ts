import { describe, expect, it } from 'vitest';
import { choiceFromSetting, rateLimitsValue } from './rate-limits';

describe('rate limit editor', () => {
  it('round-trips named modes and overrides', () => {
    expect(choiceFromSetting('published')).toEqual({ mode: 'published' });
    expect(choiceFromSetting('off')).toEqual({ mode: 'off' });
    const custom = choiceFromSetting({ 'openai/gpt-4o-mini': { rpm: 5 } });
    expect(custom.mode).toBe('custom');
    expect(rateLimitsValue(custom)).toEqual({ value: { 'openai/gpt-4o-mini': { rpm: 5 } } });
    expect(rateLimitsValue({ mode: 'off' })).toEqual({ value: 'off' });
  });

  it('names what is wrong with bad JSON instead of sending it', () => {
    const bad = rateLimitsValue({ mode: 'custom', json: '{"openai/gpt-4o": ' });
    expect('error' in bad && bad.error).toMatch(/not valid JSON/);
    const arr = rateLimitsValue({ mode: 'custom', json: '[1]' });
    expect('error' in arr && arr.error).toMatch(/must be an object/);
  });
});
