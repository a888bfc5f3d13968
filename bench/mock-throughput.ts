/**
 * Non-stream req/s at concurrency 50: the mock (`createMockServer`, timeScale 0, published limits)
 * versus a plain node `http` server answering a fixed JSON body, each in its own process, measured
 * alternately for `BENCH_ROUNDS` rounds (default 3) so both see the same machine load; the ratio
 * is taken over the summed rounds.
 */
import { CHAT_BODY, measureRps, spawnServer } from './mock-load';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_MS = Number(process.env.BENCH_MS ?? 4000);

/** Runs both sides round after round and compares. */
export async function run(): Promise<BenchResult[]> {
  const measure = async (kind: string) => {
    const server = await spawnServer(kind);
    try {
      return await measureRps(server.port, '/v1/chat/completions', CHAT_BODY, 50, DURATION_MS);
    } finally {
      server.stop();
    }
  };
  let mockSum = 0;
  let plainSum = 0;
  let errors = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const mock = await measure('adapter');
    const plain = await measure('plain');
    mockSum += mock.rps;
    plainSum += plain.rps;
    errors += mock.errors;
    console.log(
      `round ${round}: mock ${mock.rps.toFixed(0)} req/s (${mock.errors} errors) | plain node ${plain.rps.toFixed(0)} req/s | ratio ${((mock.rps / plain.rps) * 100).toFixed(1)} %`,
    );
  }
  const mock = mockSum / ROUNDS;
  const plain = plainSum / ROUNDS;
  const ratio = mock / plain;
  console.log(
    `goal: mock >= 500 req/s and >= 50 % of plain node | mean mock ${mock.toFixed(0)} req/s vs plain ${plain.toFixed(0)} req/s | ratio ${(ratio * 100).toFixed(1)} %`,
  );
  return [
    {
      goal: 'mock non-stream >= 500 req/s at concurrency 50',
      measured: `${mock.toFixed(0)} req/s`,
      ratio: mock / 500,
      pass: mock >= 500 && errors === 0,
    },
    {
      goal: 'mock >= 50 % of plain node http',
      measured: `${mock.toFixed(0)} vs ${plain.toFixed(0)} req/s`,
      ratio,
      pass: ratio >= 0.5,
    },
  ];
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'mock-throughput' })));
