/**
 * The built-in driver's hop to the harness (`POST /api/invoke/<pattern>`): global `fetch` against
 * undici's `request`, alternating in rounds against one loopback server answering a small JSON
 * body, one request at a time so each figure is the hop's own cost (client + server on one loop).
 * Context for the driver's choice of `request` (harness/src/driver/targets.ts), not a product goal.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const PER_ROUND = 1_000;
const ROUNDS = 6;
const body = JSON.stringify({ provider: 'openai', model: 'gpt-4o-mini' });
const headers = { 'content-type': 'application/json' };

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Both senders, ROUNDS alternating rounds of PER_ROUND sequential calls each. */
export async function run(): Promise<BenchResult[]> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true,"latencyMs":1.5,"ttftMs":null,"costUsd":0.0001}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/invoke/direct`;
  const senders = {
    fetch: async () => {
      const res = await fetch(url, { method: 'POST', headers, body });
      await res.text();
    },
    'undici.request': async () => {
      const res = await request(url, { method: 'POST', headers, body });
      await res.body.text();
    },
  };
  const times: Record<keyof typeof senders, number[]> = { fetch: [], 'undici.request': [] };
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, send] of Object.entries(senders) as [keyof typeof senders, () => Promise<void>][]) {
        for (let i = 0; i < 100; i++) await send(); // warm
        for (let i = 0; i < PER_ROUND; i++) {
          const t = performance.now();
          await send();
          times[name].push(performance.now() - t);
        }
      }
  } finally {
    server.close();
  }
  const f = times.fetch.sort((a, b) => a - b);
  const u = times['undici.request'].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  return [
    {
      goal: 'driver → harness hop: undici request vs fetch (context)',
      measured: `${f.length} calls each: fetch p50 ${ms(quantile(f, 0.5))} p99 ${ms(quantile(f, 0.99))}; undici.request p50 ${ms(quantile(u, 0.5))} p99 ${ms(quantile(u, 0.99))}`,
      ratio: quantile(u, 0.5) / quantile(f, 0.5),
      pass: null,
    },
  ];
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'driver-hop' })));
