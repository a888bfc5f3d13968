import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { RunPicker } from '../../components/RunPicker';
import { RunSettingsPanel } from '../../components/RunSettings';
import { call } from '../../lib/api';
import { useLive } from '../../lib/live-context';
import { useAsync } from '../../lib/use-async';
import { useRuns } from '../../lib/use-runs';
import { BreakerStrip } from './BreakerStrip';
import { ConfusionPanel } from './ConfusionPanel';
import { InstrumentPanel } from './InstrumentPanel';
import { LiveCharts } from './LiveCharts';
import { LiveStats } from './LiveStats';
import { mergeRows } from './live-rows';
import { type RunFigures, totalsFromSeries } from './run-totals';

/**
 * Live run view: the active run by default (ticks each second over socket.io), or any past run
 * from its stored per-second history.
 */
export function LivePage() {
  const live = useLive();
  const runs = useRuns();
  const [picked, setPicked] = useState<string>();
  const runId = picked ?? live.activeRuns[0]?.runId ?? runs.data?.[0]?.runId;
  const isActive = live.activeRuns.some((r) => r.runId === runId);
  // History: everything before the page opened, and the whole run once it has ended.
  const history = useAsync(
    runId ? async (signal) => (await call('series', { params: { id: runId }, signal })).series : null,
    [runId, isActive],
  );
  // A finished run's report: its run-wide figures and the injected-vs-observed matrix.
  const report = useAsync(
    runId && !isActive ? (signal) => call('report', { params: { id: runId }, signal }) : null,
    [runId, isActive],
  );
  const ticks = runId ? (live.ticks[runId] ?? []) : [];
  const rows = mergeRows(history.data ?? [], ticks);
  const last = ticks[ticks.length - 1];
  const totals: RunFigures =
    isActive && last
      ? {
          scheduled: last.totals.scheduled,
          ok: last.measured.ok,
          errors: last.measured.errors,
          dropped: last.measured.dropped,
          costUsd: last.measured.costUsd,
          achievedRpm: last.achievedRpm,
          targetRpm: last.targetRpm,
          inFlight: last.inFlight,
          queueDepth: last.queueDepth,
          tokensPerSec: last.tokensPerSec,
          costPerMin: last.costPerMin,
          latencyP95: last.measured.latencyMs.p95,
          errorRate: last.measured.errorRate,
          costPer1k: last.measured.costPer1k,
        }
      : {
          ...totalsFromSeries(history.data ?? []),
          latencyP95: report.data?.latency.p95 ?? null,
          errorRate: report.data?.errorRate ?? null,
          costPer1k: report.data?.cost.per1kRequests ?? null,
        };
  const run = runs.data?.find((r) => r.runId === runId) ?? live.activeRuns.find((r) => r.runId === runId);

  return (
    <>
      <div className="toolbar">
        <RunPicker
          label="run"
          runs={runs.data ?? live.activeRuns}
          value={runId}
          onChange={setPicked}
          testId="live-run-picker"
        />
        {picked ? (
          <button type="button" className="ghost" onClick={() => setPicked(undefined)}>
            follow the active run
          </button>
        ) : null}
        <span className={`pill ${isActive ? 'run-active' : ''}`} data-testid="live-status">
          {run
            ? isActive
              ? `● live · t = ${last?.t ?? 0} s${last?.warmup ? ' (warm-up)' : ''}`
              : run.status
            : 'no runs yet'}
        </span>
      </div>
      {runs.error ? <p className="empty">Could not list runs: {runs.error.message}</p> : null}
      {history.error ? (
        <p className="empty">Could not load this run's history: {history.error.message}</p>
      ) : null}
      {!runId ? (
        <Panel title="No run yet">
          <p className="empty">
            Start a scenario from the Control tab (or `harness run smoke`); it appears here live.
          </p>
        </Panel>
      ) : (
        <>
          <Panel title={run ? `${run.scenario} — ${run.runId}` : runId}>
            <LiveStats last={last} totals={totals} live={isActive} />
          </Panel>
          <Panel title="Circuit breakers" unit="this run's client, per provider/model">
            <BreakerStrip breakers={last?.breakers} />
          </Panel>
          <LiveCharts rows={rows} />
          <RunSettingsPanel runId={runId} version={run?.status} />
          {isActive ? null : <InstrumentPanel runId={runId} />}
          {isActive ? null : <ConfusionPanel report={report} />}
        </>
      )}
    </>
  );
}
