/**
 * One typed row per unit of work, filled by a materialized view from the spans that describe it:
 * the driver's `load_request …` span (one per scheduled request) and the server's
 * `invoke_workflow …` span (one per invoke call). Dashboard panels and trace search read this
 * compact table (sorted by run and time) instead of scanning span attribute maps.
 */
export const HARNESS_REQUESTS_DDL = `
CREATE TABLE IF NOT EXISTS harness_requests (
    Timestamp DateTime64(9) CODEC(Delta, ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    source LowCardinality(String),
    run_id LowCardinality(String),
    scenario LowCardinality(String),
    pattern LowCardinality(String),
    provider LowCardinality(String),
    model LowCardinality(String),
    outcome LowCardinality(String),
    error_class LowCardinality(String),
    warmup UInt8,
    latency_ms Float64,
    ttft_ms Nullable(Float64),
    lateness_ms Nullable(Float64),
    cost_usd Float64,
    wasted_usd Float64,
    tokens_in UInt64,
    tokens_out UInt64,
    retries UInt32,
    fallback UInt8,
    INDEX idx_trace TraceId TYPE bloom_filter(0.001) GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (run_id, Timestamp)`;

export const HARNESS_REQUESTS_MV_DDL = `
CREATE MATERIALIZED VIEW IF NOT EXISTS harness_requests_mv TO harness_requests AS
SELECT
    Timestamp,
    TraceId,
    if(startsWith(SpanName, 'load_request'), 'driver', 'invoke') AS source,
    SpanAttributes['harness.run.id'] AS run_id,
    SpanAttributes['harness.scenario'] AS scenario,
    SpanAttributes['harness.pattern'] AS pattern,
    SpanAttributes['harness.provider'] AS provider,
    SpanAttributes['gen_ai.request.model'] AS model,
    SpanAttributes['harness.outcome'] AS outcome,
    SpanAttributes['harness.error.class'] AS error_class,
    SpanAttributes['harness.warmup'] = 'true' AS warmup,
    Duration / 1e6 AS latency_ms,
    toFloat64OrNull(SpanAttributes['harness.ttft_ms']) AS ttft_ms,
    toFloat64OrNull(SpanAttributes['harness.schedule.lateness_ms']) AS lateness_ms,
    toFloat64OrZero(SpanAttributes['harness.cost.usd']) AS cost_usd,
    toFloat64OrZero(SpanAttributes['harness.cost.wasted_usd']) AS wasted_usd,
    toUInt64OrZero(SpanAttributes['gen_ai.usage.input_tokens']) AS tokens_in,
    toUInt64OrZero(SpanAttributes['gen_ai.usage.output_tokens']) AS tokens_out,
    toUInt32OrZero(SpanAttributes['harness.retries']) AS retries,
    SpanAttributes['harness.fallback.used'] = 'true' AS fallback
FROM otel_traces
WHERE SpanName LIKE 'load_request %' OR SpanName LIKE 'invoke_workflow %'`;
