import type { MessagePort } from 'node:worker_threads';
import { ceilingDir, ceilingWarnings, readCeilings } from '../capacity/ceiling-file';
import type { RunInfo, RunSettings } from '../contracts/live';
import type { TickSnapshot } from '../driver/executor';
import type { DriverRecord } from '../driver/types';
import { planScenario } from '../scenarios/plan';
import { runScenario, type ScenarioRunOptions } from '../scenarios/run';
import { runScenarioWithK6 } from '../scenarios/run-k6';
import type { Scenario } from '../scenarios/schema';
import type { SpanSink } from '../store/span-sink';
import { driveInThread } from '../topology/drive-in-thread';
import type { DriverThread } from '../topology/driver-thread';
import { gitVersion } from '../version';
import type { ActiveRun, RunEvents, StartRun } from './active-run';
import { newRunId } from './active-run';
import { flushAtRunEnd } from './bounded-flush';
import type { RunClientGauges } from './client-gauges';
import type { LoopDelay } from './instrument/loop-delay';
import type { InstrumentSource } from './instrument/run-instrument';
import { startRunInstrument } from './instrument/run-instrument';
import { createLiveTicker } from './live-ticker';
import { loadRequestRow, newRequestIds, type RequestIds, traceparent } from './load-request-span';
import { isolateMock, type MockAdmin, type MockLease } from './mock-isolation';
import type { RunRecord, RunRegistry } from './registry';
import { runInfoOf } from './run-info';

export { type ActiveRun, newRunId, type RunEvents, type StartRun } from './active-run';

/** Where the manager's runs send their requests and record their results. */
export interface RunManagerDeps {
  registry: RunRegistry;
  spans: SpanSink;
  /** The harness's own base URL (builtin target: `/api/invoke`), known once it listens. */
  harnessUrl: () => string;
  token: string | undefined;
  /**
   * The mock's admin API: each run applies its scenario's mock settings whole, resets the mock's
   * state and puts back what it found when it ends (see mock-isolation.ts).
   */
  mockAdmin: MockAdmin | undefined;
  gauges: RunClientGauges;
  events: RunEvents;
  /**
   * Called before a run starts so the invoke path uses a fresh client with this scenario's
   * settings; answers the client's effective settings (recorded with the run).
   */
  prepareClient?: (scenario: Scenario) => Record<string, unknown> | undefined;
  /**
   * Run each driver in its own worker thread (HARNESS_DRIVER_THREAD=1) instead of on this loop;
   * `onThread` hands tests the thread (to crash it).
   */
  driverThread?: { onThread?(runId: string, thread: DriverThread): void };
  /**
   * A fresh invoke port to each client worker alive now, when the harness has them: a built-in run's
   * sends go there (contracts/invoke-port.ts); the run closes them when it ends.
   */
  invokePorts?: () => MessagePort[];
  /** Where each run's instrument error is measured (absent: loop delay only). */
  instrument?: InstrumentSource;
  /** Push every span still buffered (tracers, writer) into the store; awaited before a run ends. */
  flush?: () => Promise<void>;
  log: (msg: string, extra?: object) => void;
}

/**
 * Runs scenarios with the built-in driver inside the harness: registers each run, writes a driver
 * span per scheduled request (dropped ones included) so the store accounts for every request,
 * streams a live tick a second, and records the outcome (completed, failed, aborted).
 */
