/**
 * The main thread's client workers: K threads, each serving the built-in driver's `/api/invoke`
 * with its own instrumented clients. The driver spreads its requests over them; a scenario's client
 * settings reach every one; their gauges are merged for the live view; their spans and store calls
 * arrive here.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { ClientConfigInput } from '../client/config';
import type { Store } from '../store/client';
import type { SpanSink } from '../store/span-sink';
import type {
  ClientGaugeReport,
  ClientWorkerData,
  ClientWorkerReady,
  FromClientWorker,
  ToClientWorker,
} from './client-worker-messages';
import { type HarnessWorker, startHarnessWorker } from './harness-worker';
import { mergeGauges } from './merge-gauges';
import { answerStoreCall } from './store-proxy';

/** How many times one worker slot is replaced before the pool gives up on it. */
const RESPAWNS_PER_SLOT = 5;

/** The running client workers. */
export interface ClientWorkers {
  /**
   * A fresh invoke port to each worker alive now, for one run's sends (contracts/invoke-port.ts):
   * a dead worker has none until its replacement is ready, so a run that starts in between uses the
   * others. The caller closes them (the run's target does, at its end).
   */
  openInvokePorts(): MessagePort[];
  /** How many workers are alive now. */
  readonly alive: number;
  /** Give every worker a scenario's client settings before its run. */
  define(name: string, config: ClientConfigInput): void;
  /** Queue depth (summed) and breaker states (worst per provider/model) of a client over workers. */
  gauges(name: string): { queueDepth: number; breakers: Record<string, string> };
  flush(): Promise<void>;
  close(): Promise<void>;
  /** The workers themselves (tests crash one). */
  workers: HarnessWorker<ClientWorkerReady, ToClientWorker>[];
}

/**
 * Start `count` client workers; resolves once all listen. A worker that dies is reported through
 * `onCrash` (its run fails there) and replaced, so the next run has all K again.
 */
export async function startClientWorkers(opts: {
  count: number;
  data: ClientWorkerData;
  store: Store;
  spans: SpanSink;
  onCrash: (reason: string) => void;
}): Promise<ClientWorkers> {
  const reports: ClientGaugeReport[] = [];
  const alive: boolean[] = [];
  const workers: HarnessWorker<ClientWorkerReady, ToClientWorker>[] = [];
  const defined = new Map<string, ClientConfigInput>();
  const respawns: number[] = [];
  let closing = false;
  const spawn = (i: number) => {
    const worker: HarnessWorker<ClientWorkerReady, ToClientWorker> = startHarnessWorker<
      ClientWorkerReady,
      FromClientWorker,
      ToClientWorker
    >({
      name: `client worker ${i + 1}`,
      entry: new URL('./client-worker.ts', import.meta.url),
      data: opts.data,
      spans: opts.spans,
      onMessage: (m) => {
        if (m.t === 'gauges') reports[i] = m.clients;
        else void answerStoreCall(opts.store, m).then((answer) => worker.post(answer));
      },
      onCrash: (reason) => {
        reports[i] = {};
        alive[i] = false;
        opts.onCrash(reason);
        if (closing) return;
        // A replacement only for a worker that had started (one that cannot start would loop),
        // and at most RESPAWNS_PER_SLOT of them: a worker that keeps dying is left dead.
        void worker.ready.then(
          () => {
            respawns[i] = (respawns[i] ?? 0) + 1;
            if (closing || (respawns[i] ?? 0) > RESPAWNS_PER_SLOT) return;
            const next = spawn(i);
            void next.ready.then(
              () => {
                alive[i] = true;
              },
              () => {},
            );
          },
          () => {},
        );
      },
    });
    workers[i] = worker;
    // a replacement learns the settings of the scenarios defined so far
    for (const [name, config] of defined) worker.post({ t: 'define', name, config });
    return worker;
  };
  for (let i = 0; i < opts.count; i++) spawn(i);
  try {
    await Promise.all(workers.map((w) => w.ready));
    workers.forEach((_, i) => {
      alive[i] = true;
    });
    return {
      openInvokePorts: () =>
        workers.flatMap((w, i) => {
          if (!alive[i]) return [];
          const { port1, port2 } = new MessageChannel();
          w.post({ t: 'invoke-port', port: port1 }, [port1]);
          return [port2];
        }),
      get alive() {
        return alive.filter(Boolean).length;
      },
      define: (name, config) => {
        defined.set(name, config);
        for (const w of workers) w.post({ t: 'define', name, config });
      },
      gauges: (name) => mergeGauges(reports, name),
      flush: async () => {
        await Promise.all(workers.map((w) => w.flush()));
      },
      close: async () => {
        closing = true;
        await Promise.all(workers.map((w) => w.close()));
      },
      workers,
    };
  } catch (e) {
    closing = true;
    await Promise.all(workers.map((w) => w.close()));
    throw e;
  }
}
