import { describe, expect, it } from 'vitest';
import { clientRetryCount } from './retry-count';

describe('the client retry count of a request', () => {
  it('reads the attempt number the official SDKs send', () => {
    expect(clientRetryCount(new Headers({ 'x-stainless-retry-count': '0' }))).toBe(0);
    expect(clientRetryCount(new Headers({ 'X-Stainless-Retry-Count': ' 2 ' }))).toBe(2);
  });

  it('is absent when the client sends none or nonsense', () => {
    expect(clientRetryCount(new Headers())).toBeUndefined();
    for (const v of ['', '-1', '1.5', 'two', '99999999'])
      expect(clientRetryCount(new Headers({ 'x-stainless-retry-count': v })), v).toBeUndefined();
  });
});
