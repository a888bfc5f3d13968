/**
 * The driver's own thread: runs one scenario's open-model schedule on an event loop that does
 * nothing else, so requests fire on time whatever the harness's main loop (client, mock, spans,
 * API) is doing. Talks to the main thread by messages only (see driver-thread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { monitorLoopDelay } from '../runs/instrument/loop-delay';
import { traceparent } from '../runs/load-request-span';
import { planScenario } from '../scenarios/plan';
import { runScenario } from '../scenarios/run';
import { derivedRequestIds } from './derived-ids';
import type { DriverJob, FromDriver, ToDriver } from './driver-messages';

/**
 * The wake-up margin on this thread's own loop, ms. Why not the default 8: nothing else runs here to
 * make a timer late, and polling 8 ms before every send kept this thread runnable for up to 8 of the
 * 20 ms between sends at 3,000 RPM, competing for the 2 cores with the threads it measures.
 * Lateness p99 at direct 3,000 RPM, 30 s runs: 10.5 and 10.6 ms with 8, 4.0 and 6.2 ms with 1,
 * 5.3 ms with 0 and with 2 (one run each).
 */
const TIMER_MARGIN_MS = 1;

const port = parentPort;
if (!port) throw new Error('driver-worker.ts runs only as a worker thread');
const job = (workerData as { job: DriverJob }).job;
const abort = new AbortController();
const post = (m: FromDriver) => port.postMessage(m);

port.on('message', (m: ToDriver) => {
  if (m.t === 'stop') abort.abort();
  // a crash on demand, so the crash path (run fails, nothing counted twice or lost) is testable
  if (m.t === 'crash')
    setImmediate(() => {
      throw new Error('driver thread crash requested');
    });
});

// this thread's own loop delay over the measured window, reported with the run's end
const loop = monitorLoopDelay('driver thread');
const warmupMs = planScenario(job.scenario, job.overrides).warmupMs;
if (warmupMs > 0) setTimeout(() => loop.reset(), warmupMs).unref();

runScenario(job.scenario, {
  runId: job.runId,
  harnessUrl: job.harnessUrl,
  ...(job.token ? { token: job.token } : {}),
  ...(job.overrides ? { overrides: job.overrides } : {}),
  ...(job.invokePorts ? { invokePorts: job.invokePorts } : {}),
  signal: abort.signal,
  timerMarginMs: TIMER_MARGIN_MS,
  headersFor: (index) => {
    post({ t: 'sent', index });
    return { traceparent: traceparent(derivedRequestIds(job.runId, index)) };
  },
  onRecord: (record) => post({ t: 'record', record }),
  onTick: (snapshot) => post({ t: 'tick', snapshot }),
}).then(
  (result) => {
    post({ t: 'done', result, loop: loop.stop() });
    port.close();
  },
  (e: Error) => {
    post({ t: 'error', message: e.message });
    port.close();
  },
);
