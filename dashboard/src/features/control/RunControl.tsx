import { useState } from 'react';
import { Panel } from '../../components/Panel';
import { call } from '../../lib/api';
import { useLive } from '../../lib/live-context';
import { notify, notifyError } from '../../lib/notify';
import type { RunInfo, ScenarioInfo } from '../../lib/server-types';
import { useAsync } from '../../lib/use-async';

/** Start a scenario (optional rate and duration overrides) and stop the active run. */
export function RunControl() {
  const live = useLive();
  const scenarios = useAsync((signal) => call('scenarios', { signal }), []);
  const [name, setName] = useState('smoke');
  const [rate, setRate] = useState('');
  const [duration, setDuration] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = scenarios.data?.find((s) => s.name === name);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    act(async () => {
      const r = await call('startRun', {
        body: {
          scenario: name,
          ...(rate.trim() ? { rate: rate.trim() } : {}),
          ...(duration.trim() ? { duration: duration.trim() } : {}),
        },
      });
      notify('info', `run ${r.runId} started — see the Live run tab`);
    });
  const stop = (run: RunInfo) =>
    act(async () => {
      await call('stopRun', { params: { id: run.runId } });
      notify('info', `stopping run ${run.runId}`);
    });
  return (
    <Panel title="Runs">
      {scenarios.error ? <p className="empty">Could not list scenarios: {scenarios.error.message}</p> : null}
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label className="field grow">
          <span>scenario</span>
          <select data-testid="scenario-select" value={name} onChange={(e) => setName(e.target.value)}>
            {(scenarios.data ?? [{ name } as ScenarioInfo]).map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>rate (e.g. 240/m)</span>
          <input
            data-testid="run-rate"
            value={rate}
            placeholder="scenario's"
            onChange={(e) => setRate(e.target.value)}
            style={{ width: 120 }}
          />
        </label>
        <label className="field">
          <span>duration (e.g. 30s)</span>
          <input
            data-testid="run-duration"
            value={duration}
            placeholder="scenario's"
            onChange={(e) => setDuration(e.target.value)}
            style={{ width: 120 }}
          />
        </label>
        <button type="submit" data-testid="run-start" disabled={busy}>
          Start run
        </button>
      </form>
      {chosen ? (
        <p className="hint">
          {chosen.description} Patterns: {chosen.patterns.join(', ')}. Stages:{' '}
          {chosen.stages.map((s) => `${s.target}/min for ${s.duration}`).join(' → ')}.
        </p>
      ) : null}
      <h3 style={{ fontSize: 13, margin: '12px 0 6px' }}>Active</h3>
      {live.activeRuns.length === 0 ? (
        <p className="empty">No run is active.</p>
      ) : (
        live.activeRuns.map((r) => (
          <div key={r.runId} className="row" data-testid="active-run">
            <span className="pill run-active">● {r.scenario}</span>
            <code>{r.runId}</code>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void stop(r)}
              data-testid="run-stop"
            >
              Stop
            </button>
          </div>
        ))
      )}
    </Panel>
  );
}
