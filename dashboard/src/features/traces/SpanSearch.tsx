import { useState } from 'react';
import { type Column, DataTable } from '../../components/DataTable';
import { call } from '../../lib/api';
import { fmt } from '../../lib/format';
import type { SpanHit } from '../../lib/server-types';
import { useAsync } from '../../lib/use-async';

/** The filters of the search over every stored span (empty = any). */
interface SpanQuery {
  service: string;
  status: string;
  from: string;
  to: string;
  attr: string;
  name: string;
}

const EMPTY: SpanQuery = { service: '', status: '', from: '', to: '', attr: '', name: '' };

/** A `datetime-local` value (local time, no zone) as an ISO instant for the API. */
const iso = (local: string) => (local ? new Date(local).toISOString() : '');

const COLUMNS: Column<SpanHit>[] = [
  { header: 'time', cell: (h) => h.timestamp.slice(0, 23) },
  { header: 'service', cell: (h) => h.service },
  { header: 'span', cell: (h) => h.name },
  {
    header: 'status',
    cell: (h) => <span className={`badge ${h.status === 'Error' ? 'bad' : 'ok'}`}>{h.status}</span>,
  },
  { header: 'duration', numeric: true, cell: (h) => fmt.ms(h.durationMs) },
  { header: 'matching spans', numeric: true, cell: (h) => fmt.int(h.matches) },
  { header: 'trace', cell: (h) => <code>{h.traceId.slice(0, 12)}…</code> },
];

/**
 * Search every stored trace by service, time range, status, attribute and span name: the harness's
 * own and those your app sent to the OTLP receiver. A click opens the waterfall.
 */
export function SpanSearch(props: { selected: string | undefined; onOpen: (traceId: string) => void }) {
  const [q, setQ] = useState(EMPTY);
  const [submitted, setSubmitted] = useState(EMPTY);
  const set = (patch: Partial<SpanQuery>) => setQ((x) => ({ ...x, ...patch }));
  const services = useAsync(async (signal) => (await call('spanServices', { signal })).services, []);
  const hits = useAsync(
    async (signal) =>
      (
        await call('spans', {
          query: { ...submitted, from: iso(submitted.from), to: iso(submitted.to), limit: 100 },
          signal,
        })
      ).traces,
    [JSON.stringify(submitted)],
  );
  return (
    <>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(q);
        }}
      >
        <label className="field">
          <span>service</span>
          <select
            value={q.service}
            onChange={(e) => set({ service: e.target.value })}
            data-testid="spans-service"
          >
            <option value="">any</option>
            {(services.data ?? []).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>status</span>
          <select
            value={q.status}
            onChange={(e) => set({ status: e.target.value })}
            data-testid="spans-status"
          >
            <option value="">any</option>
            <option value="error">error</option>
            <option value="ok">ok</option>
          </select>
        </label>
        <label className="field">
          <span>from</span>
          <input
            type="datetime-local"
            step={1}
            value={q.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label className="field">
          <span>to</span>
          <input type="datetime-local" step={1} value={q.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label className="field">
          <span>attribute (key=value)</span>
          <input
            value={q.attr}
            placeholder="http.route=/api/chat"
            onChange={(e) => set({ attr: e.target.value })}
            data-testid="spans-attr"
          />
        </label>
        <label className="field">
          <span>span name contains</span>
          <input value={q.name} onChange={(e) => set({ name: e.target.value })} data-testid="spans-name" />
        </label>
        <button type="submit" data-testid="spans-search">
          Search
        </button>
      </form>
      {hits.error ? <p className="empty">Search failed: {hits.error.message}</p> : null}
      <DataTable
        testId="span-table"
        rows={hits.data ?? []}
        columns={COLUMNS}
        rowKey={(h) => h.traceId}
        selectedKey={props.selected}
        onRowClick={(h) => props.onOpen(h.traceId)}
        empty={hits.loading ? 'Searching…' : 'No traces match these filters.'}
        maxHeight={320}
      />
    </>
  );
}
