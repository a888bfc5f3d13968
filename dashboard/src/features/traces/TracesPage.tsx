import { useEffect, useState } from 'react';
import { hashParams } from '../../app/routes';
import { Panel } from '../../components/Panel';
import { call } from '../../lib/api';
import { useAsync } from '../../lib/use-async';
import { useRuns } from '../../lib/use-runs';
import { SpanDetails } from './SpanDetails';
import { SpanSearch } from './SpanSearch';
import { TraceIdForm } from './TraceIdForm';
import { type TraceQuery, TraceSearch } from './TraceSearch';
import { TraceTable } from './TraceTable';
import { Waterfall } from './Waterfall';
import { layoutWaterfall } from './waterfall-layout';

const EMPTY: TraceQuery = { run: '', pattern: '', errorClass: '', minLatencyMs: '' };

/** The trace a `#/traces?trace=<id>` link names (the HTML report's links), following hash changes. */
function useLinkedTrace(open: (id: string) => void): void {
  useEffect(() => {
    const on = () => {
      const id = hashParams(location.hash).get('trace');
      if (id) open(id);
    };
    on();
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, [open]);
}

/**
 * Find a trace by id, search a run's requests or every stored span (your app's OTLP traces too),
 * and the waterfall of one trace with the mock's ground truth beside it.
 */
export function TracesPage() {
  const runs = useRuns();
  const [mode, setMode] = useState<'runs' | 'spans'>('runs');
  const [search, setSearch] = useState<TraceQuery>();
  const [traceId, setTraceId] = useState<string>();
  const [spanId, setSpanId] = useState<string>();
  // Every open (click, id, link) remounts the id field, so it always shows the trace on screen.
  const [opened, setOpened] = useState(0);
  const [openTrace] = useState(() => (id: string) => {
    setTraceId(id);
    setSpanId(undefined);
    setOpened((n) => n + 1);
  });
  useLinkedTrace(openTrace);
  const effective = search ?? (runs.data?.[0] ? { ...EMPTY, run: runs.data[0].runId } : undefined);
  const hits = useAsync(
    effective && mode === 'runs'
      ? async (signal) =>
          (
            await call('traces', {
              query: {
                run: effective.run,
                pattern: effective.pattern,
                errorClass: effective.errorClass,
                minLatencyMs: effective.minLatencyMs,
                limit: 100,
              },
              signal,
            })
          ).traces
      : null,
    [JSON.stringify(effective), mode],
  );
  const trace = useAsync(
    traceId ? async (signal) => (await call('trace', { params: { traceId }, signal })).spans : null,
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
      <TraceIdForm key={opened} value={traceId} onOpen={openTrace} />
      <div className="toolbar" role="tablist" aria-label="search">
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'runs'}
          className={mode === 'runs' ? 'tab-on' : 'ghost'}
          onClick={() => setMode('runs')}
          data-testid="traces-mode-runs"
        >
          Run requests
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={mode === 'spans'}
          className={mode === 'spans' ? 'tab-on' : 'ghost'}
          onClick={() => setMode('spans')}
          data-testid="traces-mode-spans"
        >
          All traces (any service, OTLP too)
        </button>
      </div>
      {mode === 'spans' ? (
        <Panel title="All traces" unit="newest first, up to 100">
          <SpanSearch selected={traceId} onOpen={openTrace} />
        </Panel>
      ) : (
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
            <TraceTable hits={hits.data ?? []} selected={traceId} onOpen={(h) => openTrace(h.traceId)} />
          </Panel>
        </>
      )}
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
