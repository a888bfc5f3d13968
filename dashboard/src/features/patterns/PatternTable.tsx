import { type Column, DataTable } from '../../components/DataTable';
import { fmt } from '../../lib/format';
import type { PatternStats } from '../../lib/server-types';
import { errorRate, wasteShare } from './pattern-points';

const COLUMNS: Column<PatternStats>[] = [
  { header: 'pattern', cell: (s) => <b>{s.pattern}</b> },
  { header: 'requests', numeric: true, cell: (s) => fmt.int(s.requests) },
  { header: 'avg latency', numeric: true, cell: (s) => fmt.ms(s.avgLatencyMs) },
  { header: 'p95 latency', numeric: true, cell: (s) => fmt.ms(s.p95LatencyMs) },
  { header: 'TTFT p50', numeric: true, cell: (s) => fmt.ms(s.ttftP50Ms) },
  { header: 'cost (USD)', numeric: true, cell: (s) => fmt.usd(s.costUsd) },
  { header: 'cost per 1K (USD)', numeric: true, cell: (s) => fmt.usd(s.costPer1k) },
  {
    header: 'retry waste (USD)',
    numeric: true,
    title: 'cost of failed attempts and fallback calls',
    cell: (s) => {
      const share = wasteShare(s);
      return `${fmt.usd(s.wastedUsd)}${share ? ` (${fmt.pct(share)})` : ''}`;
    },
  },
  { header: 'retries', numeric: true, cell: (s) => fmt.int(s.retries) },
  {
    header: 'error rate',
    numeric: true,
    cell: (s) => <span className={s.errors ? 'badge bad' : undefined}>{fmt.pct(errorRate(s))}</span>,
  },
];

/** The production-stats table of the seed, per pattern of one run. */
export function PatternTable({ stats }: { stats: readonly PatternStats[] }) {
  return (
    <DataTable
      testId="pattern-table"
      rows={stats}
      columns={COLUMNS}
      rowKey={(s) => s.pattern}
      empty="No requests stored for this run (warm-up excluded)."
    />
  );
}
