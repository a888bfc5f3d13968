import { createMockServer, type MockServer } from 'mock-providers';
import type { HarnessConfig } from './config';
import type { SpanSink } from './store/span-sink';
import { createTracing, type Tracing } from './telemetry/instrumentation';

/** The mock providers hosted in the harness process, with their ground-truth spans going to the store. */
export interface HostedMock {
  server: MockServer;
  tracing: Tracing;
  close(): Promise<void>;
}

/**
 * Start the mock in-process (what `harness up` does): its SERVER spans get their own tracer provider
 * with `service.name = mock-providers` and go straight to the same span writer.
 */
export async function startHostedMock(config: HarnessConfig, spans: SpanSink): Promise<HostedMock> {
  const tracing = createTracing(spans, 'mock-providers');
  const server = await createMockServer({
    port: config.mockPort,
    host: config.mock.host,
    tracerProvider: tracing.provider,
    ...(config.mock.seed === undefined ? {} : { seed: config.mock.seed }),
    ...(config.mock.timeScale === undefined ? {} : { timeScale: config.mock.timeScale }),
    ...(config.mock.profile === undefined ? {} : { profile: config.mock.profile }),
  }).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'EADDRINUSE' ? new Error(`port ${config.mockPort} is already in use (MOCK_PORT)`) : e;
  });
  return {
    server,
    tracing,
    async close() {
      await server.close();
      await tracing.shutdown();
    },
  };
}
