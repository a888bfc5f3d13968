import { type Column, DataTable } from '../../components/DataTable';
import { fmt } from '../../lib/format';
import type { TraceHit } from '../../lib/server-types';

const COLUMNS: Column<TraceHit>[] = [
  { header: 'time', cell: (h) => h.timestamp.slice(11, 23) },
  { header: 'pattern', cell: (h) => h.pattern },
  { header: 'provider/model', cell: (h) => `${h.provider}/${h.model}` },
  {
    header: 'outcome',
    cell: (h) => (
      <span className={`badge ${h.outcome === 'ok' ? 'ok' : 'bad'}`}>{h.errorClass || h.outcome}</span>
    ),
  },
  { header: 'latency', numeric: true, cell: (h) => fmt.ms(h.latencyMs) },
  { header: 'cost (USD)', numeric: true, cell: (h) => fmt.usd(h.costUsd) },
  { header: 'retries', numeric: true, cell: (h) => fmt.int(h.retries) },
  { header: 'trace', cell: (h) => <code>{h.traceId.slice(0, 12)}…</code> },
];

/** Search results, slowest first; a click opens the trace's waterfall. */
export function TraceTable(props: {
  hits: readonly TraceHit[];
  selected: string | undefined;
  onOpen: (h: TraceHit) => void;
}) {
  return (
    <DataTable
      testId="trace-table"
      rows={props.hits}
      columns={COLUMNS}
      rowKey={(h) => h.traceId}
      selectedKey={props.selected}
      onRowClick={props.onOpen}
      empty="No traces match these filters."
      maxHeight={320}
    />
  );
}
