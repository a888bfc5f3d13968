import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { badRequest } from './errors';
import type { OtlpLink, OtlpScopeSpans, OtlpSpan, OtlpTraceRequest } from './model';

/** `harness/proto`, found from this file so it works from any working directory. */
const PROTO_DIR = fileURLToPath(new URL('../../proto/', import.meta.url));

/** Load the opentelemetry-proto (and google.rpc) definitions once, at module load. */
function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  // OTLP imports are root-relative ("opentelemetry/proto/…"); google/protobuf/* are bundled.
  root.resolvePath = (_origin, target) => path.join(PROTO_DIR, target);
  root.loadSync(['opentelemetry/proto/collector/trace/v1/trace_service.proto', 'google/rpc/status.proto']);
  return root;
}

const root = loadRoot();
const RequestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
const ResponseType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
const StatusType = root.lookupType('google.rpc.Status');

/** The request as `toObject` leaves it: ids still bytes. */
type Wire<T, K extends keyof T> = Omit<T, K> & { [P in K]?: Uint8Array | undefined };
type WireLink = Wire<OtlpLink, 'traceId' | 'spanId'>;
type WireSpan = Omit<Wire<OtlpSpan, 'traceId' | 'spanId' | 'parentSpanId'>, 'links'> & { links?: WireLink[] };
type WireRequest = {
  resourceSpans?: (Omit<NonNullable<OtlpTraceRequest['resourceSpans']>[number], 'scopeSpans'> & {
    scopeSpans?: (Omit<OtlpScopeSpans, 'spans'> & { spans?: WireSpan[] })[];
  })[];
};

const hex = (b: Uint8Array | undefined) =>
  b ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex') : '';

function span(s: WireSpan): OtlpSpan {
  return {
    ...s,
    traceId: hex(s.traceId),
    spanId: hex(s.spanId),
    parentSpanId: hex(s.parentSpanId),
    links: s.links?.map((l) => ({ ...l, traceId: hex(l.traceId), spanId: hex(l.spanId) })),
  };
}

/**
 * Decode a protobuf `ExportTraceServiceRequest`. Throws a 400 `OtlpHttpError` when the bytes
 * are not one. 64-bit fields come out as decimal strings, ids as lowercase hex.
 */
export function decodeProtobufRequest(body: Uint8Array): OtlpTraceRequest {
  let wire: WireRequest;
  try {
    wire = RequestType.toObject(RequestType.decode(body), { longs: String, enums: Number }) as WireRequest;
  } catch (err) {
    throw badRequest(`invalid protobuf ExportTraceServiceRequest: ${(err as Error).message}`);
  }
  return {
    resourceSpans: wire.resourceSpans?.map((rs) => ({
      ...rs,
      scopeSpans: rs.scopeSpans?.map((ss) => ({ ...ss, spans: ss.spans?.map(span) })),
    })),
  };
}

/** Protobuf `ExportTraceServiceResponse`: empty bytes on full success. */
export function encodeProtobufResponse(rejected: number, errorMessage: string): Uint8Array {
  if (rejected === 0 && !errorMessage) return new Uint8Array(0);
  const msg = ResponseType.fromObject({ partialSuccess: { rejectedSpans: rejected, errorMessage } });
  return ResponseType.encode(msg).finish();
}

/** Protobuf `google.rpc.Status`, the body of every error answer. */
export function encodeProtobufStatus(code: number, message: string): Uint8Array {
  return StatusType.encode(StatusType.fromObject({ code, message })).finish();
}

/** Encode a request given in protobufjs `fromObject` form (ids as bytes); for tests and tools. */
export function encodeProtobufRequest(request: object): Uint8Array {
  return RequestType.encode(RequestType.fromObject(request)).finish();
}
