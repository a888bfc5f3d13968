/**
 * Realistic span data for the dashboard-queries bench: runs of units of work at 1,000 RPM, each a
 * driver span, an invoke span, a logical call, 1–2 attempts and the mock's ground truth, with
 * retries and faults, inserted straight into `otel_traces` so the `harness_requests` view fills.
 */

import type { Store } from '../harness/src/store/client';
import type { SpanRow } from '../harness/src/store/span-row';
import { createRandom } from '../scenarios/lib/plan.js';

/** Runs the generated spans are spread over. */
export const RUNS = 8;
const BATCH_SPANS = 200_000;
const PATTERNS = ['direct', 'streaming', 'batch', 'rag', 'agent'] as const;
const FAULTS = ['overloaded', 'rate_limit', 'server_error', 'timeout', 'sse_drop'] as const;

/** Deterministic PRNG (the driver's mulberry32) so every bench run stores the same data. */
const rng = createRandom;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);
const EMPTY: Pick<
  SpanRow,
  | 'TraceState'
  | 'ScopeVersion'
  | 'Events.Timestamp'
  | 'Events.Name'
  | 'Events.Attributes'
  | 'Links.TraceId'
  | 'Links.SpanId'
  | 'Links.TraceState'
  | 'Links.Attributes'
> = {
  TraceState: '',
  ScopeVersion: '',
  'Events.Timestamp': [],
  'Events.Name': [],
  'Events.Attributes': [],
  'Links.TraceId': [],
  'Links.SpanId': [],
  'Links.TraceState': [],
  'Links.Attributes': [],
};

function span(
  traceId: string,
  spanId: string,
  parent: string,
  name: string,
  kind: string,
  service: string,
  startNs: bigint,
  durNs: bigint,
  attrs: Record<string, string>,
  error: boolean,
): SpanRow {
  return {
    ...EMPTY,
    Timestamp: String(startNs),
    TraceId: traceId,
    SpanId: spanId,
    ParentSpanId: parent,
    SpanName: name,
    SpanKind: kind,
    ServiceName: service,
    ResourceAttributes: { 'service.name': service },
    ScopeName: service === 'mock-providers' ? 'mock-providers' : 'harness',
    SpanAttributes: attrs,
    Duration: String(durNs),
    StatusCode: error ? 'Error' : 'Unset',
    StatusMessage: error ? (attrs['error.type'] ?? '') : '',
  };
}

