import type { Provider } from '../models/catalog';
import { anthropicProvider } from './anthropic';
import { geminiProvider } from './gemini';
import { openaiProvider } from './openai';
import type { ProviderModule } from './provider-module';

/**
 * The provider registry: adding a provider is adding its folder and one line here. Keyed by name
 * so the compiler insists on a module for every `Provider`; the key order is the handler order
 * (MSW tries handlers in order: OpenAI's `/v1/models` before Gemini's `/v1/models/{m}:verb`).
 */
const BY_NAME = {
  openai: openaiProvider,
  anthropic: anthropicProvider,
  gemini: geminiProvider,
} satisfies Record<Provider, ProviderModule>;

/** Every mock provider, in handler order. */
export const PROVIDER_MODULES: readonly ProviderModule[] = Object.values(BY_NAME);
