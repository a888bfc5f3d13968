import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { createMockServer, type MockOptions, type MockServer } from '../../src/index';

/** Starts a mock on an ephemeral port (timeScale 0) for the enclosing suite; returns a live getter. */
export function useMockServer(options: MockOptions = {}): () => MockServer {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await createMockServer({ port: 0, timeScale: 0, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('mock server not started');
    return server;
  };
}

/** Parses a raw SSE body into `{ event?, data }` records. */
export function parseSse(text: string): Array<{ event?: string; data: string }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '';
      return event === undefined ? { data } : { event, data };
    });
}

/** True when `value` validates against the JSON Schema (zod's JSON Schema import). */
export function matchesSchema(schema: Record<string, unknown>, value: unknown): boolean {
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(value).success;
}

/** Polls `fn` until `done(value)` or the timeout; resolves the last value. */
export async function pollUntil<T>(
  fn: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A tool schema exercising types, required, enum, integer bounds, nesting and additionalProperties:false. */
export const WEATHER_SCHEMA = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 7 },
    location: {
      type: 'object',
      properties: { lat: { type: 'number' }, lon: { type: 'number' } },
      required: ['lat', 'lon'],
      additionalProperties: false,
    },
    tags: { type: 'array', items: { type: 'string' } },
    verbose: { type: 'boolean' },
  },
  required: ['city', 'unit', 'days', 'location', 'tags', 'verbose'],
  additionalProperties: false,
} as const;

/** JSON body of an admin call. */
export async function admin<T = unknown>(base: string, path: string, init?: RequestInit): Promise<T> {
  return (await (await fetch(`${base}/__admin/${path}`, init)).json()) as T;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}
