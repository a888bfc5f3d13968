/**
 * How to serve the MSW handler list over node http, same handlers, same request, side by side:
 * the mock's server (fast dispatch over the handlers' own matching and resolvers), MSW's
 * `getResponse` with a full fetch `Request` (how the server worked before), and
 * `@mswjs/http-middleware` (express).
 */
import { CHAT_BODY, measureRps, spawnServer } from './mock-load';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

/** Runs the comparison and returns its result lines. */
export async function run(): Promise<BenchResult[]> {
  const rps: Record<string, number> = {};
  for (const kind of ['adapter', 'getresponse', 'middleware']) {
    const server = await spawnServer(kind);
    try {
      rps[kind] = (await measureRps(server.port, '/v1/chat/completions', CHAT_BODY, 50, 4000)).rps;
    } finally {
      server.stop();
    }
  }
  const adapter = rps.adapter ?? 0;
  const msw = rps.getresponse ?? 0;
  const middleware = rps.middleware ?? 0;
  console.log(
    `goal: server >= getResponse and >= http-middleware | server ${adapter.toFixed(0)} req/s | getResponse ${msw.toFixed(0)} req/s (${(adapter / msw).toFixed(2)}x) | http-middleware ${middleware.toFixed(0)} req/s (${(adapter / middleware).toFixed(2)}x)`,
  );
  return [
    {
      goal: 'mock server at least as fast as MSW getResponse (the previous adapter)',
      measured: `server ${adapter.toFixed(0)} req/s vs getResponse ${msw.toFixed(0)} req/s`,
      ratio: msw > 0 ? adapter / msw : null,
      pass: adapter >= msw,
    },
    {
      goal: 'mock server at least as fast as @mswjs/http-middleware',
      measured: `server ${adapter.toFixed(0)} req/s vs http-middleware ${middleware.toFixed(0)} req/s`,
      ratio: middleware > 0 ? adapter / middleware : null,
      pass: adapter >= middleware,
    },
  ];
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'mock-serving' })));
