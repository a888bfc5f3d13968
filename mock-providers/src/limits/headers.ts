import type { Provider } from '../models/catalog';
import type { BucketState } from './limiter';

/**
 * Go `time.Duration` text as OpenAI's `x-ratelimit-reset-*` headers use it: `12ms`, `1s`,
 * `6m0s`, `1h2m3.5s` (sub-second values in whole ms, seconds with up to 3 decimals).
 */
export function goDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const totalMs = Math.ceil(ms);
  if (totalMs < 1000) return `${totalMs}ms`;
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  const s = (totalMs % 60_000) / 1000;
  const sec = `${Number(s.toFixed(3))}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

/** RFC 3339 instant at whole-second precision, rounded up (Anthropic `*-reset`). */
const instant = (at: number): string =>
  new Date(Math.ceil(at / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const OPENAI_SUFFIX: Partial<Record<BucketState['kind'], string>> = {
  requests: 'requests',
  tokens: 'tokens',
};
const ANTHROPIC_NAME: Record<BucketState['kind'], string> = {
  requests: 'requests',
  tokens: 'tokens',
  input_tokens: 'input-tokens',
  output_tokens: 'output-tokens',
};

/**
 * The provider's rate-limit headers for the given bucket states (on successes and 429s alike).
 * OpenAI: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`; Anthropic:
 * `anthropic-ratelimit-{requests,input-tokens,output-tokens,tokens}-{limit,remaining,reset}` where
 * `tokens` is the more restrictive of input/output; Gemini documents none.
 */
export function rateLimitHeaders(
  provider: Provider,
  states: readonly BucketState[],
  now: number,
): Record<string, string> {
  const h: Record<string, string> = {};
  if (provider === 'openai') {
    for (const s of states) {
      const suffix = OPENAI_SUFFIX[s.kind];
      if (!suffix) continue;
      h[`x-ratelimit-limit-${suffix}`] = String(s.limit);
      h[`x-ratelimit-remaining-${suffix}`] = String(s.remaining);
      h[`x-ratelimit-reset-${suffix}`] = goDuration(s.resetMs);
    }
  } else if (provider === 'anthropic') {
    const put = (name: string, s: BucketState) => {
      h[`anthropic-ratelimit-${name}-limit`] = String(s.limit);
      h[`anthropic-ratelimit-${name}-remaining`] = String(s.remaining);
      h[`anthropic-ratelimit-${name}-reset`] = instant(now + s.resetMs);
    };
    for (const s of states) put(ANTHROPIC_NAME[s.kind], s);
    const tokens = states
      .filter((s) => s.kind === 'input_tokens' || s.kind === 'output_tokens')
      .sort((a, b) => a.remaining / a.limit - b.remaining / b.limit)[0];
    if (tokens) put('tokens', tokens);
  }
  return h;
}
