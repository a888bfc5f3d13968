import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../content/decision';
import { countTokens } from '../content/tokens';
import { filterOutputs, truncateJson } from './outputs';

const decisionOf = (text: string): Decision => ({
  timing: { ttftMs: 0, perTokenMs: 0, tokensPerSecond: 100 },
  outputs: [{ kind: 'text', text, tokens: countTokens(text), finish: 'stop' }],
});

describe('content faults', () => {
  it('incomplete_json always leaves a strict prefix that does not parse, with usage of what is left', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.double({ min: 0, max: 1, noNaN: true }), (value, fraction) => {
        const full = JSON.stringify(value);
        const out = truncateJson(decisionOf(full), fraction).outputs[0];
        if (out?.kind !== 'text') throw new Error('expected text');
        expect(full.startsWith(out.text)).toBe(true);
        expect(out.text.length).toBeLessThan(full.length);
        expect(() => JSON.parse(out.text)).toThrow();
        expect(out.tokens).toBe(countTokens(out.text));
      }),
      { numRuns: 300 },
    );
  });

  it('content_filter keeps a prefix of the text and marks the finish', () => {
    const full = 'The quick brown fox jumps over the lazy dog again and again.';
    const out = filterOutputs(decisionOf(full), 0.5).outputs[0];
    expect(out).toMatchObject({ kind: 'text', finish: 'content_filter' });
    expect(out?.kind === 'text' && full.startsWith(out.text) && out.text.length < full.length).toBe(true);
    expect(filterOutputs(decisionOf(full), 0).outputs[0]).toMatchObject({ text: '', tokens: 0 });
  });
});
