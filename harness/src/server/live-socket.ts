import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, LiveTick, RunInfo, ServerToClientEvents } from '../contracts/live';
import { bearer, originProblem, tokenMatches } from './auth';

/** The typed socket.io server the dashboard listens to. */
export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * socket.io on the API's HTTP server. Same origin only (the dashboard is served from here, so no
 * CORS is granted, and a foreign `Origin` is refused at the handshake), and every connection must present `HARNESS_TOKEN` when one is configured
 * (`auth: { token }` or an Authorization header).
 */
export function attachLiveSocket(
  http: HttpServer,
  options: { token: string | undefined; state: () => { runs: RunInfo[]; ticks: LiveTick[] } },
): LiveServer {
  const io: LiveServer = new Server(http, {
    serveClient: false,
    cors: { origin: false },
    maxHttpBufferSize: 64 * 1024,
    // Cross-site pages cannot open the feed either (browsers do not apply CORS to WebSockets).
    allowRequest: (req, done) => {
      const problem = originProblem(req.headers, options.token);
      done(problem ?? null, problem === undefined);
    },
  });
  io.use((socket, next) => {
    if (!options.token) return next();
    const presented =
      (socket.handshake.auth as { token?: string } | undefined)?.token ??
      bearer(socket.handshake.headers.authorization);
    if (tokenMatches(options.token, presented)) return next();
    next(new Error('unauthorized: missing or wrong HARNESS_TOKEN'));
  });
  io.on('connection', (socket) => {
    socket.on('hello', (reply) => {
      if (typeof reply === 'function') reply(options.state());
    });
  });
  return io;
}
