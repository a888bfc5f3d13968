/**
 * Instrument error (issue 19): does the harness measure what the mock did? Three topologies side
 * by side: `threads` (the default topology of `harness up`/`run`/`npm start`: driver, mock and K
 * client workers on threads of their own), `one loop` (store, mock, client, driver on one event
 * loop — the old default), `mock apart` (the mock in its own process, `harness mock` +
 * HARNESS_PROVIDER_URL, its spans over OTLP) and `driver thread` (only the driver's schedule on its
 * own thread). Each drives `streaming-ramp` at 1,000 RPM and `direct-ramp` at 3,000 RPM at a constant
 * rate, and each run's stored "Instrument error" section is read back: schedule lateness,
 * per-request TTFT and e2e error against the mock's ground truth, the mock's own lateness, and
 * event-loop delay with the process's CPU use and the machine's load.
 * Goals: lateness p99 < 5 ms; streaming TTFT error p50 < 1 ms, p99 < 10 ms; direct e2e error p99
 * < 10 ms. `BENCH_INSTRUMENT_SECONDS` sets the measured length of each run (default 120; the
 * scenarios' 10 s warm-up comes on top).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { defaultTopology, type Topology } from '../harness/src/config';
import { buildRunReport } from '../harness/src/runs/report/report-data';
import { loadScenario } from '../harness/src/scenarios/load';
import { startStack } from '../harness/src/stack';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const f = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} ms`);

async function measure(
  stack: Awaited<ReturnType<typeof startStack>>,
  scenarioName: string,
  rpm: number,
  seconds: number,
) {
  const scenario = await loadScenario(scenarioName);
  const warmupMs = 10_000;
  const run = stack.runs.manager.start({
    scenario: { ...scenario, warmup: '10s' },
    overrides: { rateRpm: rpm, durationMs: seconds * 1000 + warmupMs },
  });
  await run.result;
  const record = await stack.runs.registry.get(run.info.runId);
  if (!record) throw new Error(`run ${run.info.runId} not recorded`);
  return buildRunReport(stack.store, record);
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** `harness mock` in a child process, its spans to `otlpUrl`; resolves with its URL. */
async function startMockProcess(otlpUrl: string) {
  const bin = new URL('../harness/bin/harness.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'mock'], {
    env: { ...process.env, MOCK_PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  while (!/mock providers on (\S+)/.test(text)) {
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    text += chunk.toString();
  }
  child.stdout.resume();
  return { url: /mock providers on (\S+)/.exec(text)?.[1] as string, stop: () => child.kill('SIGINT') };
}

const TOPOLOGIES = ['threads', 'one loop', 'mock apart', 'driver thread', 'driver+mock threads'] as const;
type TopologyName = (typeof TOPOLOGIES)[number];

/** The threads each arm gives its own loop (`threads` is what `harness up`/`run`/`npm start` use). */
function workersOf(topology: TopologyName): Topology | undefined {
  if (topology === 'threads') return defaultTopology();
  if (topology === 'driver thread') return { client: 0, mock: 0, driverThread: true };
  if (topology === 'driver+mock threads') return { client: 0, mock: 1, driverThread: true };
  // explicit, so HARNESS_DRIVER_THREAD in the shell cannot turn these arms into another
  return { client: 0, mock: 0, driverThread: false };
}

/**
 * Both runs, one after the other, on one harness per topology. `BENCH_TOPOLOGIES` (comma-separated)
 * picks arms; default all.
 */
export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const picked = (process.env.BENCH_TOPOLOGIES?.split(',') ?? TOPOLOGIES).map((t) => t.trim());
  for (const topology of TOPOLOGIES.filter((t) => picked.includes(t)))
    out.push(...(await runTopology(topology)));
  return out;
}

async function runTopology(topology: TopologyName): Promise<BenchResult[]> {
  const workers = workersOf(topology);
  const seconds = Number(process.env.BENCH_INSTRUMENT_SECONDS ?? 120);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-instrument-'));
  // the separate mock needs the receiver's port before the harness starts: take a free one
  const otlpPort = await freePort();
  const mock = topology === 'mock apart' ? await startMockProcess(`http://127.0.0.1:${otlpPort}`) : undefined;
  const stack = await startStack({
    config: {
      host: '127.0.0.1',
      port: 0,
      otlpPort: mock ? otlpPort : 0,
      mockPort: 0,
      token: undefined,
      mock: { host: '127.0.0.1' },
      providerUrl: mock?.url,
      ...(workers ? { workers } : {}),
    },
    store: { mode: 'embedded', dataDir: dir },
    log: pino({ level: 'warn' }),
    logDir: path.join(dir, 'logs'),
  });
  const out: BenchResult[] = [];
  try {
    for (const [scenario, rpm, stream] of [
      ['streaming-ramp', 1000, true],
      ['direct-ramp', 3000, false],
    ] as const) {
      const r = await measure(stack, scenario, rpm, seconds);
      const i = r.instrument;
      const late = r.lateness.p99;
      const err = stream ? i?.ttftError : i?.e2eError;
      const loops = i?.loops.map(
        (l) => `${l.name} loop delay p50 ${f(l.p50)} p99 ${f(l.p99)} max ${f(l.max)}`,
      );
      const pass =
        late !== null &&
        late < 5 &&
        err?.p99 != null &&
        err.p99 < 10 &&
        (!stream || (err.p50 != null && err.p50 < 1));
      out.push({
        goal: `${scenario.replace('-ramp', '')} ${rpm.toLocaleString('en')} RPM, ${topology}: lateness p99 < 5 ms, ${stream ? 'TTFT error p50 < 1 ms, p99 < 10 ms' : 'e2e error p99 < 10 ms'}`,
        measured:
          `${seconds} s measured, ${r.achievedRpm.toFixed(0)} RPM achieved, ${i?.compared ?? 0} compared: lateness p50 ${f(r.lateness.p50)} p99 ${f(late)} max ${f(r.lateness.max)}; ` +
          `TTFT error p50 ${f(i?.ttftError.p50)} p99 ${f(i?.ttftError.p99)} max ${f(i?.ttftError.max)}; ` +
          `e2e error p50 ${f(i?.e2eError.p50)} p99 ${f(i?.e2eError.p99)}; mock lateness p50 ${f(i?.mockLateness.p50)} p99 ${f(i?.mockLateness.p99)}; ${loops?.join(', ') ?? ''}` +
          ` (CPU ${i?.loops[0]?.cpuCores.toFixed(2) ?? '—'} cores, machine load ${i?.loops[0]?.machineLoad.toFixed(1) ?? '—'})` +
          (i?.unreliable ? ` — UNRELIABLE: ${i.reasons.join('; ')}` : ''),
        ratio: err?.p99 != null ? err.p99 / 10 : null,
        pass,
      });
    }
  } finally {
    await stack.close();
    mock?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'instrument-error' })));
