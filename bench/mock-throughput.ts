/** Non-stream req/s at concurrency 50: the mock (timeScale 0) versus a plain node server with a fixed body. */
import { CHAT_BODY, isMain, measureRps, spawnServer } from './mock-load';
import type { BenchResult } from './types';

/** Runs both sides one after the other (each in its own process) and compares. */
export async function run(): Promise<BenchResult[]> {
  const measure = async (kind: string) => {
    const server = await spawnServer(kind);
    try {
      return await measureRps(server.port, '/v1/chat/completions', CHAT_BODY, 50, 5000);
    } finally {
      server.stop();
    }
  };
  const mock = await measure('adapter');
  const plain = await measure('plain');
  const ratio = mock.rps / plain.rps;
  console.log(
    `mock ${mock.rps.toFixed(0)} req/s (${mock.errors} errors) | plain node ${plain.rps.toFixed(0)} req/s | ratio ${(ratio * 100).toFixed(1)} %`,
  );
  return [
    {
      goal: 'mock non-stream >= 500 req/s at concurrency 50',
      measured: `${mock.rps.toFixed(0)} req/s`,
      ratio: mock.rps / 500,
      pass: mock.rps >= 500 && mock.errors === 0,
    },
    {
      goal: 'mock >= 50 % of plain node http',
      measured: `${mock.rps.toFixed(0)} vs ${plain.rps.toFixed(0)} req/s`,
      ratio,
      pass: ratio >= 0.5,
    },
  ];
}

if (isMain(import.meta.url)) console.table(await run());
