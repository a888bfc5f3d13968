import type { RunInfo } from '../lib/server-types';

/** Human label of a run: scenario, start time, status. */
export function runLabel(r: RunInfo): string {
  const when = r.startedAt.replace('T', ' ').slice(5, 19);
  return `${r.scenario} · ${when} · ${r.status}`;
}

/** Choose a run from the list (newest first). */
export function RunPicker(props: {
  label: string;
  runs: readonly RunInfo[];
  value: string | undefined;
  onChange: (runId: string) => void;
  filter?: (r: RunInfo) => boolean;
  testId?: string;
}) {
  const runs = props.filter ? props.runs.filter(props.filter) : props.runs;
  return (
    <label className="field">
      <span>{props.label}</span>
      <select
        data-testid={props.testId}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.value ? null : <option value="">— choose a run —</option>}
        {runs.map((r) => (
          <option key={r.runId} value={r.runId}>
            {runLabel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}
