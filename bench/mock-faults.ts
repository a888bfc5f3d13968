/**
 * Non-stream throughput of the mock with the fault and rate-limit engine on (`seed-typical`
 * faults, published limits) versus off (`ideal`, limits off), same run, same client: closed loop,
 * concurrency 96, timeScale 0. A client timeout of 500 ms stands in for a real client giving up on
 * `timeout` faults (the mock would otherwise hold those for 3 s). Every answered exchange counts,
 * fault responses included: the question is what the engine costs per request.
 */
import { Agent, request } from 'node:http';
import { CHAT_BODY, type ChildServer, spawnScript } from './mock-load';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const CONCURRENCY = 96;
const DURATION_MS = Number(process.env.BENCH_MS ?? 5000);
const CLIENT_TIMEOUT_MS = 500;

function spawnMock(profile: string, limits: string): Promise<ChildServer> {
  return spawnScript('./mock-faults-server.ts', [profile, limits]);
}

/**
 * One POST; resolves its status, or `none` when the client gave up / the connection closed. The
 * give-up is a per-request timer: the socket-level `timeout` option also fires on reused
 * keep-alive sockets and would count answered requests as lost.
 */
function call(agent: Agent, port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/v1/chat/completions',
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    });
    const timer = setTimeout(() => req.destroy(), CLIENT_TIMEOUT_MS);
    const done = (status: string) => {
      clearTimeout(timer);
      resolve(status);
    };
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => done(String(res.statusCode)));
      res.on('error', () => done('none'));
    });
    req.on('error', () => done('none'));
    req.end(CHAT_BODY);
  });
}

async function measure(profile: string, limits: string) {
  const server = await spawnMock(profile, limits);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const loop = async (until: number, counts?: Map<string, number>) => {
      while (performance.now() < until) {
        const status = await call(agent, server.port);
        counts?.set(status, (counts.get(status) ?? 0) + 1);
      }
    };
    const warm = performance.now() + 500;
    await Promise.all(Array.from({ length: CONCURRENCY }, () => loop(warm)));
    const counts = new Map<string, number>();
    const start = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, () => loop(start + DURATION_MS, counts)));
    const secs = (performance.now() - start) / 1000;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const stats = (await (await fetch(`http://127.0.0.1:${server.port}/__admin/stats`)).json()) as {
      byStatus: Record<string, number>;
      byFault: Record<string, number>;
    };
    return {
      rps: total / secs,
      okRps: (counts.get('200') ?? 0) / secs,
      counts: Object.fromEntries(counts),
      stats,
    };
  } finally {
    agent.destroy();
    server.stop();
  }
}

/** Runs faults off, then on, and compares. */
export async function run(): Promise<BenchResult[]> {
  const off = await measure('ideal', 'off');
  const on = await measure('seed-typical', 'published');
  const ratio = on.rps / off.rps;
  console.log(
    `faults+limits on: ${on.rps.toFixed(0)} req/s (${on.okRps.toFixed(0)} ok/s) client ${JSON.stringify(on.counts)} mock (incl. warm-up) ${JSON.stringify(on.stats.byStatus)} ${JSON.stringify(on.stats.byFault)} | off: ${off.rps.toFixed(0)} req/s | ratio ${(ratio * 100).toFixed(1)} %`,
  );
  return [
    {
      goal: 'mock non-stream >= 500 req/s with seed-typical faults and published limits',
      measured: `${on.rps.toFixed(0)} req/s (${on.okRps.toFixed(0)} ok/s)`,
      ratio: on.rps / 500,
      pass: on.rps >= 500,
    },
    {
      goal: 'faults+limits on vs off (same client, report only)',
      measured: `${on.rps.toFixed(0)} vs ${off.rps.toFixed(0)} req/s`,
      ratio,
      pass: null,
    },
  ];
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'mock-faults' })));
