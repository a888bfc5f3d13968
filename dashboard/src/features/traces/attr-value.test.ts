import { describe, expect, it } from 'vitest';
import { attrText } from './attr-value';

describe('attrText', () => {
  it('rounds a millisecond value and names its unit', () => {
    expect(attrText('harness.ttft_ms', '30.999999999976048')).toBe('31.0 ms');
    expect(attrText('mock.latency.ms', '1234.56')).toBe('1234.6 ms');
  });
  it('rounds other fractions to four significant digits and costs to three', () => {
    expect(attrText('mock.timeScale', '0.30000000000000004')).toBe('0.3');
    expect(attrText('harness.cost.usd', '0.000123456')).toBe('$0.000123');
  });
  it('leaves integers, ids and text as they are', () => {
    expect(attrText('gen_ai.usage.output_tokens', '128')).toBe('128');
    expect(attrText('http.status', '200')).toBe('200');
    expect(attrText('harness.run.id', '20261207-051445-ab12cd')).toBe('20261207-051445-ab12cd');
    expect(attrText('gen_ai.prompt', '1.5 apples')).toBe('1.5 apples');
  });
});
