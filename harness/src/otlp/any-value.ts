import { attributeMap } from '../store/span-row';
import type { OtlpAnyValue, OtlpKeyValue } from './model';

const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/**
 * The plain value `attributeString` turns into what pdata `Value.AsString()` prints: int64 as a
 * bigint (exact), bytes as standard base64, arrays and kvlists already rendered as JSON.
 */
export function anyValuePlain(v: OtlpAnyValue | undefined): unknown {
  if (v === undefined) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return BigInt(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue !== undefined || v.kvlistValue !== undefined) return anyValueJson(v);
  if (v.bytesValue !== undefined) return base64(v.bytesValue);
  return undefined;
}

/**
 * Compact JSON of a value's plain form, as pdata marshals `AsRaw()`. Hand-written rather than
 * `JSON.stringify` because int64 must print exactly (no bigint support there) and kvlist keys
 * must come out sorted the way Go's encoding/json sorts map keys (duplicates: last one wins).
 */
export function anyValueJson(v: OtlpAnyValue | undefined): string {
  if (v === undefined) return 'null';
  if (v.stringValue !== undefined) return JSON.stringify(v.stringValue);
  if (v.boolValue !== undefined) return String(v.boolValue);
  if (v.intValue !== undefined) return BigInt(v.intValue).toString();
  // Non-finite doubles have no JSON form; null is what JSON.stringify writes.
  if (v.doubleValue !== undefined) return JSON.stringify(v.doubleValue);
  if (v.arrayValue !== undefined) return `[${(v.arrayValue.values ?? []).map(anyValueJson).join(',')}]`;
  if (v.kvlistValue !== undefined) {
    const byKey = new Map<string, OtlpAnyValue | undefined>();
    for (const kv of v.kvlistValue.values ?? []) byKey.set(kv.key ?? '', kv.value);
    const keys = [...byKey.keys()].sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${anyValueJson(byKey.get(k))}`).join(',')}}`;
  }
  if (v.bytesValue !== undefined) return JSON.stringify(base64(v.bytesValue));
  return 'null';
}

/** OTLP attributes → the sorted, stringified `Map(String, String)` of a row. */
export function attributesToMap(kvs: readonly OtlpKeyValue[] | undefined): Record<string, string> {
  return attributeMap((kvs ?? []).map((kv) => [kv.key ?? '', anyValuePlain(kv.value)]));
}
