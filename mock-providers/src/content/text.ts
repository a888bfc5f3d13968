import type { Rng } from './rng';
import { countTokens, detokenize, rememberTokens, tokenize } from './tokens';

const WORDS = [
  'the',
  'model',
  'answers',
  'with',
  'a',
  'short',
  'plan',
  'and',
  'clear',
  'steps',
  'first',
  'we',
  'check',
  'input',
  'then',
  'compare',
  'results',
  'against',
  'expected',
  'values',
  'latency',
  'matters',
  'for',
  'users',
  'streaming',
  'helps',
  'because',
  'tokens',
  'arrive',
  'early',
  'batch',
  'jobs',
  'save',
  'cost',
  'when',
  'time',
  'allows',
  'retries',
  'handle',
  'rate',
  'limits',
  'gracefully',
  'each',
  'request',
  'carries',
  'context',
  'data',
  'system',
  'service',
  'response',
  'quality',
  'depends',
  'on',
  'prompt',
  'design',
  'simple',
  'tests',
  'catch',
  'regressions',
  'before',
  'launch',
  'metrics',
  'show',
  'where',
  'load',
  'breaks',
  'queue',
  'grows',
  'slowly',
  'cache',
  'reduces',
  'spend',
  'fallback',
  'keeps',
  'traffic',
  'flowing',
  'during',
  'outages',
  'overall',
  'this',
] as const;

/** Generated text plus what it costs in tokens and whether it was cut short. */
export interface GeneratedText {
  text: string;
  tokens: number;
  /** True when the cap cut the natural answer short (→ `length` / `max_tokens`). */
  truncated: boolean;
}

/**
 * Token ids per pre-tokenizer piece of generated prose (`The`, ` model`, `.`): BPE never merges
 * across these pieces, so a text made of them tokenizes to the concatenation of their ids. Bounded
 * by the vocabulary (each word lower-case or capitalised, with or without a leading space).
 */
const pieceIds = new Map<string, readonly number[]>();

function idsOfPiece(piece: string): readonly number[] {
  let ids = pieceIds.get(piece);
  if (!ids) {
    ids = tokenize(piece);
    pieceIds.set(piece, ids);
  }
  return ids;
}

/**
 * Appends one sentence-shaped run of pseudo-random words (`rng`-drawn: 6–14 words, then a period)
 * to `out`, with its token ids; returns its approximate token count (1 per word + period).
 */
function appendSentence(rng: Rng, out: { text: string; ids: number[] }): number {
  const n = rng.int(6, 14);
  for (let i = 0; i < n; i++) {
    let word: string = rng.pick(WORDS);
    if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    const piece = out.text ? ` ${word}` : word;
    out.text += piece;
    for (const id of idsOfPiece(piece)) out.ids.push(id);
  }
  out.text += '.';
  for (const id of idsOfPiece('.')) out.ids.push(id);
  return n + 1;
}

/**
 * Deterministic prose of about `target` tokens, cut at `cap` tokens when the cap is lower.
 * Why the cut re-counts: usage must equal the tokens of exactly what is sent.
 */
export function generateText(rng: Rng, target: number, cap: number): GeneratedText {
  const goal = Math.max(1, target);
  const out = { text: '', ids: [] as number[] };
  let approx = 0;
  while (approx < goal) approx += appendSentence(rng, out);
  // built from whole pieces, so its ids are known without running BPE over the text
  rememberTokens(out.text, out.ids);
  return capText(out.text, cap);
}

/** Cuts a text to at most `cap` tokens, reporting whether it was cut. */
export function capText(text: string, cap: number): GeneratedText {
  const ids = tokenize(text);
  if (ids.length <= cap) return { text, tokens: ids.length, truncated: false };
  const cut = detokenize(ids.slice(0, Math.max(0, cap)));
  return { text: cut, tokens: countTokens(cut), truncated: true };
}

/**
 * The natural answer length for a prompt: grows with the prompt, seeded jitter, bounded.
 * Why: "length follows the request" without making short prompts produce essays.
 */
export function defaultAnswerTokens(rng: Rng, promptTokens: number): number {
  return Math.min(600, 24 + Math.round(promptTokens * 0.6) + rng.int(0, 48));
}
