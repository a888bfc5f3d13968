import type { Rng } from './rng';
import { countTokens, detokenize, tokenize } from './tokens';

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

/** A sentence-shaped run of pseudo-random words and its approximate token count (1 per word + period). */
function sentence(rng: Rng): { text: string; approxTokens: number } {
  const n = rng.int(6, 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(WORDS));
  const first = words[0] ?? 'the';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return { text: `${words.join(' ')}.`, approxTokens: n + 1 };
}

/**
 * Deterministic prose of about `target` tokens, cut at `cap` tokens when the cap is lower.
 * Why the cut re-counts: usage must equal the tokens of exactly what is sent.
 */
export function generateText(rng: Rng, target: number, cap: number): GeneratedText {
  const goal = Math.max(1, target);
  let text = '';
  let approx = 0;
  while (approx < goal) {
    const s = sentence(rng);
    approx += s.approxTokens;
    text += (text ? ' ' : '') + s.text;
  }
  return capText(text, cap);
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
