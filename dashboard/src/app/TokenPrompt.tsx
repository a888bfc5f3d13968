import { useState } from 'react';

/** Asks for HARNESS_TOKEN after a 401; the token stays in this tab's sessionStorage only. */
export function TokenPrompt(props: { onSubmit: (token: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(value.trim());
        }}
      >
        <h2>Token required</h2>
        <p>
          This harness requires its bearer token (<code>HARNESS_TOKEN</code>). It is kept in this tab's
          session storage only.
        </p>
        <input
          type="password"
          autoComplete="off"
          placeholder="HARNESS_TOKEN"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          data-testid="token-input"
        />
        <button type="submit" disabled={!value.trim()}>
          Use token
        </button>
      </form>
    </div>
  );
}
