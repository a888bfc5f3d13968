/**
 * Instrumentation overhead: the instrumented client (retry, breaker, bulkhead and timeout policies
 * on, a span per call and per attempt, mapped to store rows) against the bare OpenAI SDK, both
 * against the same mock (timeScale 0) in a child process, alternating A/B rounds in one run.
 * Goal: < 5 % more latency and < 5 % less throughput.
 */
import { propagation } from '@opentelemetry/api';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { createLlmClient } from '../harness/src/client/llm-client';
import { spanToRow } from '../harness/src/telemetry/span-to-row';
import { spawnServer } from './mock-load';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const CONCURRENCY = 16;
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 3_000);
const ROUNDS = 4;
const MESSAGES = [{ role: 'user' as const, content: 'Classify: "the parcel arrived broken"' }];

type Call = () => Promise<unknown>;

async function closedLoop(call: Call, ms: number): Promise<{ rps: number; meanMs: number }> {
  const end = performance.now() + ms;
  let n = 0;
  let total = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await call();
        total += performance.now() - t;
        n++;
      }
    }),
  );
  return { rps: n / (ms / 1000), meanMs: total / n };
}

export async function run(): Promise<BenchResult[]> {
  const server = await spawnServer('adapter');
  const base = `http://127.0.0.1:${server.port}`;
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  let exported = 0;
  const provider = new BasicTracerProvider({
    spanProcessors: [
      new BatchSpanProcessor(
        {
          export: (spans, done) => {
            exported += spans.map(spanToRow).length;
            done({ code: ExportResultCode.SUCCESS });
          },
          shutdown: async () => {},
        },
        { maxQueueSize: 65_536, maxExportBatchSize: 4_096, scheduledDelayMillis: 200 },
      ),
    ],
  });
  const bare = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'bench', maxRetries: 0 });
  const client = createLlmClient({ baseUrl: base, tracer: provider.getTracer('bench') });
  const bareCall: Call = () =>
    bare.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, max_completion_tokens: 32 });
  const instrumentedCall: Call = async () => {
    const o = await client.chat({
      provider: 'openai',
      model: 'gpt-4o-mini',
      stream: false,
      maxTokens: 32,
      messages: MESSAGES,
    });
    if (!o.ok) throw o.error;
  };
  try {
    await closedLoop(bareCall, 500);
    await closedLoop(instrumentedCall, 500);
    const a: { rps: number; meanMs: number }[] = [];
    const b: { rps: number; meanMs: number }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      a.push(await closedLoop(bareCall, ROUND_MS));
      b.push(await closedLoop(instrumentedCall, ROUND_MS));
    }
    await provider.forceFlush();
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
    const bareRps = median(a.map((r) => r.rps));
    const instRps = median(b.map((r) => r.rps));
    const bareMs = median(a.map((r) => r.meanMs));
    const instMs = median(b.map((r) => r.meanMs));
    return [
      {
        goal: 'instrumented client throughput ≥ 95 % of bare SDK',
        measured: `${instRps.toFixed(0)} vs ${bareRps.toFixed(0)} req/s (${exported} spans mapped)`,
        ratio: instRps / bareRps,
        pass: instRps / bareRps >= 0.95,
      },
      {
        goal: 'instrumented client latency ≤ 105 % of bare SDK',
        measured: `${instMs.toFixed(2)} vs ${bareMs.toFixed(2)} ms mean at concurrency ${CONCURRENCY}`,
        ratio: instMs / bareMs,
        pass: instMs / bareMs <= 1.05,
      },
    ];
  } finally {
    await client.close();
    await provider.shutdown();
    server.stop();
  }
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'client-overhead' })));
