import fc from 'fast-check';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { requestRng } from './rng';
import { capText, generateText } from './text';
import { countTokens, splitByTokens, tokenize } from './tokens';

describe('generated text and token pieces', () => {
  it('reports exactly the tokens of the text it returns and respects the cap', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (seed, target, cap) => {
          const out = generateText(requestRng(seed, 'm', 'body', 'p'), target, cap);
          expect(out.tokens).toBe(countTokens(out.text));
          expect(out.tokens).toBeLessThanOrEqual(cap);
          const natural = generateText(requestRng(seed, 'm', 'body', 'p'), target, Number.POSITIVE_INFINITY);
          expect(out.truncated).toBe(natural.tokens > cap);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('splits into token pieces that join back to the exact text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 5 }), (text, per) => {
        expect(splitByTokens(text, per).join('')).toBe(text);
      }),
    );
  });

  it('is a pure function of seed, model and body', () => {
    const a = generateText(requestRng(1, 'gpt-4o', '{"x":1}', 'c'), 50, 100).text;
    expect(generateText(requestRng(1, 'gpt-4o', '{"x":1}', 'c'), 50, 100).text).toBe(a);
    expect(generateText(requestRng(2, 'gpt-4o', '{"x":1}', 'c'), 50, 100).text).not.toBe(a);
    expect(capText(a, 1000).truncated).toBe(false);
  });
});

describe('generated prose tokenised by pieces', () => {
  it('has exactly the ids a full BPE pass gives the text', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 400 }), (seed, target) => {
        const out = generateText(requestRng(seed, 'gpt-4o', 'body', 'p'), target, Number.POSITIVE_INFINITY);
        // straight from the tokenizer, not through the cache the generator filled
        expect(tokenize(out.text)).toEqual(encode(out.text));
        expect(out.tokens).toBe(encode(out.text).length);
      }),
      { numRuns: 200 },
    );
  });
});
