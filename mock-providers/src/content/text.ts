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

/** Prose under construction: its text, its token ids and where each piece ends in both. */
interface Prose {
  text: string;
  ids: number[];
  /** Per piece: end offset in `text`, then end offset in `ids` (flat pairs). */
  ends: number[];
}

/**
 * Appends one sentence-shaped run of pseudo-random words (`rng`-drawn: 6–14 words, then a period)
 * to `out`, with its token ids; returns its approximate token count (1 per word + period).
 */
function appendSentence(rng: Rng, out: Prose): number {
  const n = rng.int(6, 14);
  for (let i = 0; i < n; i++) {
    let word: string = rng.pick(WORDS);
    if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    appendPiece(out, out.text ? ` ${word}` : word);
  }
  appendPiece(out, '.');
  return n + 1;
}

/**
 * Appends a pre-tokenizer piece (`The`, ` model`, `.`): BPE never merges across these, so prose made
 * of them tokenizes to the concatenation of the pieces' ids (each piece's ids are cached).
 */
function appendPiece(out: Prose, piece: string): void {
  out.text += piece;
  for (const id of tokenize(piece)) out.ids.push(id);
  out.ends.push(out.text.length, out.ids.length);
}

/**
 * Deterministic prose of about `target` tokens, cut at `cap` tokens when the cap is lower.
 * Built from whole pre-tokenizer pieces, so its token ids are known without running BPE over it;
 * a cut inside a piece re-counts that piece alone (usage must equal the tokens of exactly what is
 * sent).
 */
export function generateText(rng: Rng, target: number, cap: number): GeneratedText {
  const goal = Math.max(1, target);
  const out: Prose = { text: '', ids: [], ends: [] };
  let approx = 0;
  while (approx < goal) approx += appendSentence(rng, out);
  if (out.ids.length <= cap) {
    rememberTokens(out.text, out.ids);
    return { text: out.text, tokens: out.ids.length, truncated: false };
  }
  // the whole pieces that fit, then as much of the next one as its own tokens allow
  let textEnd = 0;
  let idEnd = 0;
  for (let p = 0; p < out.ends.length; p += 2) {
    const nextIdEnd = out.ends[p + 1] as number;
    if (nextIdEnd > cap) break;
    textEnd = out.ends[p] as number;
    idEnd = nextIdEnd;
  }
  let text = out.text.slice(0, textEnd);
  const ids = out.ids.slice(0, idEnd);
  if (idEnd < cap) {
    const partial = detokenize(out.ids.slice(idEnd, cap));
    const partialIds = tokenize(partial);
    if (partial && ids.length + partialIds.length <= cap) {
      text += partial;
      for (const id of partialIds) ids.push(id);
    }
  }
  rememberTokens(text, ids);
  return { text, tokens: ids.length, truncated: true };
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
