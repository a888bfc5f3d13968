import fc from 'fast-check';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { requestRng } from './rng';
import { capText, generateText } from './text';
import { splitByTokens, tokenize } from './tokens';

describe('generated text and token pieces', () => {
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
  it('reports exactly the tokens (a full BPE pass) of the text it returns and respects the cap', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (seed, target, cap) => {
          const whole = generateText(
            requestRng(seed, 'gpt-4o', 'body', 'p'),
            target,
            Number.POSITIVE_INFINITY,
          );
          // straight from the tokenizer, not through the cache the generator filled
          expect(tokenize(whole.text)).toEqual(encode(whole.text));
          expect(whole.tokens).toBe(encode(whole.text).length);
          const cut = generateText(requestRng(seed, 'gpt-4o', 'body', 'p'), target, cap);
          expect(cut.tokens).toBe(encode(cut.text).length);
          expect(cut.tokens).toBeLessThanOrEqual(cap);
          expect(whole.text.startsWith(cut.text)).toBe(true);
          expect(cut.truncated).toBe(whole.tokens > cap);
          // a cut loses at most the one piece it fell in (no piece here is longer than 3 tokens)
          if (cut.truncated) expect(cut.tokens).toBeGreaterThanOrEqual(cap - 3);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cutting text inside a character', () => {
  it('leaves nothing behind for the next cut (the tokenizer decodes through one streaming decoder)', () => {
    // an emoji is several byte tokens: a cap of 3 stops inside the second one
    expect(capText('🚀🚀', 3).text).toBe('🚀');
    const json = '{"a":"🚀 x"}';
    const cut = capText(json, 5);
    expect(json.startsWith(cut.text)).toBe(true);
    expect(cut.tokens).toBeLessThanOrEqual(5);
    expect(cut.tokens).toBe(encode(cut.text).length);
    // the same text splits the same way whatever was cut before it
    const first = splitByTokens('Réponse: 🚀🚀 fin');
    capText('🚀🚀', 3);
    expect(splitByTokens('Réponse: 🚀🚀 fin')).toEqual(first);
  });
});
