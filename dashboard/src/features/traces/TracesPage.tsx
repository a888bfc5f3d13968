import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { api, query } from '../../lib/api';
import type { TraceHit, TraceSpan } from '../../lib/server-types';
import { useAsync } from '../../lib/use-async';
import { useRuns } from '../../lib/use-runs';
import { SpanDetails } from './SpanDetails';
import { type TraceQuery, TraceSearch } from './TraceSearch';
import { TraceTable } from './TraceTable';
import { Waterfall } from './Waterfall';
import { layoutWaterfall } from './waterfall-layout';

const EMPTY: TraceQuery = { run: '', pattern: '', errorClass: '', minLatencyMs: '' };

/** Trace search and the waterfall of one trace, with the mock's ground truth beside it. */
export function TracesPage() {
  const runs = useRuns();
  const [search, setSearch] = useState<TraceQuery>();
  const [traceId, setTraceId] = useState<string>();
  const [spanId, setSpanId] = useState<string>();
  const effective = search ?? (runs.data?.[0] ? { ...EMPTY, run: runs.data[0].runId } : undefined);
  const hits = useAsync(
    effective
      ? async (signal) =>
          (
            await api<{ traces: TraceHit[] }>(
              `/api/traces${query({
                run: effective.run,
                pattern: effective.pattern,
                errorClass: effective.errorClass,
                minLatencyMs: effective.minLatencyMs,
                limit: 100,
              })}`,
              { signal },
            )
          ).traces
      : null,
    [JSON.stringify(effective)],
  );
  const trace = useAsync(
    traceId
      ? async (signal) => (await api<{ spans: TraceSpan[] }>(`/api/traces/${traceId}`, { signal })).spans
      : null,
    [traceId],
  );
  const layout = layoutWaterfall(trace.data ?? []);
  const selected =
    layout.rows.find((r) => r.span.spanId === spanId) ??
    layout.rows.find((r) => r.marks.includes('ground-truth') && r.marks.includes('error')) ??
    layout.rows.find((r) => r.marks.includes('ground-truth')) ??
    layout.rows[0];
  return (
    <>
      {runs.data ? (
        <TraceSearch
          key={effective?.run ?? ''}
          runs={runs.data}
          initial={effective ?? EMPTY}
          onSearch={setSearch}
        />
      ) : null}
      {hits.error ? <p className="empty">Search failed: {hits.error.message}</p> : null}
      <Panel title="Traces" unit="slowest first, up to 100">
        {hits.loading && !hits.data ? <p className="empty">Searching…</p> : null}
        <TraceTable
          hits={hits.data ?? []}
          selected={traceId}
          onOpen={(h) => {
            setTraceId(h.traceId);
            setSpanId(undefined);
          }}
        />
      </Panel>
      {traceId ? (
        <div className="waterfall-layout">
          <Panel title={`Trace ${traceId}`} unit="ms from the trace start">
            {trace.error ? <p className="empty">Could not load the trace: {trace.error.message}</p> : null}
            {trace.loading ? <p className="empty">Loading…</p> : null}
            <Waterfall layout={layout} selected={selected?.span.spanId} onSelect={setSpanId} />
          </Panel>
          <Panel title="Span attributes">
            <SpanDetails row={selected} />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
