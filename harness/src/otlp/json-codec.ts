import { badRequest } from './errors';
import { traceRequestSchema } from './json-schema';
import { quoteLongIntegers } from './long-integers';
import type { OtlpTraceRequest } from './model';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decode an OTLP/JSON request body. Throws a 400 `OtlpHttpError` for anything that is not
 * UTF-8 JSON of the request's shape; 64-bit integers written as numbers stay exact.
 */
export function decodeJsonRequest(body: Uint8Array): OtlpTraceRequest {
  let value: unknown;
  try {
    value = JSON.parse(quoteLongIntegers(utf8.decode(body)));
  } catch (err) {
    throw badRequest(`invalid JSON: ${(err as Error).message}`);
  }
  let parsed: ReturnType<typeof traceRequestSchema.safeParse>;
  try {
    parsed = traceRequestSchema.safeParse(value);
  } catch (err) {
    // Absurd nesting overflows the recursive schema's stack; protobuf caps depth at 100 instead.
    throw badRequest(`invalid ExportTraceServiceRequest: ${(err as Error).message}`);
  }
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badRequest(
    `invalid ExportTraceServiceRequest: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}`,
  );
}

/** JSON `ExportTraceServiceResponse`: `{}` on full success; int64 `rejectedSpans` as a string. */
export function encodeJsonResponse(rejected: number, errorMessage: string): Uint8Array {
  const body =
    rejected > 0 || errorMessage ? { partialSuccess: { rejectedSpans: String(rejected), errorMessage } } : {};
  return Buffer.from(JSON.stringify(body));
}

/** JSON `google.rpc.Status`, the body of every error answer. */
export function encodeJsonStatus(code: number, message: string): Uint8Array {
  return Buffer.from(JSON.stringify({ code, message, details: [] }));
}
