/**
 * The built-in driver's hop to a client worker, thread to thread as in the default topology: an
 * invoke port (MessageChannel, what the driver uses: harness/src/contracts/invoke-port.ts) against
 * loopback HTTP with undici's `request` (the hop before it) and with global `fetch`. The far end is
 * a worker thread answering a small JSON body at once; one call at a time, so each figure is the
 * hop's own round trip. Rounds alternate the senders so the box's noise falls on all three alike.
 * Context for the instrument's e2e error (bench/instrument-error.ts), not a goal of its own.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { request } from 'undici';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const PER_ROUND = 500;
const ROUNDS = 6;
const body = JSON.stringify({ provider: 'openai', model: 'gpt-4o-mini' });
const headers = { 'content-type': 'application/json' };
const ANSWER = '{"ok":true,"latencyMs":1.5,"ttftMs":null,"costUsd":0.0001}';

// the client worker's stand-in: an HTTP server and a port, both answering at once
const FAR_END = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const answer = ${JSON.stringify(ANSWER)};
parentPort.once('message', ({ port }) => {
  port.on('message', (m) => port.postMessage({ id: m.id, status: 200, body: JSON.parse(answer) }));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end(answer); });
  }).listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
});`;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** The three senders, ROUNDS alternating rounds of PER_ROUND sequential calls each. */
export async function run(): Promise<BenchResult[]> {
  const worker = new Worker(FAR_END, { eval: true });
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ port: port1 }, [port1]);
  const port = await new Promise<number>((r) => worker.once('message', r));
  const url = `http://127.0.0.1:${port}/api/invoke/direct`;
  let id = 0;
  const senders = {
    'invoke port': () =>
      new Promise<void>((resolve) => {
        port2.once('message', () => resolve());
        port2.postMessage({ t: 'invoke', id: id++, pattern: 'direct', body: JSON.parse(body), headers });
      }),
    'HTTP (undici.request)': async () => {
      const res = await request(url, { method: 'POST', headers, body });
      await res.body.text();
    },
    'HTTP (fetch)': async () => {
      const res = await fetch(url, { method: 'POST', headers, body });
      await res.text();
    },
  };
  type Name = keyof typeof senders;
  const times = Object.fromEntries(Object.keys(senders).map((k) => [k, [] as number[]])) as Record<
    Name,
    number[]
  >;
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, send] of Object.entries(senders) as [Name, () => Promise<void>][]) {
        for (let i = 0; i < 50; i++) await send(); // warm
        for (let i = 0; i < PER_ROUND; i++) {
          const t = performance.now();
          await send();
          times[name].push(performance.now() - t);
        }
      }
  } finally {
    port2.close();
    await worker.terminate();
  }
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const sorted = Object.fromEntries(
    Object.entries(times).map(([k, v]) => [k, v.sort((a, b) => a - b)]),
  ) as Record<Name, number[]>;
  const portP50 = quantile(sorted['invoke port'], 0.5);
  return [
    {
      goal: 'driver → client worker hop, thread to thread: invoke port vs loopback HTTP (context)',
      measured: Object.entries(sorted)
        .map(([k, v]) => `${k} p50 ${ms(quantile(v, 0.5))} p99 ${ms(quantile(v, 0.99))}`)
        .join('; ')
        .concat(` (${PER_ROUND * ROUNDS} calls each)`),
      ratio: portP50 / quantile(sorted['HTTP (undici.request)'], 0.5),
      pass: null,
    },
  ];
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'driver-hop' })));
