import { BATCH_DISCOUNT, priceOf } from './prices';

/** Token usage of one attempt, normalised across providers. */
export interface Usage {
  /** All prompt tokens, cached ones included (OTel `gen_ai.usage.input_tokens`). */
  inputTokens: number;
  outputTokens: number;
  /** Subset of input served from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Subset of input written to the cache (Anthropic cache_creation). */
  cacheWriteInputTokens?: number;
}

/** Cost of one attempt in USD, split the way Langfuse's cost_details reads it. */
export interface Cost {
  input: number;
  output: number;
  total: number;
}

/**
 * Cost of an attempt (metrics.md): uncached input at the input price, cache reads at the cached
 * price, cache writes at the write price, output at the output price; batch calls at half price.
 * Unknown models cost `undefined`, never a guessed number.
 */
export function costOf(model: string, usage: Usage, options: { batch?: boolean } = {}): Cost | undefined {
  const p = priceOf(model);
  if (!p) return undefined;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const plain = Math.max(0, usage.inputTokens - cached - written);
  const factor = options.batch ? BATCH_DISCOUNT : 1;
  const input = ((plain * p.input + cached * p.cachedInput + written * p.cacheWrite) / 1e6) * factor;
  const output = ((usage.outputTokens * p.output) / 1e6) * factor;
  return { input, output, total: input + output };
}

/** Cost per 1,000 requests and per day at a given rate, derived from a measured mean cost per request. */
export function projectCost(meanCostPerRequest: number, requestsPerMinute: number) {
  return {
    per1kRequests: meanCostPerRequest * 1000,
    perDay: meanCostPerRequest * requestsPerMinute * 60 * 24,
  };
}
