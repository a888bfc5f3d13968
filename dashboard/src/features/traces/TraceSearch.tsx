import { PATTERN_NAMES } from 'harness/contracts';
import { FAULT_KINDS } from 'mock-providers/faults';
import { useState } from 'react';
import { RunPicker } from '../../components/RunPicker';
import type { RunInfo } from '../../lib/server-types';

/** The search filters, as the API takes them (empty = any). */
export interface TraceQuery {
  run: string;
  pattern: string;
  errorClass: string;
  minLatencyMs: string;
}

/** The mock's fault kinds (one list, owned by mock-providers) plus the client-side classes. */
const ERROR_CLASSES = [
  ...FAULT_KINDS,
  'breaker_open',
  'queue_full',
  'cancelled',
  'network',
  'auth',
  'bad_request',
  'not_found',
];

/** Filters for the trace search: run, pattern, error class, minimum latency. */
export function TraceSearch(props: {
  runs: readonly RunInfo[];
  initial: TraceQuery;
  onSearch: (q: TraceQuery) => void;
}) {
  const [q, setQ] = useState(props.initial);
  const set = (patch: Partial<TraceQuery>) => setQ((x) => ({ ...x, ...patch }));
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch(q);
      }}
    >
      <RunPicker
        label="run"
        runs={props.runs}
        value={q.run || undefined}
        onChange={(run) => set({ run })}
        testId="traces-run"
      />
      <label className="field">
        <span>pattern</span>
        <select
          value={q.pattern}
          onChange={(e) => set({ pattern: e.target.value })}
          data-testid="traces-pattern"
        >
          <option value="">any</option>
          {PATTERN_NAMES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>error class</span>
        <select
          value={q.errorClass}
          onChange={(e) => set({ errorClass: e.target.value })}
          data-testid="traces-error"
        >
          <option value="">any</option>
          {ERROR_CLASSES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>min latency (ms)</span>
        <input
          type="number"
          min={0}
          step={50}
          value={q.minLatencyMs}
          onChange={(e) => set({ minLatencyMs: e.target.value })}
          style={{ width: 110 }}
          data-testid="traces-min-latency"
        />
      </label>
      <button type="submit" data-testid="traces-search">
        Search
      </button>
    </form>
  );
}
