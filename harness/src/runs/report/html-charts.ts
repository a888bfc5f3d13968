/** The HTML report's charts, all from the run's own data (driver series and stored requests). */
import type { RunReport } from './report-data';
import { type Band, barChart, COLORS, lineChart, type Series } from './svg-charts';

const pct = (v: number) => `${Math.round(v * 100)} %`;

/** Every chart of the report, in reading order. */
export function reportCharts(r: RunReport): string[] {
  const ts = r.timeSeries;
  const bands: Band[] = r.windows.map((w) => ({ name: w.name, kind: w.kind, from: w.from, until: w.until }));
  // One colour per pattern, the same in every chart.
  const colorOf = new Map(r.detail.map((d, i) => [d.pattern, COLORS[i % COLORS.length] ?? '#4b5563']));
  const perPattern = (pick: (d: RunReport['detail'][number]) => [number, number | null][]): Series[] =>
    r.detail
      .map((d) => ({ name: d.pattern, points: pick(d), color: colorOf.get(d.pattern) ?? '#4b5563' }))
      .filter((s) => s.points.some((p) => p[1] !== null));
  const classes = [...new Set(ts.flatMap((s) => Object.keys(s.errors)))].sort();
  const latencySeries = perPattern((d) => d.series.map((s) => [s.t, s.latencyP95]));
  const ttftSeries = perPattern((d) => d.series.map((s) => [s.t, s.ttftP50]));
  const latencyCdf = perPattern((d) => d.latencyCdf);
  const ttftCdf = perPattern((d) => d.ttftCdf);
  const seconds = 'time since start (s)';
  return [
    lineChart(
      'Throughput: target vs achieved',
      seconds,
      'requests / min',
      [
        { name: 'target', points: ts.map((s) => [s.second, s.requested * 60]) },
        { name: 'achieved', points: ts.map((s) => [s.second, s.achieved * 60]) },
      ],
      { bands },
    ),
    latencySeries.length
      ? lineChart('Latency p95 per pattern over time', seconds, 'latency p95 (ms, log)', latencySeries, {
          yLog: true,
          bands,
        })
      : '',
    ttftSeries.length
      ? lineChart('TTFT p50 per pattern over time', seconds, 'TTFT p50 (ms, log)', ttftSeries, {
          yLog: true,
          bands,
        })
      : '',
    latencyCdf.length
      ? lineChart(
          'Latency distribution per pattern (CDF, measured window)',
          'latency (ms, log)',
          'share of requests ≤ x',
          latencyCdf,
          { xLog: true, yTick: pct },
        )
      : '',
    ttftCdf.length
      ? lineChart(
          'TTFT distribution per pattern (CDF, measured window)',
          'time to first token (ms, log)',
          'share of requests ≤ x',
          ttftCdf,
          { xLog: true, yTick: pct },
        )
      : '',
    classes.length
      ? lineChart(
          'Errors by class per second',
          seconds,
          'failed requests / s',
          classes.map((c) => ({
            name: c,
            points: ts.map((s) => [s.second, s.errors[c] ?? 0] as [number, number]),
          })),
          { bands },
        )
      : '',
    barChart(
      'Cost per pattern',
      'USD',
      r.patterns.map((p) => p.pattern),
      [
        { name: 'cost', values: r.patterns.map((p) => p.costUsd) },
        { name: 'retry waste', values: r.patterns.map((p) => p.wastedUsd) },
      ],
    ),
    barChart(
      'Cost per 1K requests',
      'USD / 1K requests',
      r.patterns.map((p) => p.pattern),
      [{ name: 'cost / 1K', values: r.patterns.map((p) => p.costPer1k ?? 0) }],
    ),
    barChart(
      'Retries per pattern',
      'retries',
      r.patterns.map((p) => p.pattern),
      [{ name: 'retries', values: r.patterns.map((p) => p.retries) }],
    ),
  ].filter(Boolean);
}
