import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SpanSink } from '../store/span-sink';
import { readBody } from './body';
import { badRequest, OtlpHttpError } from './errors';
import { decodeJsonRequest } from './json-codec';
import { type OtlpRows, otlpToRows } from './otlp-to-rows';
import { decodeProtobufRequest } from './proto-codec';
import { type OtlpEncoding, sendExportResponse, sendStatus } from './responses';

/** Counters of a receiver since it started; every request and span is accounted for. */
export interface OtlpReceiverStats {
  /** HTTP requests of any kind. */
  requests: number;
  /** Spans decoded from export requests, valid or not. */
  spansReceived: number;
  /** Spans the sink took. */
  spansAccepted: number;
  /** Spans invalid or refused by the sink (partial successes and 503s). */
  spansRejected: number;
  /** Requests answered 4xx: undecodable, too large, wrong media type, method or path. */
  badRequests: number;
  /** Requests answered 503 because the sink's queue was full. */
  throttled: number;
}

/** What one export needs from its receiver. */
export interface ExportContext {
  sink: SpanSink;
  maxBodyBytes: number;
  retryAfterSeconds: number;
  stats: OtlpReceiverStats;
}

/** Body → rows; any failure here is the sender's data, hence 400 (even a stack overflow on absurd nesting). */
async function decode(req: IncomingMessage, enc: OtlpEncoding, maxBodyBytes: number): Promise<OtlpRows> {
  const body = await readBody(req, maxBodyBytes);
  try {
    return otlpToRows(enc === 'json' ? decodeJsonRequest(body) : decodeProtobufRequest(body));
  } catch (err) {
    throw err instanceof OtlpHttpError ? err : badRequest(`cannot decode request: ${(err as Error).message}`);
  }
}

/** Past this much unread body after an error answer, the connection is cut instead of drained. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Discard the rest of a body we answered early. Closing at once would let the kernel reset the
 * connection over the unread bytes, and the client could lose the answer; a sender that keeps
 * streaming past `DRAIN_LIMIT` is cut off.
 */
function drain(req: IncomingMessage) {
  if (req.complete) return;
  let left = DRAIN_LIMIT;
  req.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) req.destroy();
  });
  req.resume();
}

/** Answer an `OtlpHttpError` with a `google.rpc.Status`, counting 4xx as bad requests. */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  enc: OtlpEncoding,
  err: OtlpHttpError,
  stats: OtlpReceiverStats,
) {
  if (err.status < 500) stats.badRequests++;
  sendStatus(res, enc, err.status, err.message);
  drain(req);
}

/**
 * Handle one `POST /v1/traces` whose media type is known: decode, hand the rows to the sink,
 * and answer per OTLP/HTTP — 200 (maybe with `partialSuccess`), 400/413/415 for bad input, or
 * 503 + `Retry-After` when the sink's queue refuses every span (a retryable overload).
 */
export async function handleExport(
  req: IncomingMessage,
  res: ServerResponse,
  enc: OtlpEncoding,
  ctx: ExportContext,
) {
  const { stats } = ctx;
  let mapped: OtlpRows;
  try {
    mapped = await decode(req, enc, ctx.maxBodyBytes);
  } catch (err) {
    if (!(err instanceof OtlpHttpError)) throw err;
    sendError(req, res, enc, err, stats);
    return;
  }
  const { rows, invalid, reasons } = mapped;
  stats.spansReceived += rows.length + invalid;
  const { accepted, rejected } = rows.length > 0 ? ctx.sink.accept(rows) : { accepted: 0, rejected: 0 };
  stats.spansAccepted += accepted;
  stats.spansRejected += invalid + rejected;
  if (rows.length > 0 && accepted === 0 && rejected > 0) {
    stats.throttled++;
    sendStatus(res, enc, 503, `span queue full: ${rejected} spans refused, retry later`, {
      'Retry-After': String(ctx.retryAfterSeconds),
    });
    return;
  }
  if (rejected > 0) reasons.push(`span queue full (${rejected} spans)`);
  const total = invalid + rejected;
  sendExportResponse(res, enc, total, total > 0 ? `${total} spans rejected: ${reasons.join('; ')}` : '');
}
