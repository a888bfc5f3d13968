import { type Column, DataTable } from '../../components/DataTable';
import { fmt } from '../../lib/format';
import type { CompareMetric } from '../../lib/server-types';

/** A value in the metric's own unit. */
export function showValue(v: number | null, unit: CompareMetric['unit']): string {
  return unit === 'ms' ? fmt.ms(v) : unit === 'usd' ? fmt.usd(v) : fmt.pct(v);
}

const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
const signed = (v: number, unit: CompareMetric['unit']) => `${sign(v)}${showValue(Math.abs(v), unit)}`;

const COLUMNS: Column<CompareMetric>[] = [
  { header: 'metric', cell: (m) => (m.pattern ? `${m.pattern} · ${m.name}` : m.name) },
  { header: 'baseline', numeric: true, cell: (m) => showValue(m.baseline, m.unit) },
  { header: 'candidate', numeric: true, cell: (m) => showValue(m.candidate, m.unit) },
  {
    header: 'Δ',
    numeric: true,
    className: 'delta',
    cell: (m) => (m.delta === null ? '—' : signed(m.delta, m.unit)),
  },
  {
    header: '95 % CI of Δ',
    numeric: true,
    title: 'bootstrap over per-request samples (percentiles, cost); Newcombe/Wilson (rates)',
    cell: (m) => (m.ci === null ? '—' : `[${signed(m.ci[0], m.unit)}, ${signed(m.ci[1], m.unit)}]`),
  },
  {
    header: 'n (base / cand)',
    numeric: true,
    cell: (m) => `${fmt.int(m.samples.baseline)} / ${fmt.int(m.samples.candidate)}`,
  },
  { header: 'verdict', className: 'delta', cell: (m) => m.verdict },
];

/** Baseline vs one candidate per metric; green when significantly better, red when significantly worse. */
export function DeltaTable({ metrics, testId }: { metrics: readonly CompareMetric[]; testId?: string }) {
  return (
    <DataTable
      {...(testId ? { testId } : {})}
      rows={metrics}
      columns={COLUMNS}
      rowKey={(m) => `${m.candidateRun}|${m.pattern ?? ''}|${m.name}`}
      rowClass={(m) => (m.verdict === 'better' ? 'improved' : m.verdict === 'worse' ? 'worse' : '')}
    />
  );
}
