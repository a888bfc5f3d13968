/**
 * Published rate limits (wire-formats.md §7, seed throughput table). Figures carry the tags of
 * their source there; `[unverified]` ones are sensible presets, not quotes.
 */

/** Per-minute limits of one model for one tenant. Anthropic uses itpm/otpm, the others tpm. */
export interface ModelLimits {
  rpm: number;
  tpm?: number;
  itpm?: number;
  otpm?: number;
  /** Tokens that may sit in unfinished batches at once (OpenAI "batch queue limit"). */
  batchQueueTokens?: number;
}

type Table = Record<string, ModelLimits>;

const anthropic = (rpm: number, itpm: number, otpm: number): ModelLimits => ({ rpm, itpm, otpm });

/**
 * The default (`rateLimits: "published"`): the seed's throughput table (OpenAI Tier 5, Anthropic
 * "Scale" = older Tier 4 tables with 400k input / 80k output, Gemini 2,000 RPM / 4M TPM).
 */
export const PUBLISHED: Table = {
  'openai/gpt-4o': { rpm: 10_000, tpm: 30_000_000 },
  'openai/gpt-4o-mini': { rpm: 30_000, tpm: 150_000_000 },
  'openai/text-embedding-3-small': { rpm: 10_000, tpm: 5_000_000 }, // tier 4, older table
  'openai/text-embedding-3-large': { rpm: 10_000, tpm: 5_000_000 }, // [unverified] same as small
  'anthropic/claude-sonnet-4-20250514': anthropic(4_000, 400_000, 80_000),
  'anthropic/claude-3-5-haiku-20241022': anthropic(4_000, 400_000, 80_000),
  'gemini/gemini-2.5-flash': { rpm: 2_000, tpm: 4_000_000 },
  'gemini/gemini-2.5-pro': { rpm: 1_000, tpm: 5_000_000 }, // [unverified] Tier 2 row as a preset
  'gemini/gemini-embedding-001': { rpm: 3_000, tpm: 1_000_000 }, // [unverified]
  'gemini/text-embedding-004': { rpm: 3_000, tpm: 1_000_000 }, // [unverified]
};

/** Usage tiers of wire-formats §7 as presets; a model a tier does not list keeps its PUBLISHED row. */
export const TIERS: Record<'tier1' | 'tier2' | 'tier3' | 'tier4' | 'tier5', Table> = {
  tier1: {
    'openai/gpt-4o': { rpm: 500, tpm: 30_000, batchQueueTokens: 90_000 },
    'openai/gpt-4o-mini': { rpm: 500, tpm: 200_000 },
    'openai/text-embedding-3-small': { rpm: 3_000, tpm: 1_000_000 },
    'anthropic/claude-sonnet-4-20250514': anthropic(50, 30_000, 8_000),
    'anthropic/claude-3-5-haiku-20241022': anthropic(50, 50_000, 10_000),
    'gemini/gemini-2.5-flash': { rpm: 1_000, tpm: 1_000_000 },
  },
  tier2: {
    'openai/gpt-4o': { rpm: 5_000, tpm: 450_000 },
    'openai/gpt-4o-mini': { rpm: 5_000, tpm: 2_000_000 },
    'anthropic/claude-sonnet-4-20250514': anthropic(1_000, 450_000, 90_000),
    'gemini/gemini-2.5-flash': { rpm: 2_000, tpm: 3_000_000 },
  },
  tier3: {
    'openai/gpt-4o': { rpm: 5_000, tpm: 800_000 },
    'openai/gpt-4o-mini': { rpm: 5_000, tpm: 4_000_000 },
    'anthropic/claude-sonnet-4-20250514': anthropic(2_000, 800_000, 160_000),
    'gemini/gemini-2.5-flash': { rpm: 10_000, tpm: 8_000_000 },
  },
  tier4: {
    'openai/gpt-4o': { rpm: 10_000, tpm: 2_000_000 },
    'openai/gpt-4o-mini': { rpm: 10_000, tpm: 10_000_000 },
    'openai/text-embedding-3-small': { rpm: 10_000, tpm: 5_000_000 },
    'anthropic/claude-sonnet-4-20250514': anthropic(4_000, 2_000_000, 400_000),
  },
  tier5: {
    'openai/gpt-4o': { rpm: 10_000, tpm: 30_000_000 },
    'openai/gpt-4o-mini': { rpm: 30_000, tpm: 150_000_000 },
  },
};

/** Names accepted as `rateLimits` presets besides `published` and `off`. */
export const TIER_NAMES = Object.keys(TIERS) as Array<keyof typeof TIERS>;

/** Requests allowed in one batch (seed: 50,000 per OpenAI batch, 10,000 per Anthropic batch). */
export const BATCH_MAX_REQUESTS = { openai: 50_000, anthropic: 10_000 } as const;
