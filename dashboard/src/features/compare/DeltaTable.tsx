import { type Column, DataTable } from '../../components/DataTable';
import { fmt } from '../../lib/format';
import type { MetricDelta } from '../../lib/server-types';

/** A value in the metric's own unit. */
export function showValue(v: number | null, unit: MetricDelta['unit']): string {
  switch (unit) {
    case 'ms':
      return fmt.ms(v);
    case 'usd':
      return fmt.usd(v);
    case 'rate':
      return fmt.pct(v);
    case 'rpm':
      return fmt.rpm(v);
    case 'count':
      return fmt.int(v);
  }
}

/** Float noise (e.g. 1e-17 USD) reads as no change. */
const tiny = (m: MetricDelta) =>
  m.delta !== null &&
  Math.abs(m.delta) <= 1e-9 * Math.max(Math.abs(m.baseline ?? 0), Math.abs(m.candidate ?? 0));
const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '');

const COLUMNS: Column<MetricDelta>[] = [
  { header: 'metric', cell: (m) => m.metric },
  { header: 'baseline', numeric: true, cell: (m) => showValue(m.baseline, m.unit) },
  { header: 'candidate', numeric: true, cell: (m) => showValue(m.candidate, m.unit) },
  {
    header: 'Δ',
    numeric: true,
    className: 'delta',
    cell: (m) =>
      m.delta === null
        ? '—'
        : m.delta === 0
          ? '0'
          : tiny(m)
            ? '≈ 0'
            : `${sign(m.delta)}${showValue(Math.abs(m.delta), m.unit)}`,
  },
  {
    header: 'Δ %',
    numeric: true,
    className: 'delta',
    cell: (m) =>
      m.deltaPct === null || tiny(m)
        ? '—'
        : `${sign(m.deltaPct)}${(Math.abs(m.deltaPct) * 100).toFixed(1)} %`,
  },
  {
    header: 'verdict',
    className: 'delta',
    cell: (m) =>
      m.improved === null || tiny(m)
        ? 'same'
        : m.improved
          ? `better (${m.better})`
          : `worse (${m.better} is better)`,
  },
];

/** Baseline vs candidate per metric; the changed cells green when better, red when worse. */
export function DeltaTable({ metrics, testId }: { metrics: readonly MetricDelta[]; testId?: string }) {
  return (
    <DataTable
      {...(testId ? { testId } : {})}
      rows={metrics}
      columns={COLUMNS}
      rowKey={(m) => m.metric}
      rowClass={(m) => (m.improved === null || tiny(m) ? '' : m.improved ? 'improved' : 'worse')}
    />
  );
}
