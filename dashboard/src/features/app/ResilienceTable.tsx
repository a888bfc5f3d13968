import { type Column, DataTable } from '../../components/DataTable';
import { fmt } from '../../lib/format';
import type { ResilienceRow } from './app-types';
import { absorbedShare, FATES } from './resilience-bars';

/** Links to the trace view of the first example of each fate (`#/traces?trace=<id>`). */
function Examples({ row }: { row: ResilienceRow }) {
  const links = FATES.flatMap((fate) =>
    row.examples[fate].slice(0, 1).map((id) => (
      <a key={fate} href={`#/traces?trace=${id}`} className={`trace-link fate-${fate}`} title={id}>
        {fate} <code>{id.slice(0, 8)}…</code>
      </a>
    )),
  );
  return <span className="trace-links">{links}</span>;
}

const COLUMNS: Column<ResilienceRow>[] = [
  { header: 'endpoint', cell: (r) => <b>{r.endpoint}</b> },
  { header: 'fault', cell: (r) => <code>{r.fault}</code> },
  { header: 'requests', numeric: true, cell: (r) => fmt.int(r.requests) },
  { header: 'faulted calls', numeric: true, cell: (r) => fmt.int(r.injectedCalls) },
  {
    header: 'absorbed',
    numeric: true,
    title:
      'a complete 2xx, and a provider call after every fault succeeded (or the faulted call still delivered)',
    cell: (r) => (
      <span className={r.absorbed ? 'badge ok' : undefined}>
        {fmt.int(r.absorbed)} ({fmt.pct(absorbedShare(r))})
      </span>
    ),
  },
  { header: 'absorbed: extra p50', numeric: true, cell: (r) => fmt.ms(r.absorbedExtraMsP50) },
  {
    header: 'degraded',
    numeric: true,
    title: 'a 2xx that broke off, or that the app completed with no successful call after the fault',
    cell: (r) => <span className={r.degraded ? 'badge warn' : undefined}>{fmt.int(r.degraded)}</span>,
  },
  {
    header: 'surfaced',
    numeric: true,
    title: 'an error status, a timeout or a dropped connection reached the user',
    cell: (r) => <span className={r.surfaced ? 'badge bad' : undefined}>{fmt.int(r.surfaced)}</span>,
  },
  { header: 'example traces', cell: (r) => <Examples row={r} /> },
];

/** What the app's users got when the mock injected a fault inside their request's trace. */
export function ResilienceTable({ rows }: { rows: readonly ResilienceRow[] }) {
  return (
    <DataTable
      testId="app-resilience"
      rows={rows}
      columns={COLUMNS}
      rowKey={(r) => `${r.endpoint} ${r.fault}`}
      empty="No fault was injected inside a measured request of this run."
    />
  );
}
