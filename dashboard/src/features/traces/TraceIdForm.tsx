import { useState } from 'react';

const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * "Open a trace by id": 32 hex characters (pasted from a log, a report or your app's span). The
 * parent remounts it on every open, so it starts from the trace on screen.
 */
export function TraceIdForm(props: { value: string | undefined; onOpen: (traceId: string) => void }) {
  const [text, setText] = useState(props.value ?? '');
  const id = text.trim().toLowerCase();
  const bad = id !== '' && !TRACE_ID.test(id);
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        if (TRACE_ID.test(id)) props.onOpen(id);
      }}
    >
      <label className="field">
        <span>trace id</span>
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="32 hex characters"
          size={36}
          aria-invalid={bad}
          data-testid="trace-id"
        />
      </label>
      <button type="submit" disabled={!TRACE_ID.test(id)} data-testid="trace-open">
        Open trace
      </button>
      {bad ? (
        <span className="field-error" data-testid="trace-id-error">
          Invalid trace id: expected 32 hexadecimal characters (0-9, a-f), got {id.length}.
        </span>
      ) : null}
    </form>
  );
}
