/**
 * Client overhead: the instrumented client (retry, breaker, bulkhead and timeout policies on, a
 * span per call and per attempt, mapped to store rows) against the bare OpenAI SDK as a user
 * constructs it (its default fetch), both against the same mock (timeScale 0, rate limits off:
 * 429s are not overhead) in a child process, in many short alternating pairs in one run. Goal:
 * < 5 % more latency and < 5 % less throughput, judged on the median pair.
 *
 * The instrumented client sends through `agentFetch` (undici `request()`), which saves more CPU
 * per call than policies and spans cost; a third arm, the bare SDK on that same transport, is
 * reported beside the goal so the cost of the instrumentation alone stays visible.
 */
import { propagation } from '@opentelemetry/api';
import { ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { Agent } from 'undici';
import { agentFetch } from '../harness/src/client/agent-fetch';
import { createLlmClient } from '../harness/src/client/llm-client';
import { spanToRow } from '../harness/src/telemetry/span-to-row';
import { spawnServer } from './mock-load';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const CONCURRENCY = 16;
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 500);
// Many short A/B pairs: on a shared, noisy box a neighbour's burst then spoils a pair or two, and
// the median pair ratio ignores it; a few long rounds would each absorb some of it.
const PAIRS = Number(process.env.BENCH_PAIRS ?? 31);
const MESSAGES = [{ role: 'user' as const, content: 'Classify: "the parcel arrived broken"' }];

type Call = () => Promise<unknown>;

interface Round {
  rps: number;
  meanMs: number;
  /** Process CPU (user + system, GC threads included) per call, µs. */
  cpuUs: number;
}

async function closedLoop(call: Call, ms: number): Promise<Round> {
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  return { rps: n / (ms / 1000), meanMs: total / n, cpuUs: (cpu.user + cpu.system) / n };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;

export async function run(): Promise<BenchResult[]> {
  const server = await spawnServer('unlimited');
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
  const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000, pipelining: 1 });
  const bareOnAgent = new OpenAI({
    baseURL: `${base}/v1`,
    apiKey: 'bench',
    maxRetries: 0,
    fetch: agentFetch(agent),
  });
  const client = createLlmClient({ baseUrl: base, tracer: provider.getTracer('bench') });
  const bareCall: Call = () =>
    bare.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES, max_completion_tokens: 32 });
  const sameTransportCall: Call = () =>
    bareOnAgent.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: MESSAGES,
      max_completion_tokens: 32,
    });
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
    await closedLoop(bareCall, 1_000);
    await closedLoop(sameTransportCall, 1_000);
    await closedLoop(instrumentedCall, 1_000);
    const arms = { bare: bareCall, same: sameTransportCall, inst: instrumentedCall };
    type Arm = keyof typeof arms;
    const order: Arm[][] = [
      ['bare', 'same', 'inst'],
      ['inst', 'same', 'bare'],
      ['same', 'inst', 'bare'],
    ];
    const pairs: Record<Arm, Round>[] = [];
    for (let i = 0; i < PAIRS; i++) {
      // Rotate who goes first, so no arm always inherits another's garbage.
      const rounds: Partial<Record<Arm, Round>> = {};
      for (const arm of order[i % order.length] as Arm[]) rounds[arm] = await closedLoop(arms[arm], ROUND_MS);
      pairs.push(rounds as Record<Arm, Round>);
    }
    await provider.forceFlush();
    const rpsRatio = median(pairs.map((p) => p.inst.rps / p.bare.rps));
    const msRatio = median(pairs.map((p) => p.inst.meanMs / p.bare.meanMs));
    const sameRps = median(pairs.map((p) => p.inst.rps / p.same.rps));
    const cpu = (k: Arm) => median(pairs.map((p) => p[k].cpuUs));
    const rps = (k: Arm) => median(pairs.map((p) => p[k].rps)).toFixed(0);
    const ms = (k: Arm) => median(pairs.map((p) => p[k].meanMs)).toFixed(2);
    return [
      {
        goal: 'instrumented client throughput ≥ 95 % of bare SDK',
        measured: `${rps('inst')} vs ${rps('bare')} req/s, median of ${PAIRS} rounds (${exported} spans mapped)`,
        ratio: rpsRatio,
        pass: rpsRatio >= 0.95,
      },
      {
        goal: 'instrumented client latency ≤ 105 % of bare SDK',
        measured: `${ms('inst')} vs ${ms('bare')} ms mean at concurrency ${CONCURRENCY}`,
        ratio: msRatio,
        pass: msRatio <= 1.05,
      },
      {
        goal: 'client CPU per call (context)',
        measured: `${cpu('inst').toFixed(0)} vs ${cpu('bare').toFixed(0)} µs (bare SDK on agentFetch: ${cpu('same').toFixed(0)} µs)`,
        ratio: cpu('inst') / cpu('bare'),
        pass: null,
      },
      {
        goal: 'instrumentation alone: vs bare SDK on the same agentFetch (context)',
        measured: `${rps('inst')} vs ${rps('same')} req/s; +${(cpu('inst') - cpu('same')).toFixed(0)} µs CPU per call for policies, spans and row mapping`,
        ratio: sameRps,
        pass: null,
      },
    ];
  } finally {
    await client.close();
    await agent.close();
    await provider.shutdown();
    server.stop();
  }
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'client-overhead' })));
