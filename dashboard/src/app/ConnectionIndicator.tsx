import type { ConnectionState } from '../lib/socket';

const LABEL: Record<ConnectionState, string> = {
  connected: 'live',
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  unauthorized: 'token refused',
};

/** The socket's state as a colored dot; the detail (last error) on hover. */
export function ConnectionIndicator(props: { state: ConnectionState; detail: string | undefined }) {
  return (
    <span
      className={`pill conn-${props.state}`}
      data-testid="connection"
      title={props.detail ?? LABEL[props.state]}
    >
      <span className="dot" /> {LABEL[props.state]}
    </span>
  );
}
