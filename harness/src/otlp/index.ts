export type { OtlpReceiverStats } from './handle-export';
export { decodeJsonRequest } from './json-codec';
export type {
  OtlpAnyValue,
  OtlpEvent,
  OtlpKeyValue,
  OtlpLink,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
  OtlpTraceRequest,
} from './model';
export { type OtlpRows, otlpToRows } from './otlp-to-rows';
export { decodeProtobufRequest } from './proto-codec';
export { createOtlpReceiver, type OtlpReceiver, type OtlpReceiverOptions } from './receiver';
