/**
 * `/v1/responses` beside `/v1/chat/completions` on the mock: throughput and per-request latency
 * (p50/p99) of the same ask, whole and streamed, at concurrency 50 and timeScale 0 — what it costs
 * the mock to serve each API. One mock process (`unlimited`: no 429s in the way) serves every arm;
 * the four arms run back to back in a rotating order for `BENCH_ROUNDS` rounds (default 6) of
 * `BENCH_MS` each (default 2 s), so each sees the same machine load; the ratios are taken over the
 * summed rounds. Informational: no goal, only errors fail it. `npm run bench -- responses`.
 */
import { Agent, request } from 'node:http';
import { spawnServer } from './mock-load';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const DURATION_MS = Number(process.env.BENCH_MS ?? 2000);
const CONCURRENCY = 50;
const PROMPT = 'Summarise load testing in one line.';

interface Arm {
  name: string;
  path: string;
  body: string;
}

const ARMS: readonly Arm[] = [
  {
    name: 'chat',
    path: '/v1/chat/completions',
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: 40,
    }),
  },
  {
    name: 'responses',
    path: '/v1/responses',
    body: JSON.stringify({ model: 'gpt-4o-mini', input: PROMPT, max_output_tokens: 40 }),
  },
  {
    name: 'chat stream',
    path: '/v1/chat/completions',
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: 40,
      stream: true,
      stream_options: { include_usage: true },
    }),
  },
  {
    name: 'responses stream',
    path: '/v1/responses',
    body: JSON.stringify({ model: 'gpt-4o-mini', input: PROMPT, max_output_tokens: 40, stream: true }),
  },
];

/** One POST; resolves its status, the bytes of its body and the ms until the body ended. */
function timedPost(agent: Agent, port: number, arm: Arm, key: string) {
  return new Promise<{ status: number; bytes: number; ms: number }>((resolve, reject) => {
    const t0 = performance.now();
    const req = request({
      host: '127.0.0.1',
      port,
      path: arm.path,
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    });
    req.on('response', (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end(arm.body);
  });
}

interface ArmRun {
  done: number;
  errors: number;
  seconds: number;
  bytes: number;
  latencies: number[];
}

/** Closed loop: `CONCURRENCY` workers (one API key each) post back to back for `DURATION_MS`. */
async function measure(port: number, arm: Arm): Promise<ArmRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const warmEnd = performance.now() + 300;
  while (performance.now() < warmEnd)
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => timedPost(agent, port, arm, `b-${w}`)));
  const out: ArmRun = { done: 0, errors: 0, seconds: 0, bytes: 0, latencies: [] };
  const start = performance.now();
  const end = start + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < end) {
        const r = await timedPost(agent, port, arm, `b-${w}`).catch(() => undefined);
        if (r?.status !== 200) {
          out.errors++;
          continue;
        }
        out.done++;
        out.bytes += r.bytes;
        out.latencies.push(r.ms);
      }
    }),
  );
  out.seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return out;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** Throughput, latency quantiles and body size of one arm over all its rounds. */
function summarise(runs: ArmRun[]) {
  const done = runs.reduce((s, r) => s + r.done, 0);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  return {
    rps: done / seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    bytes: runs.reduce((s, r) => s + r.bytes, 0) / Math.max(1, done),
    errors: runs.reduce((s, r) => s + r.errors, 0),
  };
}

/** Runs the four arms round after round on one mock process and compares each API pair. */
export async function run(): Promise<BenchResult[]> {
  const server = await spawnServer('unlimited');
  const runs = new Map<string, ArmRun[]>(ARMS.map((a) => [a.name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // rotate the order so no arm always runs first (or right after the heaviest)
      const order = ARMS.map((_, i) => ARMS[(i + round) % ARMS.length] as Arm);
      for (const arm of order) {
        const r = await measure(server.port, arm);
        runs.get(arm.name)?.push(r);
        console.log(
          `round ${round + 1} ${arm.name}: ${(r.done / r.seconds).toFixed(0)} req/s, ${r.errors} errors`,
        );
      }
    }
  } finally {
    server.stop();
  }
  const s = (name: string) => summarise(runs.get(name) ?? []);
  const fmt = (x: ReturnType<typeof summarise>) =>
    `${x.rps.toFixed(0)} req/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms, ${x.bytes.toFixed(0)} B`;
  return (
    [
      ['non-stream', s('responses'), s('chat')],
      ['stream', s('responses stream'), s('chat stream')],
    ] as const
  ).map(([kind, responses, chat]) => ({
    goal: `/v1/responses vs /v1/chat/completions, ${kind} (concurrency ${CONCURRENCY}, timeScale 0): throughput ratio`,
    measured: `responses ${fmt(responses)} | chat ${fmt(chat)}`,
    ratio: responses.rps / chat.rps,
    pass: responses.errors + chat.errors === 0 ? null : false,
  }));
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'responses' })));
