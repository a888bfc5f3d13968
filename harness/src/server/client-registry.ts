import type { Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { ClientConfigInput } from '../client/config';
import { createLlmClient, type LlmClient } from '../client/llm-client';
import { loadScenario } from '../scenarios/load';
import { clientConfigFromScenario } from './scenario-client-config';

/** Instrumented clients by scenario: each scenario's policies (bulkhead, breakers, cache) are its own. */
export interface ClientRegistry {
  /** The client for a scenario (its `client` section), or the default client. */
  forScenario(name: string | undefined): Promise<LlmClient>;
  /**
   * Give a scenario name its client settings before a run (the run's own scenario may differ from
   * the file of that name, e.g. an inline one); a client with other settings is replaced.
   */
  define(name: string, config: ClientConfigInput): void;
  /** Every live client, for breaker and queue gauges. */
  all(): ReadonlyMap<string, LlmClient>;
  closeAll(): Promise<void>;
}

/**
 * Build clients lazily and keep them: a breaker or bulkhead only means something when every call
 * of a run shares it. Unknown scenario names use the default client (a user's own k6 script may tag
 * its requests with any name).
 */
export function createClientRegistry(options: {
  baseUrl: string;
  tracer: Tracer;
  logger?: Logger;
  defaults?: ClientConfigInput;
}): ClientRegistry {
  const clients = new Map<string, Promise<LlmClient>>();
  const ready = new Map<string, LlmClient>();
  const make = (key: string, config: ClientConfigInput) => {
    const client = createLlmClient({
      baseUrl: options.baseUrl,
      tracer: options.tracer,
      config: { ...options.defaults, ...config },
      ...(options.logger ? { logger: options.logger } : {}),
    });
    ready.set(key, client);
    return client;
  };
  return {
    forScenario(name) {
      const key = name ?? '';
      let p = clients.get(key);
      if (!p) {
        p = name
          ? loadScenario(name).then(
              (s) => make(key, clientConfigFromScenario(s.client)),
              () => make(key, {}),
            )
          : Promise.resolve(make(key, {}));
        clients.set(key, p);
      }
      return p;
    },
    define(name, config) {
      const old = ready.get(name);
      clients.set(name, Promise.resolve(make(name, config)));
      if (old) setTimeout(() => void old.close(), 60_000).unref();
    },
    all: () => ready,
    async closeAll() {
      await Promise.all([...ready.values()].map((c) => c.close()));
      clients.clear();
      ready.clear();
    },
  };
}
