import type { TraceSpan } from '../../lib/server-types';

/** What a span is, beyond its name: drawn as badges on its row. */
export type SpanMark = 'error' | 'attempt' | 'retry' | 'fallback' | 'ground-truth';

/** One row of the waterfall: the span, its depth in the tree and its bar in % of the trace. */
export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** Bar start, % of the trace's duration from the trace start. */
  offsetPct: number;
  /** Bar width, % of the trace's duration. */
  widthPct: number;
  startMs: number;
  durationMs: number;
  marks: SpanMark[];
  /** `http.request.resend_count` of a resent attempt (1 = first retry). */
  resendCount: number | null;
}

/** A laid-out trace. */
export interface Waterfall {
  rows: WaterfallRow[];
  /** From the earliest span start to the latest span end. */
  totalMs: number;
}

const NS_PER_MS = 1_000_000n;
const toMs = (ns: bigint) => Number(ns / 1_000n) / 1_000;

/** The badges a span earns from its attributes (and its parent's, for fallbacks). */
export function spanMarks(s: TraceSpan, parent: TraceSpan | undefined): SpanMark[] {
  const marks: SpanMark[] = [];
  const a = s.attributes;
  if (s.service === 'mock-providers') marks.push('ground-truth');
  if (a['harness.attempt'] !== undefined) marks.push('attempt');
  if (a['harness.attempt'] !== undefined && Number(a['http.request.resend_count'] ?? 0) > 0)
    marks.push('retry');
  const fallbackModel = parent?.attributes['harness.fallback.model'];
  if (
    a['harness.fallback.used'] === 'true' ||
    (fallbackModel !== undefined &&
      a['harness.attempt'] !== undefined &&
      a['gen_ai.request.model'] === fallbackModel)
  )
    marks.push('fallback');
  if (s.status === 'Error' || (a['error.type'] !== undefined && a['error.type'] !== '')) marks.push('error');
  return marks;
}

/**
 * Lay a trace out as a waterfall: depth-first from the roots (spans whose parent is `''` or not in
 * the trace), children in start order, every bar positioned by `startNs`/`durationNs` relative to
 * the trace start. Nanosecond strings are read as BigInt so nothing is lost before subtracting.
 */
export function layoutWaterfall(spans: readonly TraceSpan[]): Waterfall {
  if (spans.length === 0) return { rows: [], totalMs: 0 };
  const start = (s: TraceSpan) => BigInt(s.startNs);
  const end = (s: TraceSpan) => BigInt(s.startNs) + BigInt(s.durationNs);
  let t0 = start(spans[0] as TraceSpan);
  let t1 = end(spans[0] as TraceSpan);
  for (const s of spans) {
    if (start(s) < t0) t0 = start(s);
    if (end(s) > t1) t1 = end(s);
  }
  const total = t1 - t0 > 0n ? t1 - t0 : 1n;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const s of spans) {
    if (!s.parentSpanId || !byId.has(s.parentSpanId) || s.parentSpanId === s.spanId) roots.push(s);
    else children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
  }
  const order = (xs: TraceSpan[]) =>
    [...xs].sort((a, b) =>
      start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : a.name.localeCompare(b.name),
    );
  const rows: WaterfallRow[] = [];
  const seen = new Set<string>();
  const visit = (s: TraceSpan, depth: number) => {
    if (seen.has(s.spanId)) return;
    seen.add(s.spanId);
    const parent = byId.get(s.parentSpanId);
    // Percentages to 0.01 % resolution, computed in BigInt then scaled.
    const pct = (ns: bigint) => Number((ns * 10_000n) / total) / 100;
    const resend = s.attributes['http.request.resend_count'];
    rows.push({
      span: s,
      depth,
      offsetPct: pct(start(s) - t0),
      widthPct: pct(BigInt(s.durationNs)),
      startMs: toMs(start(s) - t0),
      durationMs: toMs(BigInt(s.durationNs)),
      marks: spanMarks(s, parent),
      resendCount: resend === undefined ? null : Number(resend),
    });
    for (const c of order(children.get(s.spanId) ?? [])) visit(c, depth + 1);
  };
  for (const r of order(roots)) visit(r, 0);
  // Spans only reachable through a cycle still get a row, at the top level.
  for (const s of spans) if (!seen.has(s.spanId)) visit(s, 0);
  return { rows, totalMs: Number(total / NS_PER_MS) + Number(total % NS_PER_MS) / 1e6 };
}

/** Evenly spaced axis ticks (ms) for a trace of `totalMs`. */
export function axisTicks(totalMs: number, count = 5): number[] {
  if (totalMs <= 0) return [0];
  return Array.from({ length: count + 1 }, (_, i) => (totalMs * i) / count);
}
