import { createStats, type StatsRecorder } from './admin/stats';
import { createRng, type Rng } from './content/rng';
import { type MockConfig, type MockOptions, toConfig } from './options';
import type { AnthropicBatch } from './providers/anthropic/batch-store';
import type { OpenAIBatch } from './providers/openai/batch-store';
import type { StoredFile } from './providers/openai/file-store';

/** Stored objects of one mock instance (cleared by `POST /__admin/reset`). */
export interface MockStore {
  files: Map<string, StoredFile>;
  openaiBatches: Map<string, OpenAIBatch>;
  anthropicBatches: Map<string, AnthropicBatch>;
}

/**
 * Everything one mock instance owns. Every handler closes over one context, so two mocks
 * (two `createHandlers` calls) never share config, stats, PRNG or stored files.
 */
export interface MockContext {
  config: MockConfig;
  stats: StatsRecorder;
  store: MockStore;
  /** Arrival-order PRNG for fault decisions (restarted when `seed` is set or on reset). */
  arrivalRng: Rng;
  /** Wall clock in ms (injectable for tests). */
  clock: () => number;
  /** Applies a validated config patch; restarts the PRNG when `seed` is present. */
  update(patch: Partial<MockConfig>): void;
  /** Clears stats and stored objects, restarts the PRNG; config unchanged. */
  reset(): void;
}

const emptyStore = (): MockStore => ({
  files: new Map(),
  openaiBatches: new Map(),
  anthropicBatches: new Map(),
});

/** Creates the state of one mock instance from its options. */
export function createContext(options: MockOptions = {}): MockContext {
  const ctx: MockContext = {
    config: toConfig(options),
    stats: createStats(),
    store: emptyStore(),
    arrivalRng: createRng(options.seed ?? 42),
    clock: () => Date.now(),
    update(patch) {
      ctx.config = { ...ctx.config, ...patch };
      if (patch.seed !== undefined) ctx.arrivalRng = createRng(patch.seed);
    },
    reset() {
      ctx.stats.reset();
      ctx.store = emptyStore();
      ctx.arrivalRng = createRng(ctx.config.seed);
    },
  };
  return ctx;
}
