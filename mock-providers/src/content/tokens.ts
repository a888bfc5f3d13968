import { decoder as sharedDecoder } from 'gpt-tokenizer/BytePairEncodingCore';
import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { Lru } from '../lru';

const noSpecial = { disallowedSpecial: new Set<string>() };

/**
 * Token ids per text, the recently used ones kept (`Lru`). Under load the same
 * prompts and the same generated answers come back again and again, and BPE is the costliest
 * step of a request; entries are frozen so no caller can change a cached result.
 */
const cache = new Lru<string, readonly number[]>(4096);
/** Longer texts are encoded every time (bounds the cache's memory to ~4,096 × this). */
const CACHE_MAX_CHARS = 16_384;

/**
 * Token ids of a text in the o200k encoding (gpt-4o family).
 * Anthropic and Gemini counts use the same tokenizer as an approximation.
 */
export function tokenize(text: string): readonly number[] {
  if (text.length > CACHE_MAX_CHARS) return encode(text, noSpecial);
  const hit = cache.get(text);
  if (hit) return hit;
  const ids = Object.freeze(encode(text, noSpecial));
  cache.set(text, ids);
  return ids;
}

/**
 * Records the token ids of a text whose tokenisation is known by construction (generated prose
 * made of whole pre-tokenizer pieces), so counting and splitting it later skip BPE. Takes the
 * array: the caller must not change it afterwards.
 */
export function rememberTokens(text: string, ids: number[]): void {
  if (text.length <= CACHE_MAX_CHARS) cache.set(text, Object.freeze(ids));
}

/** Number of o200k tokens in a text. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : tokenize(text).length;
}

/**
 * Text of a run of token ids; bytes of a character the run cuts in two are dropped.
 * Why the flushes: gpt-tokenizer decodes raw-byte tokens through one module-level streaming
 * `TextDecoder`, so the bytes a cut left pending would be glued onto the next decode (a later
 * answer would start with U+FFFD and count more tokens than its cap).
 */
export function detokenize(tokens: readonly number[]): string {
  sharedDecoder.decode();
  const text = decode(tokens);
  sharedDecoder.decode();
  return text;
}

/** Text of single token ids (splitting decodes the same few thousand ids again and again). */
const tokenTexts = new Map<number, string>();

function tokenText(id: number): string {
  let text = tokenTexts.get(id);
  if (text === undefined) {
    text = detokenize([id]);
    tokenTexts.set(id, text);
  }
  return text;
}

/** True when every UTF-16 unit of the text is below 0x80. */
const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};

/**
 * Splits a text into consecutive pieces of `perPiece` tokens each, so that the pieces join
 * back to the exact text. Used to pace streamed deltas token by token.
 */
export function splitByTokens(text: string, perPiece = 1): string[] {
  const ids = tokenize(text);
  // ASCII text: every token decodes to whole characters, so the decoded prefix lengths are the
  // running sums of each token's own length (linear instead of decoding every prefix)
  if (isAscii(text)) {
    const pieces: string[] = [];
    let consumed = 0;
    let upTo = 0;
    for (let i = 0; i < ids.length; i++) {
      upTo += tokenText(ids[i] as number).length;
      if ((i + 1) % perPiece !== 0 && i + 1 < ids.length) continue;
      const end = i + 1 === ids.length ? text.length : upTo;
      if (end > consumed) pieces.push(text.slice(consumed, end));
      consumed = Math.max(consumed, end);
    }
    if (pieces.join('') === text) return pieces;
  }
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
