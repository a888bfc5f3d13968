import { createMockServer } from 'mock-providers';
import type { HarnessConfig } from './config';
import type { LoopDelay } from './runs/instrument/loop-delay';
import type { SpanSink } from './store/span-sink';
import { createTracing } from './telemetry/instrumentation';
import { startHarnessWorker } from './topology/harness-worker';
import type { MockWorkerData, MockWorkerReady } from './topology/mock-worker';

/** The mock providers the harness hosts, with their ground-truth spans going to the store. */
export interface HostedMock {
  server: { url: string; port: number; host: string };
  /** Where it runs: on the harness's own loop, or on its own thread. */
  where: 'main loop' | 'worker thread';
  /** Push every mock span still batched into the span writer. */
  flush(): Promise<void>;
  /** Its thread, when it has one (its loop delay is reported with every run; tests crash it). */
  thread?: { markLoop(): void; readLoop(): Promise<LoopDelay | undefined>; crash(): void };
  close(): Promise<void>;
}

/**
 * Start the mock (what `harness up` does): on its own worker thread when `config.workers.mock` is
 * 1 (the CLI's default), else in-process. Its SERVER spans get their own tracer provider with
 * `service.name = mock-providers` and go to the same span writer. `onCrash` hears a mock thread
 * that died (its provider calls then fail as connection errors).
 */
export async function startHostedMock(
  config: HarnessConfig,
  spans: SpanSink,
  onCrash: (reason: string) => void = () => {},
): Promise<HostedMock> {
  const options = {
    port: config.mockPort,
    host: config.mock.host,
    ...(config.mock.seed === undefined ? {} : { seed: config.mock.seed }),
    ...(config.mock.timeScale === undefined ? {} : { timeScale: config.mock.timeScale }),
    ...(config.mock.profile === undefined ? {} : { profile: config.mock.profile }),
  } satisfies MockWorkerData;
  if (config.workers?.mock) {
    const worker = startHarnessWorker<MockWorkerReady, never, never>({
      name: 'mock thread',
      entry: new URL('./topology/mock-worker.ts', import.meta.url),
      data: options,
      spans,
      onCrash,
    });
    const server = await worker.ready;
    return {
      server,
      where: 'worker thread',
      flush: () => worker.flush(),
      close: () => worker.close(),
      thread: worker,
    };
  }
  const tracing = createTracing(spans, 'mock-providers');
  const server = await createMockServer({ ...options, tracerProvider: tracing.provider }).catch(
    (e: NodeJS.ErrnoException) => {
      throw e.code === 'EADDRINUSE' ? new Error(`port ${config.mockPort} is already in use (MOCK_PORT)`) : e;
    },
  );
  return {
    server,
    where: 'main loop',
    flush: () => tracing.provider.forceFlush(),
    async close() {
      await server.close();
      await tracing.shutdown();
    },
  };
}
