/**
 * The built-in driver's hop to a client worker, thread to thread as in the default topology: an
 * invoke port (MessageChannel, what the driver uses: harness/src/contracts/invoke-port.ts) against
 * loopback HTTP with undici's `request` (the hop before it) and with global `fetch`. The far end is
 * a worker thread answering a small JSON body at once; one call at a time, so each figure is the
 * hop's own round trip. Rounds alternate the senders so the box's noise falls on all three alike.
 * Twice: back to back, and 20 ms apart (the far end's thread has gone idle between calls, as at a
 * few hundred RPM, so each call also pays for waking it).
 * Context for the instrument's e2e error (bench/instrument-error.ts), not a goal of its own.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { request } from 'undici';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const ROUNDS = 6;
/** Calls per sender per round, and the pause before each: back to back, then spaced out. */
const MODES = [
  { name: 'back to back', perRound: 500, gapMs: 0 },
  { name: '20 ms apart', perRound: 40, gapMs: 20 },
] as const;
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

/** The three senders, ROUNDS alternating rounds of sequential calls each, in each mode. */
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
  const out: BenchResult[] = [];
  try {
    for (const mode of MODES) {
      const times = Object.fromEntries(Object.keys(senders).map((k) => [k, [] as number[]])) as Record<
        Name,
        number[]
      >;
      for (let round = 0; round < ROUNDS; round++)
        for (const [name, send] of Object.entries(senders) as [Name, () => Promise<void>][]) {
          for (let i = 0; i < 20; i++) await send(); // warm
          for (let i = 0; i < mode.perRound; i++) {
            if (mode.gapMs > 0) await new Promise((r) => setTimeout(r, mode.gapMs));
            const t = performance.now();
            await send();
            times[name].push(performance.now() - t);
          }
        }
      const sorted = Object.fromEntries(
        Object.entries(times).map(([k, v]) => [k, v.sort((a, b) => a - b)]),
      ) as Record<Name, number[]>;
      out.push({
        goal: `driver → client worker hop, thread to thread, ${mode.name}: invoke port vs loopback HTTP (context)`,
        measured: Object.entries(sorted)
          .map(([k, v]) => `${k} p50 ${ms(quantile(v, 0.5))} p99 ${ms(quantile(v, 0.99))}`)
          .join('; ')
          .concat(` (${mode.perRound * ROUNDS} calls each)`),
        ratio: quantile(sorted['invoke port'], 0.5) / quantile(sorted['HTTP (undici.request)'], 0.5),
        pass: null,
      });
    }
  } finally {
    port2.close();
    await worker.terminate();
  }
  return out;
}

const ms = (v: number) => `${v.toFixed(3)} ms`;

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'driver-hop' })));
