import type { SpanRow } from './span-row';

/** Outcome of handing rows to a sink: how many were taken into the pipeline and how many refused. */
export interface AcceptResult {
  accepted: number;
  /** Rows refused because the bounded queue was full; they are counted as dropped, never silent. */
  rejected: number;
}

/**
 * Where span rows go on their way into ClickHouse: a bounded, batching, retrying writer.
 * Both the in-process OTel exporter and the OTLP/HTTP receiver feed the same sink.
 */
export interface SpanSink {
  accept(rows: readonly SpanRow[]): AcceptResult;
  /** Resolves once every row accepted so far has been written (or counted as dropped). */
  flush(): Promise<void>;
}
