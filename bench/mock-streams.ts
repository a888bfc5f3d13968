/**
 * Concurrent paced SSE streams (timeScale 1, gpt-4o at 50–80 tokens/s ≈ 60): how many streams the
 * mock sustains at once and the p99 inter-chunk jitter seen by clients (gap − the stream's median gap).
 */
import { Agent, request } from 'node:http';
import { isMain, spawnServer } from './mock-load';
import type { BenchResult } from './types';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 2500);
const PROMPT = 'Explain how streaming responses behave under load. '.repeat(60);

/** Opens one stream and resolves the arrival gaps (ms) between its data reads after the first. */
function stream(agent: Agent, port: number, i: number): Promise<number[]> {
  const body = JSON.stringify({
    model: 'gpt-4o',
    stream: true,
    max_tokens: 240,
    messages: [{ role: 'user', content: `${i} ${PROMPT}` }],
  });
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/v1/chat/completions',
      method: 'POST',
      agent,
      headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      const times: number[] = [];
      res.on('data', () => times.push(performance.now()));
      res.on('end', () => resolve(times.slice(2).map((t, k) => t - (times[k + 1] as number))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Runs STREAMS concurrent streams (~15 s) and reports completion and p99 jitter. */
export async function run(): Promise<BenchResult[]> {
  const server = await spawnServer('paced');
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const started = performance.now();
  try {
    const results = await Promise.allSettled(
      Array.from({ length: STREAMS }, (_, i) => stream(agent, server.port, i)),
    );
    const ok = results.flatMap((r) => (r.status === 'fulfilled' && r.value.length > 10 ? [r.value] : []));
    const jitter: number[] = [];
    for (const gaps of ok) {
      const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
      for (const g of gaps) jitter.push(Math.abs(g - median));
    }
    jitter.sort((a, b) => a - b);
    const p99 = percentile(jitter, 0.99);
    const p50 = percentile(jitter, 0.5);
    const secs = (performance.now() - started) / 1000;
    console.log(
      `${ok.length}/${STREAMS} streams completed in ${secs.toFixed(1)} s | jitter p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
    );
    return [
      {
        goal: `>= 2,500 concurrent SSE streams complete`,
        measured: `${ok.length}/${STREAMS}`,
        ratio: ok.length / 2500,
        pass: ok.length >= 2500,
      },
      {
        goal: 'p99 inter-chunk jitter < 10 ms',
        measured: `p99 ${p99.toFixed(2)} ms (p50 ${p50.toFixed(2)} ms)`,
        ratio: p99 / 10,
        pass: p99 < 10 && ok.length >= 2500,
      },
    ];
  } finally {
    agent.destroy();
    server.stop();
  }
}

if (isMain(import.meta.url)) console.table(await run());
