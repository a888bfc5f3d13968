/** What the k6 engine tests read back from the store: each arrival's pattern, fault and send time. */
import type { startTestStack } from './helpers';
import { sql } from './helpers';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** `index:pattern|fault` per schedule index, from the run's driver spans. */
export async function sequenceOf(stack: TestStack, runId: string): Promise<string[]> {
  await stack.spans.flush();
  const rows = await sql<{ i: string; p: string; f: string }>(
    stack,
    `SELECT SpanAttributes['harness.schedule.index'] AS i, SpanAttributes['harness.pattern'] AS p,
            SpanAttributes['harness.forced_fault'] AS f
       FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}'`,
  );
  return rows.sort((a, b) => Number(a.i) - Number(b.i)).map((r) => `${r.i}:${r.p}|${r.f}`);
}

/** When the harness received each sent arrival (ms since the epoch), by schedule index. */
export async function sendTimesOf(stack: TestStack, runId: string): Promise<Map<number, number>> {
  await stack.spans.flush();
  const rows = await sql<{ i: string; t: string }>(
    stack,
    `SELECT d.i AS i, toString(toUnixTimestamp64Micro(r.Timestamp)) AS t
       FROM (SELECT TraceId, SpanAttributes['harness.schedule.index'] AS i FROM otel_traces
             WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}') AS d
       JOIN (SELECT TraceId, Timestamp FROM harness_requests WHERE run_id = '${runId}' AND source = 'invoke') AS r
       ON d.TraceId = r.TraceId`,
  );
  return new Map(rows.map((r) => [Number(r.i), Number(r.t) / 1000]));
}

/**
 * The mock's ground truth of a run's arrivals: `index:route#ordinal fault` per provider call made
 * inside an arrival's trace (a batch job, which serves several arrivals, joins none), sorted.
 */
export async function mockFaultsOf(stack: TestStack, runId: string): Promise<string[]> {
  await stack.tracing.provider.forceFlush();
  await stack.mock?.flush();
  await stack.spans.flush();
  const rows = await sql<{ c: string }>(
    stack,
    `SELECT concat(SpanAttributes['mock.arrival'], ':', SpanName, '#', SpanAttributes['mock.arrival.ordinal'],
              ' ', SpanAttributes['mock.fault.kind']) AS c
       FROM otel_traces WHERE ServiceName = 'mock-providers' AND TraceId IN
         (SELECT TraceId FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}')`,
  );
  return rows.map((r) => r.c).sort();
}
