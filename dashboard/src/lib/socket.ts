import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LiveTick, RunInfo, ServerToClientEvents } from './server-types';
import { getToken, reportUnauthorized } from './token';

/** The dashboard's typed socket (same event maps as the server). */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Where the connection stands, for the header indicator. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

/** Callbacks the live store gives the socket. */
export interface SocketHandlers {
  onState(state: ConnectionState, detail?: string): void;
  /** After every (re)connect: the server's active runs and their last ticks, to resync. */
  onResync(state: { runs: RunInfo[]; ticks: LiveTick[] }): void;
}

/**
 * Connect to the harness's socket.io (same origin), presenting the stored token. Reconnects
 * forever; each successful (re)connect calls `hello` so nothing missed while away stays missing.
 */
export function connectLive(handlers: SocketHandlers): LiveSocket {
  const token = getToken();
  const socket: LiveSocket = io({
    ...(token ? { auth: { token } } : {}),
    transports: ['websocket', 'polling'],
    reconnectionDelayMax: 5_000,
  });
  let everConnected = false;
  handlers.onState('connecting');
  socket.on('connect', () => {
    everConnected = true;
    handlers.onState('connected');
    socket.emit('hello', (state) => handlers.onResync(state));
  });
  socket.on('disconnect', (reason) => handlers.onState('reconnecting', reason));
  socket.on('connect_error', (err) => {
    if (/unauthorized/i.test(err.message)) {
      handlers.onState('unauthorized', err.message);
      reportUnauthorized();
      return;
    }
    handlers.onState(everConnected ? 'reconnecting' : 'connecting', err.message);
  });
  return socket;
}
