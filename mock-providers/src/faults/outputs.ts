import type { Decision, Output } from '../content/decision';
import { countTokens, splitByTokens } from '../content/tokens';

/** The first `n` tokens of a text, as an exact prefix of it. */
function prefixTokens(text: string, n: number): string {
  return splitByTokens(text).slice(0, Math.max(0, n)).join('');
}

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * `content_filter`: every choice stops early with the filter's finish (OpenAI `content_filter`,
 * Anthropic `refusal`, Gemini `SAFETY`); what was generated before the block is kept — a
 * `fraction` (0–1, from the request's draw) of the text, possibly empty. Tool calls become
 * empty text answers. Usage counts only the kept text.
 */
export function filterOutputs(decision: Decision, fraction: number): Decision {
  const outputs = decision.outputs.map((o): Output => {
    const text = o.kind === 'text' ? prefixTokens(o.text, Math.floor(fraction * o.tokens)) : '';
    return { kind: 'text', text, tokens: countTokens(text), finish: 'content_filter' };
  });
  return { ...decision, outputs, fault: 'content_filter' };
}

/**
 * `incomplete_json`: each JSON text answer is cut to a strict prefix (at least one token shorter,
 * at a `fraction` of its length) that no longer parses; usage counts the tokens actually sent.
 * The finish stays `stop`: the model "finished" with broken JSON, which is what clients must catch.
 */
export function truncateJson(decision: Decision, fraction: number): Decision {
  const outputs = decision.outputs.map((o): Output => {
    if (o.kind !== 'text') return o;
    const pieces = splitByTokens(o.text);
    let n = Math.min(pieces.length - 1, 1 + Math.floor(fraction * (pieces.length - 1)));
    let text = pieces.slice(0, Math.max(0, n)).join('');
    // a prefix of a scalar can still parse ("12" of "123"): shorten until it does not
    while (text.length > 0 && parses(text)) text = pieces.slice(0, --n).join('');
    return { ...o, text, tokens: countTokens(text), finish: 'stop' };
  });
  return { ...decision, outputs, fault: 'incomplete_json' };
}
