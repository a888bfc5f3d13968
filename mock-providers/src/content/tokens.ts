import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';

const noSpecial = { disallowedSpecial: new Set<string>() };

/**
 * Token ids of a text in the o200k encoding (gpt-4o family).
 * Anthropic and Gemini counts use the same tokenizer as an approximation.
 */
export function tokenize(text: string): number[] {
  return encode(text, noSpecial);
}

/** Number of o200k tokens in a text. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : tokenize(text).length;
}

/** Text of a run of token ids. */
export function detokenize(tokens: readonly number[]): string {
  return decode(tokens);
}

/**
 * Splits a text into consecutive pieces of `perPiece` tokens each, so that the pieces join
 * back to the exact text. Used to pace streamed deltas token by token.
 */
export function splitByTokens(text: string, perPiece = 1): string[] {
  const ids = tokenize(text);
  const pieces: string[] = [];
  let consumed = 0;
  for (let i = 0; i < ids.length; i += perPiece) {
    const end = Math.min(ids.length, i + perPiece);
    const upTo = end === ids.length ? text.length : detokenize(ids.slice(0, end)).length;
    if (upTo > consumed) pieces.push(text.slice(consumed, upTo));
    consumed = Math.max(consumed, upTo);
  }
  return pieces;
}
