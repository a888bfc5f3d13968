/**
 * A client worker (`HARNESS_CLIENT_WORKERS`): the built-in driver's `/api/invoke` on a thread of
 * its own — patterns, instrumented client and SSE reading run here, off the loop that serves the
 * API, the live feed and the store, so a client reads its first byte when it arrives. Spans go to
 * the main thread's span writer by message; store reads and writes are forwarded to the main
 * thread (store-proxy.ts).
 */
import { trace } from '@opentelemetry/api';
import express from 'express';
import { routeSdkConsole } from '../client/sdk-console';
import { createRequestLog } from '../log-files';
import { requireToken, sameOriginOnly } from '../server/auth';
import { createClientRegistry } from '../server/client-registry';
import { errorHandler, notFound } from '../server/http-errors';
import { invokeRoutes } from '../server/routes/invoke';
import { createTracing } from '../telemetry/instrumentation';
import type {
  ClientGaugeReport,
  ClientWorkerData,
  ClientWorkerReady,
  ToClientWorker,
} from './client-worker-messages';
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
  onMessage = (m) => {
    if (m.t === 'define') clients.define(m.name, m.config);
    else proxy.answer(m);
  };
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: 1024 * 1024 }));
  const api = express.Router();
  // the driver's probe
  api.get('/health', (_req, res) => void res.json({ ok: true }));
  // the same guards as the harness's own API: a page in a browser may not drive it (DNS rebinding)
  api.use(sameOriginOnly(data.token));
  api.use(requireToken(data.token));
  api.use(invokeRoutes({ store: proxy.store, clients, tracer: trace.getTracer('harness.patterns') }));
  api.use(notFound);
  app.use('/api', api);
  app.use(errorHandler((e) => process.stderr.write(`harness client worker: ${String(e)}\n`)));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('client worker has no TCP address');
  const gauges = setInterval(() => {
    const report: ClientGaugeReport = {};
    for (const [name, c] of clients.all())
      report[name] = { queueDepth: c.load().queued, breakers: c.breakers.states() };
    port.postMessage({ t: 'gauges', clients: report });
  }, GAUGE_EVERY_MS);
  stop = async () => {
    clearInterval(gauges);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await clients.closeAll();
    await tracing.shutdown();
    unrouteSdkConsole();
    await requestLog.close();
  };
  side.announce({ url: `http://127.0.0.1:${address.port}` } satisfies ClientWorkerReady);
} catch (e) {
  failWorker(e);
}
