/**
 * A client worker (`HARNESS_CLIENT_WORKERS`): the built-in driver's invokes on a thread of its own —
 * patterns, instrumented client and SSE reading run here, off the loop that serves the API, the
 * live feed and the store, so a client reads its first byte when it arrives. The driver reaches it
 * over invoke ports (contracts/invoke-port.ts), not HTTP; spans go to the main thread's span writer
 * by message; store reads and writes are forwarded to the main thread (store-proxy.ts).
 */
import { trace } from '@opentelemetry/api';
import { routeSdkConsole } from '../client/sdk-console';
import { createRequestLog } from '../log-files';
import { createClientRegistry } from '../server/client-registry';
import { createTracing } from '../telemetry/instrumentation';
import type {
  ClientGaugeReport,
  ClientWorkerData,
  ClientWorkerReady,
  ToClientWorker,
} from './client-worker-messages';
import { serveInvokePort } from './invoke-port-server';
import { portSpanSink } from './port-span-sink';
import { storeProxy } from './store-proxy';
import { failWorker, workerSide } from './worker-side';

/** How often the worker reports its clients' gauges (the live view samples them once a second). */
const GAUGE_EVERY_MS = 250;

let stop: () => Promise<void> = async () => {};
let flushSpans: () => Promise<void> = async () => {};
let onMessage: (m: ToClientWorker) => void = () => {};
const side = workerSide<ClientWorkerData, ToClientWorker>({
  flushSpans: () => flushSpans(),
  close: () => stop(),
  onMessage: (m) => onMessage(m),
});
try {
  const { data, port } = side;
  const tracing = createTracing(portSpanSink(port), 'harness', { global: true });
  flushSpans = () => tracing.provider.forceFlush();
  const proxy = storeProxy(port, data.storeConfig);
  const requestLog = createRequestLog(data.logDir);
  const unrouteSdkConsole = routeSdkConsole(requestLog.logger);
  const clients = createClientRegistry({
    baseUrl: data.providerUrl,
    tracer: trace.getTracer('harness.client'),
    logger: requestLog.logger,
  });
  const deps = { store: proxy.store, clients, tracer: trace.getTracer('harness.patterns') };
  const logError = (e: unknown) => process.stderr.write(`harness client worker: ${String(e)}\n`);
  onMessage = (m) => {
    if (m.t === 'define') clients.define(m.name, m.config);
    else if (m.t === 'invoke-port') serveInvokePort(m.port, deps, logError);
    else proxy.answer(m);
  };
  const gauges = setInterval(() => {
    const report: ClientGaugeReport = {};
    for (const [name, c] of clients.all())
      report[name] = { queueDepth: c.load().queued, breakers: c.breakers.states() };
    port.postMessage({ t: 'gauges', clients: report });
  }, GAUGE_EVERY_MS);
  stop = async () => {
    clearInterval(gauges);
    await clients.closeAll();
    await tracing.shutdown();
    unrouteSdkConsole();
    await requestLog.close();
  };
  side.announce({} satisfies ClientWorkerReady);
} catch (e) {
  failWorker(e);
}
