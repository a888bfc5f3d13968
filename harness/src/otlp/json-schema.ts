import { z } from 'zod';
import type { OtlpAnyValue, OtlpKeyValue, OtlpSpan, OtlpTraceRequest } from './model';

// proto3 JSON: snake_case names are accepted besides lowerCamelCase (pdata does), and a null
// field means "default", i.e. absent.
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
function normalizeKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  if (!Object.keys(o).some((k) => k.includes('_') || o[k] === null)) return v; // the usual case
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (x !== null && k !== '__proto__') out[camel(k)] = x;
  return out;
}

/** A protobuf message as a JSON object: unknown fields dropped, snake_case names accepted. */
const message = <S extends z.ZodRawShape>(shape: S) => z.preprocess(normalizeKeys, z.object(shape));
/** Every field is optional (nulls were removed by `normalizeKeys`). */
const opt = <T extends z.ZodType>(s: T) => s.optional();

/** 64-bit integer from a decimal string or a number, kept exact as a decimal string. */
const integer = (min: bigint, max: bigint) =>
  z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform((v, ctx) => {
    const b = BigInt(v);
    if (b >= min && b <= max) return b.toString();
    ctx.addIssue({ code: 'custom', message: `integer out of range: ${v}` });
    return z.NEVER;
  });
const u64 = integer(0n, 2n ** 64n - 1n);
const i64 = integer(-(2n ** 63n), 2n ** 63n - 1n);

/** proto3 JSON doubles may be strings too, which is how NaN and ±Infinity travel. */
const double = z
  .union([
    z.number(),
    z.enum(['NaN', 'Infinity', '-Infinity']),
    z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/),
  ])
  .transform(Number);

/** OTLP JSON sends enums as integers; the names are accepted too, as pdata does. */
const enumNumber = (names: readonly string[]) =>
  z.union([z.number().int(), z.string()]).transform((v, ctx) => {
    if (typeof v === 'number') return v;
    if (/^-?\d+$/.test(v)) return Number(v);
    const i = names.indexOf(v);
    if (i >= 0) return i;
    ctx.addIssue({ code: 'custom', message: `unknown enum value: ${v}` });
    return z.NEVER;
  });

/** Trace and span ids are hex in OTLP JSON (not base64), case-insensitive. */
const hexId = z.string().transform((s) => s.toLowerCase());
/** Other bytes (bytesValue) are standard or URL-safe base64. */
const bytes = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/)
  .transform((s) => new Uint8Array(Buffer.from(s, 'base64')));

const anyValue: z.ZodType<OtlpAnyValue> = z.lazy(() =>
  message({
    stringValue: opt(z.string()),
    boolValue: opt(z.boolean()),
    intValue: opt(i64),
    doubleValue: opt(double),
    arrayValue: opt(message({ values: opt(z.array(anyValue)) })),
    kvlistValue: opt(message({ values: opt(z.array(keyValue)) })),
    bytesValue: opt(bytes),
  }),
);
const keyValue: z.ZodType<OtlpKeyValue> = z.lazy(() =>
  message({ key: opt(z.string()), value: opt(anyValue) }),
);
const attributes = opt(z.array(keyValue));

const span: z.ZodType<OtlpSpan> = message({
  traceId: opt(hexId),
  spanId: opt(hexId),
  traceState: opt(z.string()),
  parentSpanId: opt(hexId),
  name: opt(z.string()),
  kind: opt(
    enumNumber([
      'SPAN_KIND_UNSPECIFIED',
      'SPAN_KIND_INTERNAL',
      'SPAN_KIND_SERVER',
      'SPAN_KIND_CLIENT',
      'SPAN_KIND_PRODUCER',
      'SPAN_KIND_CONSUMER',
    ]),
  ),
  startTimeUnixNano: opt(u64),
  endTimeUnixNano: opt(u64),
  attributes,
  events: opt(z.array(message({ timeUnixNano: opt(u64), name: opt(z.string()), attributes }))),
  links: opt(
    z.array(message({ traceId: opt(hexId), spanId: opt(hexId), traceState: opt(z.string()), attributes })),
  ),
  status: opt(
    message({
      message: opt(z.string()),
      code: opt(enumNumber(['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'])),
    }),
  ),
});

/**
 * OTLP/JSON `ExportTraceServiceRequest` (proto3 JSON mapping with the OTLP deviations of
 * telemetry.md §5), parsed into the same decoded shape the protobuf path produces.
 */
export const traceRequestSchema: z.ZodType<OtlpTraceRequest> = message({
  resourceSpans: opt(
    z.array(
      message({
        resource: opt(message({ attributes })),
        scopeSpans: opt(
          z.array(
            message({
              scope: opt(message({ name: opt(z.string()), version: opt(z.string()) })),
              spans: opt(z.array(span)),
            }),
          ),
        ),
      }),
    ),
  ),
});
