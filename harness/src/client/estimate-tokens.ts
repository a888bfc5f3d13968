import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Token count of text with the o200k tokenizer: exact for the GPT-4o family, an approximation for
 * the others. Used only when a provider never reported usage (e.g. a stream cut before its usage
 * chunk); such rows are marked `harness.usage.estimated`.
 */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : countTokens(text);
}
