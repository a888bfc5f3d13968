import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { RunPicker } from '../../components/RunPicker';
import { TimeChart } from '../../components/TimeChart';
import { call } from '../../lib/api';
import { msTick } from '../../lib/format';
import type { RunInfo } from '../../lib/server-types';
import { usePalette } from '../../lib/theme';
import { useAsync } from '../../lib/use-async';
import { useRuns } from '../../lib/use-runs';
import { DeltaTable } from './DeltaTable';
import { overlaySeries } from './overlay';

const finished = (r: RunInfo) => r.status !== 'running';
const seriesOf = (id: string, signal: AbortSignal) =>
  call('series', { params: { id }, signal }).then((r) => r.series);

/**
 * A baseline against one or more candidate runs: per metric the delta with its 95 % interval and a
 * verdict ("no significant change" inside the noise), a banner when the runs are not comparable,
 * and overlaid charts of the measured windows (warm-up left out).
 */
export function ComparePage() {
  const runs = useRuns();
  const done = (runs.data ?? []).filter(finished);
  const [a, setA] = useState<string>();
  const [picked, setPicked] = useState<(string | undefined)[]>([undefined]);
  const baseline = a ?? done[1]?.runId;
  const candidates = picked.map((c, i) => (i === 0 ? (c ?? done[0]?.runId) : c));
  const chosen = [...new Set(candidates.filter((c): c is string => !!c && c !== baseline))];
  const ready = baseline !== undefined && chosen.length > 0;
  const key = [baseline, ...chosen].join(',');
  const comparison = useAsync(
    ready ? (signal) => call('compare', { query: { baseline, candidates: chosen.join(',') }, signal }) : null,
    [key],
  );
  const series = useAsync(
    ready ? (signal) => Promise.all([baseline, ...chosen].map((id) => seriesOf(id, signal))) : null,
    [key],
  );
  const rows = series.data ? overlaySeries(series.data) : [];
  const p = usePalette();
  const color = (i: number) => p.series[i % p.series.length] ?? p.text;
  const names = ['baseline', ...chosen.map((id) => `candidate ${id}`)];
  const line = (prefix: string) =>
    names.map((name, i) => ({ key: `${prefix}_${i}`, name, color: color(i), dashed: i === 0 }));
  return (
    <>
      <div className="toolbar">
        <RunPicker label="baseline" runs={done} value={baseline} onChange={setA} testId="compare-a" />
        {candidates.map((c, i) => (
          <RunPicker
            // biome-ignore lint/suspicious/noArrayIndexKey: the pickers are positions, not items
            key={i}
            label={`candidate ${i + 1}`}
            runs={done}
            value={c}
            onChange={(v) => setPicked(candidates.map((x, j) => (j === i ? v : x)))}
            testId={i === 0 ? 'compare-b' : `compare-c${i + 1}`}
          />
        ))}
        <button type="button" onClick={() => setPicked([...candidates, undefined])} data-testid="compare-add">
          + candidate
        </button>
      </div>
      {!ready ? <p className="empty">Pick a baseline and at least one other finished run.</p> : null}
      {comparison.error ? <p className="empty">Could not compare: {comparison.error.message}</p> : null}
      {series.error ? <p className="empty">Could not load the series: {series.error.message}</p> : null}
      {ready && comparison.data?.warnings.length ? (
        <div className="banner warn" role="alert" data-testid="compare-warnings">
          <b>These runs may not be comparable:</b>
          <ul>
            {comparison.data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          {comparison.data.settingsDiffer.length ? (
            <table className="data" data-testid="compare-settings-differ">
              <thead>
                <tr>
                  <th>candidate</th>
                  <th>setting</th>
                  <th>baseline</th>
                  <th>candidate value</th>
                </tr>
              </thead>
              <tbody>
                {comparison.data.settingsDiffer.map((d) => (
                  <tr key={`${d.candidateRun}|${d.setting}`}>
                    <td>{d.candidateRun}</td>
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
          ) : null}
        </div>
      ) : null}
      {ready && comparison.data
        ? comparison.data.candidates.map((c) => (
            <Panel
              key={c.runId}
              title={`${c.scenario} (${c.runId}, ${c.samples} requests) vs baseline ${comparison.data?.baseline.scenario} (${comparison.data?.baseline.runId}, ${comparison.data?.baseline.samples} requests)`}
              testId="compare-deltas"
            >
              <DeltaTable
                metrics={comparison.data?.metrics.filter((m) => m.candidateRun === c.runId) ?? []}
                testId="delta-table"
              />
            </Panel>
          ))
        : null}
      {ready ? (
        <div className="grid">
          <Panel title="Latency p95 per second (measured window)" unit="ms">
            <TimeChart
              testId="chart-compare-latency"
              rows={rows}
              unit="ms"
              yTick={msTick}
              valueFormat={(v) => `${v.toFixed(0)} ms`}
              series={line('p95')}
            />
          </Panel>
          <Panel title="Achieved rate per second (measured window)" unit="requests/min">
            <TimeChart testId="chart-compare-rate" rows={rows} unit="req/min" series={line('rate')} />
          </Panel>
        </div>
      ) : null}
    </>
  );
}
