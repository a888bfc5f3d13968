/** USD per 1M tokens for one model. */
export interface ModelPrice {
  input: number;
  /** Cache reads (OpenAI cached prompt tokens, Anthropic cache_read, Gemini cached content). */
  cachedInput: number;
  /** Anthropic cache writes (5-minute TTL); equals `input` where the provider has no write charge. */
  cacheWrite: number;
  output: number;
  /** Where the figure comes from, as tagged in wire-formats.md §7.4. */
  source: string;
}

/** The date the table was last checked against its sources; reports print it next to costs. */
export const PRICE_TABLE_DATE = '2026-11-29';

/** Batch APIs bill half of the standard price on input and output at all three providers. */
export const BATCH_DISCOUNT = 0.5;

/**
 * Prices per model (USD / 1M tokens) from wire-formats.md §7.4 and the seeds. Aliases resolve to
 * the dated model they name. Gemini 2.5 Pro and the embedding models are secondary-source figures.
 */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': {
    input: 2.5,
    cachedInput: 1.25,
    cacheWrite: 2.5,
    output: 10,
    source: '3p (OpenAI pricing page)',
  },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, cacheWrite: 0.15, output: 0.6, source: '3p; seed' },
  'text-embedding-3-small': { input: 0.02, cachedInput: 0.02, cacheWrite: 0.02, output: 0, source: '3p' },
  'text-embedding-3-large': {
    input: 0.13,
    cachedInput: 0.13,
    cacheWrite: 0.13,
    output: 0,
    source: '3p [unverified]',
  },
  'claude-sonnet-4-20250514': {
    input: 3,
    cachedInput: 0.3,
    cacheWrite: 3.75,
    output: 15,
    source: 'doc + 3p',
  },
  'claude-3-5-haiku-20241022': {
    input: 0.8,
    cachedInput: 0.08,
    cacheWrite: 1,
    output: 4,
    source: 'doc + 3p',
  },
  'gemini-2.5-flash': {
    input: 0.3,
    cachedInput: 0.075,
    cacheWrite: 0.3,
    output: 2.5,
    source: '3p (several)',
  },
  'gemini-2.5-pro': {
    input: 1.25,
    cachedInput: 0.31,
    cacheWrite: 1.25,
    output: 10,
    source: '3p [unverified], ≤200k prompt',
  },
  'gemini-embedding-001': {
    input: 0.15,
    cachedInput: 0.15,
    cacheWrite: 0.15,
    output: 0,
    source: '3p [unverified]',
  },
  'text-embedding-004': {
    input: 0,
    cachedInput: 0,
    cacheWrite: 0,
    output: 0,
    source: 'free tier only [unverified]',
  },
};

const ALIASES: Readonly<Record<string, string>> = {
  'claude-sonnet-4-0': 'claude-sonnet-4-20250514',
  'claude-3-5-haiku-latest': 'claude-3-5-haiku-20241022',
};

/** The price of a model, or undefined when the table does not know it (cost is then reported as unknown). */
export function priceOf(model: string): ModelPrice | undefined {
  const name = model.replace(/^models\//, '');
  return PRICES[ALIASES[name] ?? name] ?? PRICES[name.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
}
