import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { RunPicker } from '../../components/RunPicker';
import { call } from '../../lib/api';
import { useLive } from '../../lib/live-context';
import { useAsync } from '../../lib/use-async';
import { useRuns } from '../../lib/use-runs';
import { CostLatencyScatter } from './CostLatencyScatter';
import { PatternTable } from './PatternTable';
import { type LatencyMetric, patternPoints } from './pattern-points';

/** Patterns of one run side by side: cost vs latency, and the production-stats table. */
export function PatternsPage() {
  const runs = useRuns();
  const { runsVersion } = useLive();
  const [picked, setPicked] = useState<string>();
  const [metric, setMetric] = useState<LatencyMetric>('p95');
  const runId = picked ?? runs.data?.[0]?.runId;
  const stats = useAsync(
    runId ? async (signal) => (await call('patterns', { query: { run: runId }, signal })).patterns : null,
    [runId, runsVersion],
  );
  const points = patternPoints(stats.data ?? [], metric);
  return (
    <>
      <div className="toolbar">
        <RunPicker
          label="run"
          runs={runs.data ?? []}
          value={runId}
          onChange={setPicked}
          testId="patterns-run-picker"
        />
        <label className="field">
          <span>latency axis</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as LatencyMetric)}>
            <option value="p95">p95 latency</option>
            <option value="avg">average latency</option>
          </select>
        </label>
      </div>
      {stats.error ? <p className="empty">Could not load pattern stats: {stats.error.message}</p> : null}
      <Panel title="Cost vs latency per pattern" unit={`x: ${metric} ms, y: USD per 1K requests`}>
        {points.length ? (
          <CostLatencyScatter points={points} metric={metric} />
        ) : (
          <p className="empty">No pattern data for this run.</p>
        )}
        <p className="hint">Lower left is faster and cheaper; dot size is the number of requests.</p>
      </Panel>
      <Panel title="Production stats by pattern" unit="warm-up excluded">
        <PatternTable stats={stats.data ?? []} />
      </Panel>
    </>
  );
}
