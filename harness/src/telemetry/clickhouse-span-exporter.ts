import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { SpanSink } from '../store/span-sink';
import { spanToRow } from './span-to-row';

/**
 * An OTel `SpanExporter` that hands spans to the store's span writer. The writer owns batching,
 * the bounded queue and retries; a span refused by a full queue is counted there as dropped and
 * reported here as a failed export, so nothing disappears without a number.
 */
export class ClickHouseSpanExporter implements SpanExporter {
  #stopped = false;

  constructor(private readonly sink: SpanSink) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('exporter is shut down') });
      return;
    }
    const { rejected } = this.sink.accept(spans.map(spanToRow));
    resultCallback(
      rejected === 0
        ? { code: ExportResultCode.SUCCESS }
        : { code: ExportResultCode.FAILED, error: new Error(`span queue full: ${rejected} spans dropped`) },
    );
  }

  forceFlush(): Promise<void> {
    return this.sink.flush();
  }

  async shutdown(): Promise<void> {
    this.#stopped = true;
    await this.sink.flush();
  }
}
