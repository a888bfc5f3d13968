/**
 * The mock providers on their own thread (`HARNESS_MOCK_WORKERS=1`, the default): token pacing and
 * socket writes run on a loop that the harness's client, driver and store never delay, and its
 * ground-truth spans go to the main thread's span writer by message.
 */
import { createMockServer } from 'mock-providers';
import { createTracing } from '../telemetry/instrumentation';
import { portSpanSink } from './port-span-sink';
import { failWorker, workerSide } from './worker-side';

/** What the mock thread is started with (the in-process mock's options, minus the tracer). */
export interface MockWorkerData {
  port: number;
  host: string;
  seed?: number;
  timeScale?: number;
  profile?: string;
}

/** What it announces once listening. */
export interface MockWorkerReady {
  url: string;
  port: number;
  host: string;
}

let stop: () => Promise<void> = async () => {};
let flushSpans: () => Promise<void> = async () => {};
const side = workerSide<MockWorkerData, never>({
  flushSpans: () => flushSpans(),
  close: () => stop(),
});
try {
  const tracing = createTracing(portSpanSink(side.port), 'mock-providers');
  flushSpans = () => tracing.provider.forceFlush();
  const { data } = side;
  const server = await createMockServer({ ...data, tracerProvider: tracing.provider });
  stop = async () => {
    await server.close();
    await tracing.shutdown();
  };
  side.announce({ url: server.url, port: server.port, host: server.host } satisfies MockWorkerReady);
} catch (e) {
  failWorker(
    (e as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new Error(`port ${side.data.port} is already in use (MOCK_PORT)`)
      : e,
  );
}
