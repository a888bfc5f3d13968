/**
 * How to serve the MSW handler list over node http: `@mswjs/http-middleware` (express) versus
 * the mock's own thin adapter over `getResponse`. Same handlers, same request, side by side.
 */
import { CHAT_BODY, isMain, measureRps, spawnServer } from './mock-load';
import type { BenchResult } from './types';

/** Runs the comparison and returns one result line. */
export async function run(): Promise<BenchResult[]> {
  const rps: Record<string, number> = {};
  for (const kind of ['adapter', 'middleware']) {
    const server = await spawnServer(kind);
    try {
      rps[kind] = (await measureRps(server.port, '/v1/chat/completions', CHAT_BODY, 50, 4000)).rps;
    } finally {
      server.stop();
    }
  }
  const adapter = rps.adapter ?? 0;
  const middleware = rps.middleware ?? 0;
  console.log(
    `serving MSW handlers: adapter ${adapter.toFixed(0)} req/s | http-middleware ${middleware.toFixed(0)} req/s | ratio ${(adapter / middleware).toFixed(2)}x`,
  );
  return [
    {
      goal: 'own getResponse adapter at least as fast as @mswjs/http-middleware',
      measured: `adapter ${adapter.toFixed(0)} req/s vs http-middleware ${middleware.toFixed(0)} req/s`,
      ratio: middleware > 0 ? adapter / middleware : null,
      pass: adapter >= middleware,
    },
  ];
}

if (isMain(import.meta.url)) console.table(await run());
