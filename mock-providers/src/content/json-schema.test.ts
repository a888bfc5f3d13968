import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateFromSchema, type JsonSchema } from './json-schema';
import { createRng } from './rng';

const schemas: Record<string, JsonSchema> = {
  flat: {
    type: 'object',
    properties: {
      a: { type: 'string' },
      b: { type: 'integer', minimum: -3, maximum: 3 },
      c: { type: 'boolean' },
    },
    required: ['a', 'b'],
    additionalProperties: false,
  },
  nested: {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        minItems: 2,
        maxItems: 4,
        items: {
          type: 'object',
          properties: { id: { type: 'integer', minimum: 1 }, kind: { enum: ['x', 'y'] } },
          required: ['id', 'kind'],
          additionalProperties: false,
        },
      },
      meta: {
        type: 'object',
        properties: { score: { type: 'number', minimum: 0, maximum: 1 } },
        required: ['score'],
      },
    },
    required: ['items', 'meta'],
    additionalProperties: false,
  },
  nullable: {
    type: 'object',
    properties: { n: { type: ['string', 'null'] }, s: { type: 'string', minLength: 12 } },
    required: ['n', 's'],
  },
};

describe('generateFromSchema', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`always satisfies the ${name} schema`, () => {
      const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          expect(validator.safeParse(generateFromSchema(schema, createRng(seed))).success).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('understands Gemini upper-case types', () => {
    const value = generateFromSchema(
      { type: 'OBJECT', properties: { n: { type: 'INTEGER' } } },
      createRng(1),
    );
    expect(Number.isInteger((value as { n: number }).n)).toBe(true);
  });
});
