import type { ServerResponse } from 'node:http';
import { encodeJsonResponse, encodeJsonStatus } from './json-codec';
import { encodeProtobufResponse, encodeProtobufStatus } from './proto-codec';

/** The two OTLP/HTTP encodings; the answer always uses the request's. */
export type OtlpEncoding = 'protobuf' | 'json';

const CONTENT_TYPE: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** The encoding a `Content-Type` names, ignoring parameters such as `charset`; else undefined. */
export function encodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (media === CONTENT_TYPE.protobuf) return 'protobuf';
  if (media === CONTENT_TYPE.json) return 'json';
  return undefined;
}

/** google.rpc.Code for an HTTP status, as grpc-gateway maps them. */
function rpcCode(status: number): number {
  if (status === 404) return 5; // NOT_FOUND
  if (status === 405) return 12; // UNIMPLEMENTED
  if (status === 429) return 8; // RESOURCE_EXHAUSTED
  if (status === 503) return 14; // UNAVAILABLE
  if (status >= 500) return 13; // INTERNAL
  return 3; // INVALID_ARGUMENT: undecodable, too large, wrong media type
}

function send(res: ServerResponse, status: number, enc: OtlpEncoding, body: Uint8Array, headers = {}) {
  res.writeHead(status, { ...headers, 'Content-Type': CONTENT_TYPE[enc], 'Content-Length': body.byteLength });
  res.end(body);
}

/**
 * 200 with an `ExportTraceServiceResponse`: empty on full success, `partialSuccess` when spans
 * were rejected (the client must not retry those).
 */
export function sendExportResponse(
  res: ServerResponse,
  enc: OtlpEncoding,
  rejected: number,
  errorMessage = '',
) {
  const body =
    enc === 'json'
      ? encodeJsonResponse(rejected, errorMessage)
      : encodeProtobufResponse(rejected, errorMessage);
  send(res, 200, enc, body);
}

/** An error answer: the status code with a `google.rpc.Status` body in the request's encoding. */
export function sendStatus(
  res: ServerResponse,
  enc: OtlpEncoding,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const code = rpcCode(status);
  const body = enc === 'json' ? encodeJsonStatus(code, message) : encodeProtobufStatus(code, message);
  send(res, status, enc, body, headers);
}
