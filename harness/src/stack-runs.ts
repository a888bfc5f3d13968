import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import type { LiveTick, RunInfo } from './contracts/live';
import { queryComparedRequests } from './runs/instrument/instrument-error';
import { type RunRegistry, runRegistry } from './runs/registry';
import { createRunManager, type RunManager } from './runs/run-manager';
import type { ClientRegistry } from './server/client-registry';
import { attachLiveSocket, type LiveServer } from './server/live-socket';
import { clientConfigFromScenario } from './server/scenario-client-config';
import type { Store } from './store/client';
import type { SpanWriter } from './store/span-writer';

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

/** Breaker states and queue depth across every client the harness built. */
function gauges(clients: ClientRegistry) {
  return () => {
    let queueDepth = 0;
    const breakers: Record<string, string> = {};
    for (const c of clients.all().values()) {
      queueDepth += c.load().queued;
      Object.assign(breakers, c.breakers.states());
    }
    return { queueDepth, breakers };
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
  mockUrl: string | undefined;
  /** Push every span still in a tracer's batch into the span writer (before it is flushed). */
  flushTracing: () => Promise<void>;
  log: Logger;
}): Promise<RunsWiring> {
  const registry = runRegistry(deps.store);
  const aborted = await registry.abortOrphans();
  if (aborted.length)
    deps.log.warn({ runs: aborted }, 'runs left running by a previous harness were marked aborted');
  let io: LiveServer | undefined;
  let url = '';
  let timer: NodeJS.Timeout | undefined;
  const manager: RunManager = createRunManager({
    registry,
    spans: deps.spans,
    harnessUrl: () => url,
    token: deps.token,
    mockUrl: deps.mockUrl,
    gauges: gauges(deps.clients),
    instrument: {
      async compared(runId) {
        await deps.flushTracing();
        await deps.spans.flush();
        return queryComparedRequests(deps.store, runId);
      },
    },
    prepareClient: (s) => deps.clients.define(s.name, clientConfigFromScenario(s.client)),
    events: {
      started: (run: RunInfo) => io?.emit('run:started', run),
      tick: (tick: LiveTick) => io?.emit('run:tick', tick),
      finished: (run: RunInfo) => io?.emit('run:finished', run),
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
