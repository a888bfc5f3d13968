import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { type HarnessConfig, harnessConfigFromEnv } from './config';
import { createLogger } from './log';
import { createOtlpReceiver, type OtlpReceiver } from './otlp/index';
import { createApp } from './server/app';
import { insertSpanRows } from './store/clickhouse-insert';
import { openStore, type Store } from './store/client';
import { describeStore, type StoreConfig, storeConfigFromEnv } from './store/config';
import { migrate } from './store/migrate';
import { createSpanWriter, type SpanWriter } from './store/span-writer';
import { createTracing, type Tracing } from './telemetry/instrumentation';
import { HARNESS_VERSION } from './version';

/** The running harness: store, span pipeline, OTLP receiver and API server. */
export interface Stack {
  config: HarnessConfig;
  store: Store;
  spans: SpanWriter;
  tracing: Tracing;
  otlp: OtlpReceiver;
  log: Logger;
  /** Base URL of the API and dashboard. */
  url: string;
  /** Stop everything, flushing spans first. */
  close(): Promise<void>;
}

/** Options that tests and the CLI override; everything else comes from the environment. */
export interface StackOptions {
  config?: HarnessConfig;
  store?: StoreConfig;
  log?: Logger;
}

/**
 * Bring the harness up: open and migrate the store (the only process that may own a chDB folder),
 * start the span writer, the SDK tracer provider, the OTLP/HTTP receiver and the API server.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const config = options.config ?? harnessConfigFromEnv();
  const storeConfig = options.store ?? storeConfigFromEnv();
  const log = options.log ?? createLogger();
  const store = await openStore(storeConfig);
  const cleanup: Array<() => Promise<void>> = [() => store.close()];
  try {
    await migrate(store);
    const spans = createSpanWriter(insertSpanRows(store), {
      onError: (error, attempt) =>
        log.warn({ err: error.message, attempt }, 'span insert failed; will retry'),
    });
    cleanup.unshift(() => spans.close());
    const tracing = createTracing(spans, 'harness', { global: true });
    cleanup.unshift(() => tracing.shutdown());
    const otlp = await createOtlpReceiver({ sink: spans, port: config.otlpPort, host: config.host });
    cleanup.unshift(() => otlp.close());
    const app = createApp({
      store,
      spans,
      version: HARNESS_VERSION,
      token: config.token,
      otlpStats: () => {
        const s = otlp.stats();
        return { requests: s.requests, spans: s.spansReceived, rejected: s.spansRejected };
      },
      log: (e) => log.error({ err: e }, 'unhandled API error'),
    });
    const server = await listen(app.listen.bind(app), config.port, config.host);
    cleanup.unshift(() => closeServer(server));
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    log.info({ url, otlp: otlp.url, store: describeStore(storeConfig) }, 'harness up');
    let closing: Promise<void> | undefined;
    return {
      config: { ...config, port, otlpPort: otlp.port },
      store,
      spans,
      tracing,
      otlp,
      log,
      url,
      close: () => {
        closing ??= runAll(cleanup);
        return closing;
      },
    };
  } catch (e) {
    await runAll(cleanup);
    throw e;
  }
}

async function runAll(steps: Array<() => Promise<void>>): Promise<void> {
  for (const step of steps) await step().catch(() => {});
}

function listen(
  listenFn: (port: number, host: string, cb: () => void) => Server,
  port: number,
  host: string,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = listenFn(port, host, () => resolve(server));
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use (HARNESS_PORT)`) : e,
      ),
    );
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
