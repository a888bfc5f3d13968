import { type Column, DataTable } from '../../components/DataTable';
import { fmt } from '../../lib/format';
import type { AppEndpoint } from './app-types';

const COLUMNS: Column<AppEndpoint>[] = [
  { header: 'endpoint', cell: (e) => <b>{e.endpoint}</b> },
  { header: 'requests', numeric: true, cell: (e) => fmt.int(e.requests) },
  {
    header: 'errors',
    numeric: true,
    cell: (e) => <span className={e.errors ? 'badge bad' : undefined}>{fmt.int(e.errors)}</span>,
  },
  { header: 'p50', numeric: true, cell: (e) => fmt.ms(e.latency.p50) },
  { header: 'p95', numeric: true, cell: (e) => fmt.ms(e.latency.p95) },
  { header: 'p99', numeric: true, cell: (e) => fmt.ms(e.latency.p99) },
  { header: 'TTFB p50', numeric: true, cell: (e) => fmt.ms(e.ttfb.p50) },
  { header: 'TTFB p95', numeric: true, cell: (e) => fmt.ms(e.ttfb.p95) },
  {
    header: 'provider calls / request',
    numeric: true,
    title: 'mean and max of the mock ground-truth spans inside each request trace',
    cell: (e) =>
      `${fmt.num(e.providerCalls.perRequest.avg, 2)} (max ${fmt.int(e.providerCalls.perRequest.max)})`,
  },
  { header: 'failed calls', numeric: true, cell: (e) => fmt.int(e.providerCalls.failed) },
  {
    header: 'retries (SDK + inferred)',
    numeric: true,
    title:
      'SDK-reported: calls numbered ≥ 1 in x-stainless-retry-count; inferred: first attempts repeating a failed call of the same trace',
    cell: (e) => {
      const r = e.providerCalls.retryCount;
      return `${fmt.int(r.total)} (${fmt.int(r.sdkReported)} + ${fmt.int(r.inferred)})`;
    },
  },
  { header: 'cost / request', numeric: true, cell: (e) => fmt.usd(e.costPerRequestUsd) },
];

/** Per endpoint of the app: what its users saw (latency, TTFB), its provider calls and cost. */
export function EndpointTable({ endpoints }: { endpoints: readonly AppEndpoint[] }) {
  return (
    <DataTable
      testId="app-endpoints"
      rows={endpoints}
      columns={COLUMNS}
      rowKey={(e) => e.endpoint}
      empty="No measured app requests in this run."
    />
  );
}
