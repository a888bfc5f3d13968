import { call } from '../lib/api';
import type { RunSettings as Settings } from '../lib/server-types';
import { useAsync } from '../lib/use-async';
import { Panel } from './Panel';

/** A setting's value as stored: strings and numbers as is, `off` for a disabled policy, else JSON. */
const show = (v: unknown) =>
  v === false ? 'off' : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);

function Rows({ values }: { values: Record<string, unknown> }) {
  return (
    <>
      {Object.entries(values).map(([k, v]) => (
        <tr key={k}>
          <td>{k}</td>
          <td>
            <code>{show(v)}</code>
          </td>
        </tr>
      ))}
    </>
  );
}

/**
 * What a run ran on, as its registry record says (`GET /api/runs/:id`): the mock's effective
 * settings (applied whole at its start) and the client's, plus why it failed when it did.
 */
export function RunSettingsPanel({ runId, version }: { runId: string; version?: unknown }) {
  const detail = useAsync(
    (signal) =>
      call('getRun', { params: { id: runId }, signal }).then(
        (r) =>
          r as {
            run: { status: string; settings?: Settings | null; summary?: { error?: string } | null };
          },
      ),
    [runId, version],
  );
  const run = detail.data?.run;
  return (
    <Panel title="Settings" unit="what this run ran on" testId="run-settings">
      {detail.error ? <p className="empty">Could not load the run: {detail.error.message}</p> : null}
      {run?.status === 'failed' ? (
        <p data-testid="run-failure">
          <span className="badge bad">failed</span> {run.summary?.error ?? 'no reason recorded'}
        </p>
      ) : null}
      {run && !run.settings ? (
        <p className="empty">Not recorded (a run from before settings were kept).</p>
      ) : null}
      {run?.settings ? (
        <table className="data" data-testid="run-settings-table">
          <tbody>
            <tr>
              <th colSpan={2}>mock (effective)</th>
            </tr>
            {run.settings.mock ? (
              <Rows values={{ ...run.settings.mock }} />
            ) : (
              <tr>
                <td colSpan={2}>no mock admin API: not applied</td>
              </tr>
            )}
            {(run.settings.mockChanges ?? []).map((c) => (
              <tr key={c.at} data-testid="run-settings-change">
                <td>changed live at {c.at}</td>
                <td>
                  <code>{JSON.stringify(c.settings)}</code>
                </td>
              </tr>
            ))}
            <tr>
              <th colSpan={2}>client</th>
            </tr>
            {run.settings.client ? <Rows values={run.settings.client} /> : null}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}
