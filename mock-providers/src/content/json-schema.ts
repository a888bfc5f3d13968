import type { Rng } from './rng';

/** The subset of JSON Schema the generator understands (draft 2020-12 / OpenAPI / Gemini upper-case types). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  format?: string;
  nullable?: boolean;
}

const SAMPLE_WORDS = [
  'alpha',
  'paris',
  'blue',
  'delta',
  'sample',
  'value',
  'north',
  'green',
  'river',
  'orbit',
];

function typeOf(schema: JsonSchema): string {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t.toLowerCase();
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return 'string';
}

function str(schema: JsonSchema, rng: Rng): string {
  if (schema.format === 'date-time') return '2025-01-15T10:30:00Z';
  if (schema.format === 'date') return '2025-01-15';
  if (schema.format === 'email') return 'user@example.com';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com';
  let s = rng.pick(SAMPLE_WORDS);
  while (schema.minLength !== undefined && s.length < schema.minLength) s += rng.pick(SAMPLE_WORDS);
  return schema.maxLength !== undefined ? s.slice(0, schema.maxLength) : s;
}

function num(schema: JsonSchema, rng: Rng, integer: boolean): number {
  const lo = schema.minimum ?? (integer ? 0 : 0);
  const hi = schema.maximum ?? lo + 100;
  if (integer) return rng.int(Math.ceil(lo), Math.floor(hi));
  return Math.round((lo + rng.next() * (hi - lo)) * 100) / 100;
}

/**
 * A value satisfying `schema`: types, required, enum/const, numeric bounds, string lengths,
 * nested objects and arrays. Every declared property is produced (so strict schemas pass)
 * and nothing undeclared is ever added (so `additionalProperties: false` passes).
 */
export function generateFromSchema(schema: JsonSchema, rng: Rng, depth = 0): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return rng.pick(schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0) {
    const firstNonNull = variants.find((v) => typeOf(v) !== 'null') ?? variants[0];
    return firstNonNull ? generateFromSchema(firstNonNull, rng, depth) : null;
  }
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        out[key] = generateFromSchema(sub, rng, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 1;
      const max = Math.max(min, schema.maxItems ?? Math.max(min, depth > 3 ? min : 3));
      const n = rng.int(min, Math.min(max, min + 2));
      const items: unknown[] = [];
      for (let i = 0; i < n; i++) items.push(generateFromSchema(schema.items ?? {}, rng, depth + 1));
      return items;
    }
    case 'integer':
      return num(schema, rng, true);
    case 'number':
      return num(schema, rng, false);
    case 'boolean':
      return rng.next() < 0.5;
    case 'null':
      return null;
    default:
      return str(schema, rng);
  }
}
