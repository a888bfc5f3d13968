import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { RunPicker } from '../../components/RunPicker';
import { TimeChart } from '../../components/TimeChart';
import { api, query } from '../../lib/api';
import { msTick } from '../../lib/format';
import type { Comparison, RunInfo, SeriesPoint } from '../../lib/server-types';
import { usePalette } from '../../lib/theme';
import { useAsync } from '../../lib/use-async';
import { useRuns } from '../../lib/use-runs';
import { DeltaTable } from './DeltaTable';
import { overlaySeries } from './overlay';

const finished = (r: RunInfo) => r.status !== 'running';
const seriesOf = (id: string, signal: AbortSignal) =>
  api<{ series: SeriesPoint[] }>(`/api/runs/${encodeURIComponent(id)}/series`, { signal }).then(
    (r) => r.series,
  );

/** A candidate run against a baseline: metric deltas (green better, red worse) and overlaid charts. */
export function ComparePage() {
  const runs = useRuns();
  const done = (runs.data ?? []).filter(finished);
  const [a, setA] = useState<string>();
  const [b, setB] = useState<string>();
  const baseline = a ?? done[1]?.runId;
  const candidate = b ?? done[0]?.runId;
  const ready = baseline && candidate && baseline !== candidate;
  const comparison = useAsync(
    ready
      ? (signal) => api<Comparison>(`/api/compare${query({ a: baseline, b: candidate })}`, { signal })
      : null,
    [baseline, candidate],
  );
  const series = useAsync(
    ready ? (signal) => Promise.all([seriesOf(baseline, signal), seriesOf(candidate, signal)]) : null,
    [baseline, candidate],
  );
  const rows = series.data ? overlaySeries(series.data[0], series.data[1]) : [];
  const p = usePalette();
  const [ca, cb] = [p.series[0] ?? p.text, p.series[1] ?? p.text];
  return (
    <>
      <div className="toolbar">
        <RunPicker label="baseline" runs={done} value={baseline} onChange={setA} testId="compare-a" />
        <RunPicker label="candidate" runs={done} value={candidate} onChange={setB} testId="compare-b" />
      </div>
      {!ready ? (
        <p className="empty">Pick two different finished runs (two runs are needed to compare).</p>
      ) : null}
      {comparison.error ? <p className="empty">Could not compare: {comparison.error.message}</p> : null}
      {series.error ? <p className="empty">Could not load the series: {series.error.message}</p> : null}
      {ready && comparison.data ? (
        <Panel
          title={`${comparison.data.candidate.scenario} (${comparison.data.candidate.runId}) vs ${comparison.data.baseline.scenario} (${comparison.data.baseline.runId})`}
          testId="compare-deltas"
        >
          {comparison.data.settingsDiffer.length ? (
            <div data-testid="compare-settings-differ">
              <p>
                <span className="badge warn">warning</span> The runs ran on different settings: their numbers
                may not be comparable.
              </p>
              <table className="data">
                <thead>
                  <tr>
                    <th>setting</th>
                    <th>baseline</th>
                    <th>candidate</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.data.settingsDiffer.map((d) => (
                    <tr key={d.setting}>
                      <td>{d.setting}</td>
                      <td>
                        <code>{d.baseline}</code>
                      </td>
                      <td>
                        <code>{d.candidate}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <DeltaTable metrics={comparison.data.metrics} testId="delta-table" />
        </Panel>
      ) : null}
      {ready ? (
        <div className="grid">
          <Panel title="Latency p95 per second" unit="ms">
            <TimeChart
              testId="chart-compare-latency"
              rows={rows}
              unit="ms"
              yTick={msTick}
              valueFormat={(v) => `${v.toFixed(0)} ms`}
              series={[
                { key: 'aP95', name: 'baseline p95', color: ca, dashed: true },
                { key: 'bP95', name: 'candidate p95', color: cb },
              ]}
            />
          </Panel>
          <Panel title="Achieved rate per second" unit="requests/min">
            <TimeChart
              testId="chart-compare-rate"
              rows={rows}
              unit="req/min"
              series={[
                { key: 'aRate', name: 'baseline', color: ca, dashed: true },
                { key: 'bRate', name: 'candidate', color: cb },
              ]}
            />
          </Panel>
        </div>
      ) : null}
      {ready && comparison.data?.patterns.length ? (
        <Panel title="Per pattern" unit="patterns present in both runs">
          <DeltaTable
            metrics={comparison.data.patterns.flatMap((pt) =>
              pt.metrics.map((m) => ({ ...m, metric: `${pt.pattern} · ${m.metric}` })),
            )}
          />
        </Panel>
      ) : null}
    </>
  );
}
