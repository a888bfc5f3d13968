import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpanSink } from '../store/span-sink';
import { RequestAborted } from './body';
import { OtlpHttpError } from './errors';
import { type ExportContext, handleExport, type OtlpReceiverStats, sendError } from './handle-export';
import { encodingOf } from './responses';

/** Options of `createOtlpReceiver`. */
export interface OtlpReceiverOptions {
  /** Where decoded rows go; the receiver knows nothing else of the store. */
  sink: SpanSink;
  /** Default 4318 (the OTLP/HTTP port); 0 picks a free one. */
  port?: number;
  /** Default `127.0.0.1`; use `0.0.0.0` to accept other hosts. */
  host?: string;
  /** Largest body accepted, counted after decompression; default 64 MiB (the spec's advice). */
  maxBodyBytes?: number;
  /** `Retry-After` seconds on a 503 when the sink is full; default 1. */
  retryAfterSeconds?: number;
  /** Told of failures that are ours, not the sender's: a sink that throws (answered 500), a server error. */
  onError?: (err: Error) => void;
}

/** A running receiver. */
export interface OtlpReceiver {
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number;
  /** The traces endpoint, `http://host:port/v1/traces`, ready for an exporter's `url`. */
  readonly url: string;
  /** Stop listening and drop idle keep-alive connections. */
  close(): Promise<void>;
  /** A snapshot of the counters. */
  stats(): OtlpReceiverStats;
}

const TRACES_PATH = '/v1/traces';

/**
 * Start an OTLP/HTTP trace receiver (`POST /v1/traces`, protobuf or JSON) feeding `sink`.
 * Every bad input gets its status code and the server keeps serving.
 */
export async function createOtlpReceiver(options: OtlpReceiverOptions): Promise<OtlpReceiver> {
  const stats: OtlpReceiverStats = {
    requests: 0,
    spansReceived: 0,
    spansAccepted: 0,
    spansRejected: 0,
    badRequests: 0,
    throttled: 0,
  };
  const ctx: ExportContext = {
    sink: options.sink,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
    retryAfterSeconds: options.retryAfterSeconds ?? 1,
    stats,
  };

  const onError = options.onError ?? (() => {});
  const server = http.createServer((req, res) => {
    stats.requests++;
    req.on('error', () => {}); // an aborted upload must not become an uncaught 'error'
    const declared = encodingOf(req.headers['content-type']);
    const enc = declared ?? 'json';
    const refuse = (status: number, message: string) =>
      sendError(req, res, enc, new OtlpHttpError(status, message), stats);
    if ((req.url ?? '').split('?')[0] !== TRACES_PATH)
      return refuse(404, `unknown path; use POST ${TRACES_PATH}`);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(405, `method ${req.method} not allowed; use POST`);
    }
    if (!declared)
      return refuse(415, 'unsupported Content-Type; use application/x-protobuf or application/json');
    handleExport(req, res, declared, ctx).catch((err: Error) => {
      if (err instanceof RequestAborted) return res.destroy();
      onError(err);
      if (res.headersSent) res.destroy();
      else sendError(req, res, enc, new OtlpHttpError(500, `internal error: ${err.message}`), stats);
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject); // EADDRINUSE and friends fail the start
    server.listen(options.port ?? 4318, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Without a listener a later server error (e.g. EMFILE on accept) would crash the process.
  server.on('error', onError);
  const { port } = server.address() as AddressInfo;
  const shown =
    host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

  return {
    port,
    url: `http://${shown}:${port}${TRACES_PATH}`,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