/** The spans of one unit of work (5–7 spans: driver, invoke, call, 1–2 attempts, 1–2 mock spans). */
function unitOfWork(runId: string, i: number, startNs: bigint, r: () => number): SpanRow[] {
  const pattern = PATTERNS[i % PATTERNS.length] as string;
  const traceId = hex(i, 16) + hex(Math.floor(r() * 2 ** 32), 8) + hex(runId.length * 7919 + i, 8);
  const sid = (k: number) => hex(i * 8 + k, 12) + hex(Math.floor(r() * 65536), 4);
  const latency = 80 + r() * (pattern === 'batch' ? 8000 : 1500);
  const retried = r() < 0.1;
  const failed = r() < 0.04;
  const fault = FAULTS[Math.floor(r() * FAULTS.length)] as string;
  const latNs = BigInt(Math.round(latency * 1e6));
  const cost = (0.00005 + r() * 0.0003).toFixed(8);
  const common = {
    'gen_ai.request.model': 'gpt-4o-mini',
    'harness.pattern': pattern,
    'harness.provider': 'openai',
    'harness.run.id': runId,
    'harness.scenario': 'bench-mix',
  };
  const outcome = failed ? 'error' : 'ok';
  const [d, inv, call, a1, m1, a2, m2] = [0, 1, 2, 3, 4, 5, 6].map(sid) as string[] as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const rows: SpanRow[] = [
    span(
      traceId,
      d,
      '',
      `load_request ${pattern}`,
      'Client',
      'harness-driver',
      startNs,
      latNs,
      {
        ...common,
        'gen_ai.usage.input_tokens': '57',
        'gen_ai.usage.output_tokens': String(60 + (i % 200)),
        'harness.cost.usd': cost,
        'harness.error.class': failed ? fault : '',
        'harness.latency_ms': latency.toFixed(3),
        'harness.outcome': outcome,
        'harness.retries': retried ? '1' : '0',
        'harness.schedule.lateness_ms': (r() * 2).toFixed(3),
        'harness.ttft_ms': (latency * 0.4).toFixed(3),
        'harness.warmup': i % 1000 < 10 ? 'true' : 'false',
      },
      false,
    ),
    span(
      traceId,
      inv,
      d,
      `invoke_workflow ${pattern}`,
      'Server',
      'harness',
      startNs + 1_000_000n,
      latNs - 1_000_000n,
      {
        ...common,
        'gen_ai.operation.name': 'invoke_workflow',
        'harness.cost.usd': cost,
        'harness.cost.wasted_usd': retried ? '0.00002' : '0',
        'harness.outcome': outcome,
        'harness.error.class': failed ? fault : '',
        'harness.retries': retried ? '1' : '0',
        'harness.ttft_ms': (latency * 0.4).toFixed(3),
      },
      failed,
    ),
    span(
      traceId,
      call,
      inv,
      'chat gpt-4o-mini',
      'Client',
      'harness',
      startNs + 1_000_000n,
      latNs - 2_000_000n,
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'harness.breaker.state': 'closed',
        'harness.retries': retried ? '1' : '0',
      },
      failed,
    ),
  ];
  const attempt = (id: string, mock: string, at: bigint, dur: bigint, n: number, err: boolean) => {
    rows.push(
      span(
        traceId,
        id,
        call,
        'chat gpt-4o-mini',
        'Client',
        'harness',
        at,
        dur,
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'harness.attempt': String(n),
          ...(n > 1 ? { 'http.request.resend_count': String(n - 1) } : {}),
          ...(err ? { 'error.type': fault } : {}),
        },
        err,
      ),
      span(
        traceId,
        mock,
        id,
        'POST /v1/chat/completions',
        'Server',
        'mock-providers',
        at + 1_000_000n,
        dur - 2_000_000n,
        {
          'gen_ai.request.model': 'gpt-4o-mini',
          'http.route': '/v1/chat/completions',
          'mock.profile': 'seed-typical',
          'mock.seed': '42',
          ...(err ? { 'error.type': fault, 'mock.fault.kind': fault } : {}),
        },
        err,
      ),
    );
  };
  const half = latNs / 2n;
  if (retried) {
    attempt(a1, m1, startNs + 2_000_000n, half - 3_000_000n, 1, true);
    attempt(a2, m2, startNs + half, half - 3_000_000n, 2, failed);
  } else attempt(a1, m1, startNs + 2_000_000n, latNs - 4_000_000n, 1, failed);
  return rows;
}

/** Insert about `total` spans for RUNS runs at 1,000 RPM each, one after the other. */
export async function generate(
  store: Store,
  total: number,
): Promise<{ runIds: string[]; spans: number; traceId: string }> {
  const r = rng(7);
  // 5.2 spans per unit of work on average (10 % retried).
  const perRun = Math.ceil(total / RUNS / 5.2);
  const runIds = Array.from({ length: RUNS }, (_, k) => `bench-run-${k}`);
  let batch: string[] = [];
  // Pre-serialized JSONEachRow lines in one INSERT statement per batch: the client does no per-row work.
  const flush = async () => {
    await store.client.command({ query: `INSERT INTO otel_traces FORMAT JSONEachRow\n${batch.join('\n')}` });
    spans += batch.length;
    batch = [];
  };
  let spans = 0;
  let traceId = '';
  const t0 = BigInt(Date.now() - 3 * 86_400_000) * 1_000_000n;
  for (const [k, runId] of runIds.entries()) {
    const runStart = t0 + BigInt(k) * BigInt(perRun) * 60_000_000n + BigInt(k) * 600_000_000_000n;
    for (let i = 0; i < perRun && spans + batch.length < total; i++) {
      const rows = unitOfWork(runId, k * perRun + i, runStart + BigInt(i) * 60_000_000n, r);
      if (k === 0 && i === 1234) traceId = rows[0]?.TraceId ?? '';
      for (const row of rows) batch.push(JSON.stringify(row));
      if (batch.length >= BATCH_SPANS) await flush();
    }
  }
  if (batch.length) await flush();
  return { runIds, spans, traceId };
}
