/**
 * Engines agree: the same scenario through the built-in driver and through stock k6 against one
 * in-process harness (embedded store, mock in-process): direct gpt-4o-mini at 600 RPM for 60 s
 * (mock `ideal` at published latencies), then `smoke` as written. Per run: target vs achieved rate,
 * error rate, p50 latency (measured window, warm-up excluded) and whether the store's accounting
 * identity holds (scheduled = ok + errors + dropped + in flight at stop + not started).
 * Goal: achieved within 1 % of each other and of the target; error rate and p50 within 5 %. Both
 * engines see the same population (the store's measured window, warm-up excluded), the same mock
 * settings (each run applies its scenario's) and the same arrivals; a short unmeasured run through
 * each engine primes the process first.
 * Needs k6 on PATH (`bash ../shared/tools/k6/build.sh`). Run: `npx tsx bench/engines.ts` (≈ 3 min).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadScenario } from '../harness/src/scenarios/load';
import { startStack } from '../harness/src/stack';
import { isMain } from './print';

/** The direct-call comparison: 600 RPM for 60 s after a 5 s warm-up. */
const DIRECT = {
  name: 'engines-direct',
  description: 'direct gpt-4o-mini at 600 RPM for 60 s (both engines)',
  mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 128 }],
  client: { retry: true, breaker: true, timeoutMs: 30000 },
  mock: { profile: 'ideal' },
  startRate: 600,
  stages: [{ duration: '65s', target: 600 }],
  warmup: '5s',
  maxInFlight: 1000,
};

interface Row {
  scenario: string;
  engine: string;
  target: number;
  achieved: number;
  errorRate: number;
  p50: number | null;
  identity: boolean;
}

async function runOnce(url: string, body: Record<string, unknown>): Promise<Row> {
  const res = await fetch(`${url}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const started = (await res.json()) as { runId?: string; error?: { message: string } };
  if (!started.runId) throw new Error(`cannot start: ${started.error?.message}`);
  for (;;) {
    const r = (await (await fetch(`${url}/api/runs/${started.runId}`)).json()) as {
      run: { status: string; summary?: { error?: string } };
    };
    if (r.run.status !== 'running') {
      if (r.run.status !== 'completed') throw new Error(`run ${r.run.status}: ${r.run.summary?.error}`);
      break;
    }
    await new Promise((x) => setTimeout(x, 500));
  }
  // biome-ignore lint/suspicious/noExplicitAny: the JSON report
  const report = (await (await fetch(`${url}/api/runs/${started.runId}/report`)).json()) as any;
  const measured = report.accounting.ok + report.accounting.errors;
  return {
    scenario: report.scenario,
    engine: report.engine,
    target: report.requestedRpm,
    achieved: report.achievedRpm,
    errorRate: measured ? report.accounting.errors / measured : 0,
    p50: report.latency.p50,
    identity: report.accounting.identityHolds,
  };
}

const pct = (a: number, b: number) => (b === 0 ? (a === 0 ? 0 : 100) : (Math.abs(a - b) / b) * 100);

/** Run both scenarios through both engines and print the table. */
export async function benchEngines(): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-engines-'));
  const stack = await startStack({
    config: {
      host: '127.0.0.1',
      port: 0,
      otlpPort: 0,
      mockPort: 0,
      token: undefined,
      mock: { host: '127.0.0.1', timeScale: 1, seed: 42 },
      providerUrl: undefined,
    },
    store: { mode: 'embedded', dataDir: dir },
    log: pino({ level: 'silent' }),
    logDir: path.join(dir, 'logs'),
  });
  const rows: Row[] = [];
  try {
    // Prime the process through both engines first (JIT, connection pools, store caches), so the
    // engine measured first does not pay for the warm-up the second one gets for free.
    for (const engine of ['builtin', 'k6'])
      await runOnce(stack.url, { definition: DIRECT, engine, duration: '10s', rate: '120/m' });
    const smoke = await loadScenario('smoke');
    for (const definition of [DIRECT, smoke]) {
      for (const engine of ['builtin', 'k6']) rows.push(await runOnce(stack.url, { definition, engine }));
    }
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('| scenario | engine | target RPM | achieved RPM | error rate | p50 latency ms | identity |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.engine} | ${r.target.toFixed(1)} | ${r.achieved.toFixed(1)} | ${(r.errorRate * 100).toFixed(2)} % | ${r.p50?.toFixed(1) ?? '—'} | ${r.identity ? 'holds' : 'BROKEN'} |`,
    );
  }
  for (let i = 0; i + 1 < rows.length; i += 2) {
    const [b, k] = [rows[i] as Row, rows[i + 1] as Row];
    console.log(
      `${b.scenario}: achieved k6 vs builtin ${pct(k.achieved, b.achieved).toFixed(2)} %, vs target ${pct(k.achieved, k.target).toFixed(2)} % / ${pct(b.achieved, b.target).toFixed(2)} %; ` +
        `error rate ${(b.errorRate * 100).toFixed(2)} % vs ${(k.errorRate * 100).toFixed(2)} %; p50 ${pct(k.p50 ?? 0, b.p50 ?? 0).toFixed(2)} % apart`,
    );
  }
  return rows;
}

if (isMain(import.meta.url)) await benchEngines();
