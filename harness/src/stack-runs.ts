import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import type { LiveTick, RunInfo } from './contracts/live';
import { flushWithin } from './runs/bounded-flush';
import type { RunClientGauges } from './runs/client-gauges';
import { queryComparedRequests } from './runs/instrument/instrument-error';
import type { LoopDelay } from './runs/instrument/loop-delay';
import { mockAdminAt } from './runs/mock-isolation';
import { type RunRegistry, runRegistry } from './runs/registry';
import { createRunManager, type RunManager } from './runs/run-manager';
import { runSecondsWriter } from './runs/run-seconds-writer';
import type { ClientRegistry } from './server/client-registry';
import { attachLiveSocket, type LiveServer } from './server/live-socket';
import { clientConfigFromScenario } from './server/scenario-client-config';
import type { Store } from './store/client';
import type { SpanWriter } from './store/span-writer';
import type { ClientWorkers } from './topology/client-workers';
import { mergeGauges } from './topology/merge-gauges';

/** Runs and their live feed, as the stack wires them. */
export interface RunsWiring {
  registry: RunRegistry;
  manager: RunManager;
  /** Attach socket.io once the HTTP server exists; starts the 1 s span-health feed. */
  attach(http: HttpServer, harnessUrl: string): LiveServer;
  /** Broadcast an event to every dashboard. */
  emit: LiveServer['emit'];
  close(): Promise<void>;
}

/**
 * Breaker states and queue depth of the one client a run uses (its scenario's, fresh for the run),
 * so the live view never shows another run's or another caller's state.
 */
function gauges(clients: ClientRegistry): RunClientGauges {
  return (name) => {
    const c = clients.all().get(name);
    return c
      ? { queueDepth: c.load().queued, breakers: c.breakers.states() }
      : { queueDepth: 0, breakers: {} };
  };
}

/**
 * The run registry (orphans of a killed harness marked `aborted` first), the run manager driving
 * scenarios against this harness, and the socket.io feed: run events and span-pipeline health.
 */
export async function wireRuns(deps: {
  store: Store;
  spans: SpanWriter;
  clients: ClientRegistry;
  token: string | undefined;
  /** The mock's origin (in-process or HARNESS_PROVIDER_URL): runs apply and put back its settings there. */
  mockUrl: string | undefined;
  /** Push every span still in a tracer's batch into the span writer (before it is flushed). */
  flushTracing: () => Promise<void>;
  /** Each built-in run's driver on its own thread. */
  driverThread: boolean;
  /** The client workers serving the built-in driver's invoke path, if the harness has them. */
  clientWorkers: ClientWorkers | undefined;
  /** The worker threads whose loop delay every run reports (mock, client workers). */
  threads: () => Array<{ markLoop(): void; readLoop(): Promise<LoopDelay | undefined> }>;
  log: Logger;
}): Promise<RunsWiring> {
  const registry = runRegistry(deps.store);
  const aborted = await registry.abortOrphans();
  if (aborted.length)
    deps.log.warn({ runs: aborted }, 'runs left running by a previous harness were marked aborted');
  let io: LiveServer | undefined;
  let url = '';
  let timer: NodeJS.Timeout | undefined;
  // Each tick's gauges into the store, so a finished run's Live view shows them too.
  const seconds = runSecondsWriter(deps.store);
  const manager: RunManager = createRunManager({
    registry,
    spans: deps.spans,
    harnessUrl: () => url,
    token: deps.token,
    mockAdmin: deps.mockUrl ? mockAdminAt(deps.mockUrl) : undefined,
    // A run's client lives in the client workers (built-in sends) and in the main loop's registry
    // (k6 and other callers of /api/invoke): the live view shows both, merged.
    gauges: (name) => {
      const own = gauges(deps.clients)(name);
      const workers = deps.clientWorkers?.gauges(name);
      return workers ? mergeGauges([{ [name]: own }, { [name]: workers }], name) : own;
    },
    ...(deps.driverThread ? { driverThread: {} } : {}),
    ...(deps.clientWorkers
      ? { invokePorts: () => (deps.clientWorkers as ClientWorkers).openInvokePorts() }
      : {}),
    instrument: {
      otherLoops: {
        mark: () => {
          for (const t of deps.threads()) t.markLoop();
        },
        read: async () =>
          (await Promise.all(deps.threads().map((t) => t.readLoop()))).filter(
            (d): d is LoopDelay => d !== undefined,
          ),
      },
      async compared(runId) {
        // the run's end already flushed (or gave up on a store that is down): a short wait here
        await flushWithin(async () => {
          await deps.flushTracing();
          await deps.spans.flush();
        }, 3_000);
        return queryComparedRequests(deps.store, runId);
      },
    },
    prepareClient: (s) => {
      deps.clients.define(s.name, clientConfigFromScenario(s.client));
      deps.clientWorkers?.define(s.name, clientConfigFromScenario(s.client));
      const config = deps.clients.all().get(s.name)?.config;
      return config ? (JSON.parse(JSON.stringify(config)) as Record<string, unknown>) : undefined;
    },
    flush: async () => {
      await deps.flushTracing();
      await Promise.all([deps.spans.flush(), seconds.flush()]);
    },
    events: {
      started: (run: RunInfo) => io?.emit('run:started', run),
      tick: (tick: LiveTick) => {
        seconds.record(tick);
        io?.emit('run:tick', tick);
      },
      finished: (run: RunInfo) => io?.emit('run:finished', run),
      mockConfig: (settings) => io?.emit('mock:config', settings),
    },
    log: (msg, extra) => deps.log.warn(extra ?? {}, msg),
  });
  return {
    registry,
    manager,
    attach(http, harnessUrl) {
      url = harnessUrl;
      io = attachLiveSocket(http, {
        token: deps.token,
        state: () => ({
          runs: manager.active().map((r) => r.info),
          ticks: manager.active().flatMap((r) => (r.lastTick ? [r.lastTick] : [])),
        }),
      });
      timer = setInterval(() => {
        const { received, exported, dropped, queued, retried, consecutiveFailures, lastError } =
          deps.spans.stats();
        io?.emit('spans:health', {
          received,
          exported,
          dropped,
          queued,
          retried,
          consecutiveFailures,
          lastError,
        });
      }, 1000);
      timer.unref();
      return io;
    },
    // biome-ignore lint/suspicious/noExplicitAny: forwards the typed emit unchanged
    emit: ((event: any, ...args: any[]) => io?.emit(event, ...args) ?? false) as LiveServer['emit'],
    async close() {
      clearInterval(timer);
      await manager.stopAll();
      await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
    },
  };
}