export function createRunManager(deps: RunManagerDeps) {
  const active = new Map<string, ActiveRun>();

  function start(req: StartRun): ActiveRun {
    const runId = req.runId ?? newRunId();
    const scenario = req.scenario;
    const engine = req.engine ?? 'builtin';
    const plan = planScenario(scenario, req.overrides);
    const abort = new AbortController();
    let failure: string | undefined;
    const ownLoops: LoopDelay[] = [];
    const ids = new Map<number, RequestIds>();
    const record: RunRecord = {
      runId,
      scenario: scenario.name,
      engine,
      status: 'running',
      seed: scenario.seed,
      gitVersion: gitVersion(),
      config: {
        scenario,
        overrides: req.overrides ?? {},
        ...(engine === 'k6' ? { k6Args: req.k6Args ?? [] } : {}),
      },
      settings: null,
      summary: null,
      thresholdsPassed: null,
      startedAt: new Date().toISOString(),
      endedAt: null,
    };
    const ticker = createLiveTicker(
      runId,
      () => deps.gauges(scenario.name),
      (i) => plan.callFor(i).pattern,
    );
    const handle: ActiveRun = {
      info: runInfoOf(record),
      result: Promise.resolve(undefined),
      lastTick: undefined,
      stop: () => abort.abort(),
      fail(reason) {
        failure ??= reason;
        abort.abort();
      },
      noteMockChange(settings) {
        if (!record.settings || record.status !== 'running') return;
        const change = { at: new Date().toISOString(), settings };
        record.settings = {
          ...record.settings,
          mockChanges: [...(record.settings.mockChanges ?? []), change],
        };
        void deps.registry
          .save(record)
          .catch((e: Error) => deps.log('cannot save run', { runId, error: e.message }));
      },
    };
    const onRecord = (r: DriverRecord, given?: RequestIds) => {
      const call = plan.callFor(r.index);
      const rid = given ?? ids.get(r.index) ?? newRequestIds();
      ids.delete(r.index);
      ticker.record(r);
      deps.spans.accept([loadRequestRow(r, call, rid, { runId, scenario: scenario.name })]);
    };
    const client = deps.prepareClient?.(scenario) ?? null;
    // Above this machine's measured ceiling (`harness capacity`) the figures will not be trustworthy.
    for (const w of ceilingWarnings(scenario, req.overrides?.rateRpm, readCeilings(ceilingDir())))
      deps.log(w, { runId });
    handle.result = (async () => {
      await deps.registry.save(record);
      deps.events.started(handle.info);
      // A URL target's own app sits between the driver and the mock: its time is the app's, not
      // the instrument's error, so only the loops and the schedule lateness judge such a run.
      const instrument = startRunInstrument(
        plan.warmupMs,
        deps.instrument,
        deps.log,
        scenario.target.kind === 'url'
          ? "URL target: the user's app sits between the driver and the mock, so its requests are not compared with the mock's ground truth"
          : undefined,
      );
      let lease: MockLease | undefined;
      try {
        if (deps.mockAdmin) {
          lease = await isolateMock(deps.mockAdmin, scenario);
          deps.events.mockConfig?.(lease.applied);
        }
        record.settings = { mock: lease?.applied ?? null, client } satisfies RunSettings;
        await deps.registry.save(record);
        // Both engines run under the same isolation, spans, ticks and judgement; only the sender differs.
        const drive =
          engine === 'k6'
            ? (sc: Scenario, o: ScenarioRunOptions) =>
                runScenarioWithK6(sc, { ...o, k6Args: req.k6Args ?? [] })
            : runScenario;
        const onTick = (snap: TickSnapshot) => {
          handle.lastTick = ticker.tick(snap);
          deps.events.tick(handle.lastTick);
        };
        const invokePorts =
          engine !== 'k6' && scenario.target.kind !== 'url' ? deps.invokePorts?.() : undefined;
        const job = {
          scenario,
          runId,
          harnessUrl: deps.harnessUrl(),
          invokePorts,
          token: deps.token,
          overrides: req.overrides,
        };
        const result =
          deps.driverThread && engine !== 'k6'
            ? await driveInThread(job, plan, {
                signal: abort.signal,
                onRecord,
                onTick,
                onLoop: (d) => ownLoops.push(d),
                onThread: (t) => deps.driverThread?.onThread?.(runId, t),
              })
            : await drive(scenario, {
                runId,
                harnessUrl: job.harnessUrl,
                ...(invokePorts ? { invokePorts } : {}),
                ...(deps.token ? { token: deps.token } : {}),
                ...(req.overrides ? { overrides: req.overrides } : {}),
                signal: abort.signal,
                headersFor: (index) => {
                  const rid = newRequestIds();
                  ids.set(index, rid);
                  return { traceparent: traceparent(rid) };
                },
                onRecord,
                onTick,
              });
        await flushAtRunEnd(deps.flush, deps.log, runId);
        const last = ticker.final();
        if (last) {
          handle.lastTick = last;
          deps.events.tick(last);
        }
        const { records: _records, ...summary } = result.summary;
        const measured = await instrument.finish(runId, summary.lateness.p99, ownLoops);
        // A run that measured nothing (or nothing a threshold names) proves nothing: it fails; so
        // does one whose worker thread died under it (`fail`), with that reason.
        const error = failure ?? (result.summary.aborted ? null : result.noData);
        Object.assign(record, {
          status: error !== null ? 'failed' : result.summary.aborted ? 'aborted' : 'completed',
          summary: { ...result, summary, instrument: measured, ...(error !== null ? { error } : {}) },
          thresholdsPassed: failure ? false : result.passed,
          endedAt: new Date().toISOString(),
        });
        return result;
      } catch (e) {
        instrument.cancel();
        const message = failure ? `${failure} (${(e as Error).message})` : (e as Error).message;
        deps.log('run failed', { runId, error: message });
        Object.assign(record, {
          status: 'failed',
          summary: { error: message },
          endedAt: new Date().toISOString(),
        });
        throw e;
      } finally {
        if (lease) {
          const { found } = lease;
          await lease.restore().then(
            () => deps.events.mockConfig?.(found),
            (e: Error) => deps.log('cannot put back the mock settings', { runId, error: e.message }),
          );
        }
        await deps.registry
          .save(record)
          .catch((e: Error) => deps.log('cannot save run', { runId, error: e.message }));
        handle.info = runInfoOf(record);
        active.delete(runId);
        deps.events.finished(handle.info);
      }
    })();
    handle.result.catch(() => {});
    active.set(runId, handle);
    return handle;
  }

  return {
    start,
    /** Stop a running run; its status becomes `aborted`. False when no such run is active. */
    stop(runId: string): boolean {
      const run = active.get(runId);
      run?.stop();
      return run !== undefined;
    },
    active: (): ActiveRun[] => [...active.values()],
    /** Fail the active runs `which` picks (all by default) with `reason`: a thread they depend on died. */
    failAll(reason: string, which: (run: RunInfo) => boolean = () => true): void {
      for (const r of active.values()) if (which(r.info)) r.fail(reason);
    },
    /** Stop everything (harness shutdown) and wait for the runs to record their end. */
    async stopAll(): Promise<void> {
      const runs = [...active.values()];
      for (const r of runs) r.stop();
      await Promise.allSettled(runs.map((r) => r.result));
    },
  };
}

export type RunManager = ReturnType<typeof createRunManager>;
