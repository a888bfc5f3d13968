import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { routeSdkConsole } from './client/sdk-console';
import { type HarnessConfig, harnessConfigFromEnv } from './config';
import type { RunInfo } from './contracts/live';
import { createLogger } from './log';
import { createRequestLog } from './log-files';
import { createOtlpReceiver, type OtlpReceiver } from './otlp/index';
import { createApp } from './server/app';
import { type ClientRegistry, createClientRegistry } from './server/client-registry';
import { type HostedMock, startHostedMock } from './stack-mock';
import { type RunsWiring, wireRuns } from './stack-runs';
import { insertSpanRows } from './store/clickhouse-insert';
import { openStore, type Store } from './store/client';
import { describeStore, type StoreConfig, storeConfigFromEnv } from './store/config';
import { migrate } from './store/migrate';
import { claimStoreOwner } from './store/owner';
import { createSpanWriter, type SpanWriter, type SpanWriterOptions } from './store/span-writer';
import { createTracing, type Tracing } from './telemetry/instrumentation';
import { type ClientWorkers, startClientWorkers } from './topology/client-workers';
import { HARNESS_VERSION } from './version';

/** The running harness: store, span pipeline, OTLP receiver and API server. */
export interface Stack {
  config: HarnessConfig;
  store: Store;
  spans: SpanWriter;
  tracing: Tracing;
  otlp: OtlpReceiver;
  /** The in-process mock, unless provider calls go to HARNESS_PROVIDER_URL. */
  mock: HostedMock | undefined;
  /** Where provider calls go. */
  providerUrl: string;
  clients: ClientRegistry;
  /** The client workers serving the built-in driver's invoke path (absent: the main loop does). */
  clientWorkers: ClientWorkers | undefined;
  runs: RunsWiring;
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
  /** Folder of the per-call request log (default: <data dir>/logs). */
  logDir?: string;
  /** Span writer tuning (tests: short backoff); the queue bound comes from `config.spanQueueRows`. */
  spanWriter?: Omit<SpanWriterOptions, 'onError' | 'maxQueueRows'>;
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
      ...options.spanWriter,
      ...(config.spanQueueRows === undefined ? {} : { maxQueueRows: config.spanQueueRows }),
      onError: (error, attempt) =>
        log.warn({ err: error.message, attempt }, 'span insert failed; will retry'),
    });
    cleanup.unshift(() => spans.close());
    const tracing = createTracing(spans, 'harness', { global: true });
    cleanup.unshift(() => tracing.shutdown());
    const otlp = await createOtlpReceiver({ sink: spans, port: config.otlpPort, host: config.host });
    cleanup.unshift(() => otlp.close());
    // A worker thread that dies fails the runs that depend on it, with its reason: the mock thread
    // every run (k6 and a user's app may call it too), a client worker the built-in driver's runs
    // against the harness's own client (k6 and URL targets never send through one).
    let runsRef: RunsWiring | undefined;
    const onWorkerCrash =
      (which?: (run: RunInfo) => boolean) =>
      (reason: string): void => {
        log.error({ reason }, 'a harness worker thread died; the runs that use it fail');
        runsRef?.manager.failAll(reason, which);
      };
    const mock = config.providerUrl ? undefined : await startHostedMock(config, spans, onWorkerCrash());
    if (mock) cleanup.unshift(() => mock.close());
    const providerUrl = config.providerUrl ?? (mock as HostedMock).server.url;
    const logDir =
      options.logDir ?? path.join(storeConfig.mode === 'embedded' ? storeConfig.dataDir : './data', 'logs');
    const requestLog = createRequestLog(logDir, (message) => log.warn(message));
    cleanup.unshift(() => requestLog.close());
    const unrouteSdkConsole = routeSdkConsole(requestLog.logger);
    cleanup.unshift(async () => unrouteSdkConsole());
    const clients = createClientRegistry({
      baseUrl: providerUrl,
      tracer: trace.getTracer('harness.client'),
      logger: requestLog.logger,
    });
    cleanup.unshift(() => clients.closeAll());
    const clientWorkers = config.workers?.client
      ? await startClientWorkers({
          count: config.workers.client,
          data: { providerUrl, storeConfig, logDir },
          store,
          spans,
          onCrash: onWorkerCrash((run) => run.engine === 'builtin' && run.target === 'builtin'),
        })
      : undefined;
    if (clientWorkers) cleanup.unshift(() => clientWorkers.close());
    const runs = await wireRuns({
      store,
      spans,
      clients,
      token: config.token,
      mockUrl: providerUrl,
      flushTracing: async () => {
        await Promise.all([tracing.provider.forceFlush(), mock?.flush(), clientWorkers?.flush()]);
      },
      driverThread: config.workers?.driverThread ?? false,
      clientWorkers,
      threads: () => [...(mock?.thread ? [mock.thread] : []), ...(clientWorkers?.workers ?? [])],
      log,
    });
    runsRef = runs;
    const app = createApp({
      store,
      spans,
      clients,
      runs,
      mockAdmin: {
        mockUrl: providerUrl,
        onConfig: (settings) => {
          for (const run of runs.manager.active()) run.noteMockChange(settings);
          runs.emit('mock:config', settings);
        },
      },
      tracer: trace.getTracer('harness.patterns'),
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
    runs.attach(server, url);
    // the owner record goes last, after the store is closed (cleanup runs front to back)
    if (storeConfig.mode === 'embedded') cleanup.push(claimStoreOwner(storeConfig.dataDir, url));
    // Runs stop (and record their end) before the server and the span writer go away.
    cleanup.unshift(() => runs.close());
    log.info(
      {
        url,
        otlp: otlp.url,
        providers: providerUrl,
        store: describeStore(storeConfig),
        threads: {
          driver: config.workers?.driverThread ?? false,
          mock: mock?.where ?? 'external',
          clientWorkers: clientWorkers?.alive ?? 0,
        },
      },
      'harness up',
    );
    let closing: Promise<void> | undefined;
    return {
      config: { ...config, port, otlpPort: otlp.port },
      store,
      spans,
      tracing,
      otlp,
      mock,
      providerUrl,
      clients,
      clientWorkers,
      runs,
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
