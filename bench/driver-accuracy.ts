/**
 * Driver accuracy: does the open-model driver start requests when it says it does? Two senders:
 * an in-process no-op (measures the scheduler alone) and real HTTP via the URL target against a
 * trivial server in a child process (end to end, the server not sharing our event loop). Rates
 * 10, 100, 1,000 and 30,000 RPM; the two low rates run side by side for 30 s (they are idle
 * 99 % of the time), the high ones 10 s each after a 1 s warm-up; a 2 s run through both senders
 * warms the JIT and connection pool first. Total ≈ 80 s.
 * Goal per rate: achieved within 1 % of target, lateness p99 < 5 ms, nothing dropped.
 * Achieved rate = (sent − 1) / (last send − first send): exact for an evenly spaced schedule.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { runOpenModel } from '../harness/src/driver/executor';
import { constantSchedule } from '../harness/src/driver/schedule';
import type { RunSummary } from '../harness/src/driver/summary';
import { urlTarget } from '../harness/src/driver/targets';
import type { Send } from '../harness/src/driver/types';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const SERVER = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => s.end('ok')); })
  .listen(0, '127.0.0.1', function () { console.log(this.address().port); });`;

/** Start the trivial HTTP server in a child process; resolves with its URL and a stop function. */
async function startServer(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${chunk.toString().trim()}/`, stop: () => child.kill() };
}

async function measure(label: string, rpm: number, durationMs: number, warmupMs: number, send: Send) {
  const s = await runOpenModel({
    schedule: constantSchedule(rpm, durationMs + warmupMs),
    maxInFlight: 10_000,
    warmupMs,
    send,
  });
  return toResult(label, rpm, durationMs, s);
}

function toResult(label: string, rpm: number, durationMs: number, s: RunSummary): BenchResult {
  const sent = s.records
    .flatMap((r) => (r.kind === 'completed' && !r.warmup ? [r.sentAt] : []))
    .sort((a, b) => a - b);
  const span = (sent.at(-1) ?? 0) - (sent[0] ?? 0);
  const achieved = sent.length > 1 && span > 0 ? ((sent.length - 1) * 60_000) / span : 0;
  const ratio = achieved / rpm;
  const p99 = s.lateness.p99 ?? Number.POSITIVE_INFINITY;
  const complete = s.measured.ok === s.measured.scheduled && s.measured.dropped === 0;
  return {
    goal: `${label} at ${rpm.toLocaleString('en-US')} RPM: achieved within 1 % of target, lateness p99 < 5 ms`,
    measured:
      `${achieved.toFixed(2)} RPM achieved over ${durationMs / 1000} s (${sent.length}/${s.measured.scheduled} sent ok), ` +
      `lateness p50 ${(s.lateness.p50 ?? 0).toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${(s.lateness.max ?? 0).toFixed(2)} ms`,
    ratio,
    pass: Math.abs(ratio - 1) <= 0.01 && p99 < 5 && complete,
  };
}

/** Run every rate through both senders. */
export async function run(): Promise<BenchResult[]> {
  const noop: Send = async () => ({ status: 'ok' });
  const server = await startServer();
  try {
    const target = urlTarget({ url: server.url, runId: 'bench', scenario: 'driver-accuracy' });
    const http: Send = (req) =>
      target.send({ pattern: 'direct', provider: 'openai', model: 'gpt-4o-mini' }, req.signal);
    await target.probe();
    // Warm the JIT and the connection pool first, so a one-off compile pause is not read as lateness.
    for (const send of [noop, http]) {
      await runOpenModel({ schedule: constantSchedule(3_000, 2_000), maxInFlight: 10_000, send });
    }
    const low = await Promise.all([
      measure('no-op sender', 10, 30_000, 0, noop),
      measure('no-op sender', 100, 30_000, 0, noop),
      measure('HTTP sender', 10, 30_000, 0, http),
      measure('HTTP sender', 100, 30_000, 0, http),
    ]);
    const high: BenchResult[] = [];
    for (const rpm of [1_000, 30_000]) {
      high.push(await measure('no-op sender', rpm, 10_000, 1_000, noop));
      high.push(await measure('HTTP sender', rpm, 10_000, 1_000, http));
    }
    return [low[0]!, low[1]!, high[0]!, high[2]!, low[2]!, low[3]!, high[1]!, high[3]!];
  } finally {
    server.stop();
  }
}

if (isMain(import.meta.url)) {
  printResults((await run()).map((r) => ({ ...r, bench: 'driver-accuracy' })));
}
