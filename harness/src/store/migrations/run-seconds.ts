/**
 * The gauges of each second of a run that no request row carries: the scenario's planned rate,
 * the achieved rate, requests in flight and the client's queue depth (one row per live tick), so a
 * finished run's Live view shows what the running one did. A retried insert writes the same
 * (run_id, t) again: ReplacingMergeTree keeps one, and readers take one per second.
 */
export const HARNESS_RUN_SECONDS_DDL = `
CREATE TABLE IF NOT EXISTS harness_run_seconds (
    run_id String,
    t UInt32,
    warmup UInt8,
    target_rpm Float64,
    achieved_rpm Float64,
    in_flight UInt32,
    queue_depth UInt32
) ENGINE = ReplacingMergeTree ORDER BY (run_id, t)`;
