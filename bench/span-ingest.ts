/**
 * Span ingest: spans through the exporter pipeline (SDK ReadableSpan → row → span writer → chDB)
 * against a raw bulk `INSERT … FORMAT JSONEachRow` of the same rows, in the same process and run.
 * Goal: ≥ 50,000 spans/s, ≥ 80 % of raw, zero dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { insertSpanRows } from '../harness/src/store/clickhouse-insert';
import { openStore } from '../harness/src/store/client';
import { migrate } from '../harness/src/store/migrate';
import { createSpanWriter } from '../harness/src/store/span-writer';
import { ClickHouseSpanExporter } from '../harness/src/telemetry/clickhouse-span-exporter';
import { spanToRow } from '../harness/src/telemetry/span-to-row';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const SPANS = Number(process.env.BENCH_SPANS ?? 200_000);
const EXPORT_BATCH = 4_096;

/** Real SDK spans with GenAI-sized attribute sets, captured once and replayed to both sides. */
async function makeSpans(n: number): Promise<ReadableSpan[]> {
  const captured: ReadableSpan[] = [];
  const sink: SpanExporter = {
    export: (spans, done) => {
      captured.push(...spans);
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => {},
  };
  const { SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bench' }),
    spanProcessors: [new SimpleSpanProcessor(sink)],
  });
  const tracer = provider.getTracer('bench');
  for (let i = 0; i < n; i++) {
    const s = tracer.startSpan('chat gpt-4o-mini', {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 120 + (i % 50),
        'gen_ai.usage.output_tokens': 300,
        'gen_ai.usage.cost': 0.00021,
        'harness.run.id': 'bench',
        'harness.pattern': 'streaming',
        'server.address': '127.0.0.1',
      },
    });
    s.addEvent('first_chunk');
    s.end();
  }
  await provider.shutdown();
  return captured;
}

async function timeIt(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** Measure both sides in one run on one fresh chDB folder. */
export async function run(): Promise<BenchResult[]> {
  const spans = await makeSpans(SPANS);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-ingest-'));
  const store = await openStore({ mode: 'embedded', dataDir: dir });
  try {
    await migrate(store);
    const rows = spans.map(spanToRow);
    // Warm both paths once so neither pays first-insert costs.
    await store.client.insert({ table: 'otel_traces', values: rows.slice(0, 1000), format: 'JSONEachRow' });

    const rawSeconds = await timeIt(async () => {
      await store.client.insert({ table: 'otel_traces', values: rows, format: 'JSONEachRow' });
    });

    // the writer as the harness runs it (10,000-row batches, 2 in flight); only the queue is sized
    // to hold the whole burst, so the bench measures throughput, not overflow
    const writer = createSpanWriter(insertSpanRows(store), { maxQueueRows: SPANS });
    const exporter = new ClickHouseSpanExporter(writer);
    const pipelineSeconds = await timeIt(async () => {
      for (let i = 0; i < spans.length; i += EXPORT_BATCH) {
        exporter.export(spans.slice(i, i + EXPORT_BATCH), () => {});
      }
      await writer.flush();
    });
    const stats = writer.stats();
    const rawRate = SPANS / rawSeconds;
    const rate = SPANS / pipelineSeconds;
    const ratio = rate / rawRate;
    return [
      {
        goal: 'span ingest via exporter ≥ 50,000 spans/s, ≥ 80 % of raw INSERT, 0 dropped',
        measured: `${Math.round(rate).toLocaleString('en')} spans/s vs raw ${Math.round(rawRate).toLocaleString('en')} spans/s, dropped ${stats.dropped}`,
        ratio,
        pass: rate >= 50_000 && ratio >= 0.8 && stats.dropped === 0 && stats.exported === SPANS,
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'span-ingest' })));
