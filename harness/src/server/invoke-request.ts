/**
 * One `/api/invoke/:pattern` request, whatever carried it: HTTP (k6, a user's tool) or a client
 * worker's invoke port (the built-in driver). Validates the pattern, body and tags, runs the pattern
 * through the instrumented client, and reports a k6 arrival to the run that owns it.
 */
import { context as otelContext, propagation, type Tracer } from '@opentelemetry/api';
import { z } from 'zod';
import type { Provider } from '../client/types';
import { invokeBody } from '../contracts/invoke';
import { outcomeFromInvoke } from '../driver/invoke-outcome';
import { type InvokeResponse, invokePattern } from '../patterns/invoke';
import { PATTERN_NAMES, type PatternName } from '../patterns/types';
import { arrivalOf, k6Arrivals } from '../scenarios/k6-arrivals';
import type { Store } from '../store/client';
import { withArrival } from '../telemetry/arrival-baggage';
import type { ClientRegistry } from './client-registry';
import { badRequest, HttpError } from './http-errors';

const tag = z
  .string()
  .max(200)
  .regex(/^[\w.:-]+$/, 'letters, digits and . _ : - only');

/** Embedding model used by RAG per chat provider (Anthropic has no embeddings API: OpenAI's). */
const EMBEDDING: Record<Provider, { provider: Provider; model: string }> = {
  openai: { provider: 'openai', model: 'text-embedding-3-small' },
  anthropic: { provider: 'openai', model: 'text-embedding-3-small' },
  gemini: { provider: 'gemini', model: 'gemini-embedding-001' },
};

/** What an invoke needs from the harness around it. */
export interface InvokeDeps {
  store: Store;
  clients: ClientRegistry;
  tracer: Tracer;
}

/** One invoke as its carrier received it; `header` reads a request header by lower-case name. */
export interface InvokeRequest {
  pattern: string;
  body: unknown;
  header(name: string): string | undefined;
  /** Aborted when the caller goes away (HTTP connection closed, driver cancelled). */
  signal: AbortSignal;
}

/** Run one invoke; a bad request throws `HttpError` (400/404) with a message naming the problem. */
export async function runInvoke(deps: InvokeDeps, req: InvokeRequest): Promise<InvokeResponse> {
  const pattern = req.pattern as PatternName;
  if (!PATTERN_NAMES.includes(pattern)) {
    throw new HttpError(
      404,
      'unknown_pattern',
      `unknown pattern "${req.pattern}": valid patterns are ${PATTERN_NAMES.join(', ')}`,
    );
  }
  const body = invokeBody.safeParse(req.body ?? {});
  if (!body.success) throw badRequest(body.error);
  const runId = req.header('x-run-id');
  const scenario = req.header('x-scenario');
  for (const [name, value] of [
    ['x-run-id', runId],
    ['x-scenario', scenario],
  ] as const) {
    if (value !== undefined && !tag.safeParse(value).success)
      throw new HttpError(400, 'invalid_request', `invalid ${name} header: letters, digits and . _ : - only`);
  }
  if (pattern === 'batch' && body.data.api === 'responses') {
    throw new HttpError(
      400,
      'unsupported',
      'the batch pattern sends chat completions batches: leave api out (or "chat") for batch',
    );
  }
  if (pattern === 'batch' && body.data.provider === 'gemini') {
    throw new HttpError(
      400,
      'unsupported',
      'the batch pattern needs a provider Batch API: use openai or anthropic (Gemini batches go through Vertex AI)',
    );
  }
  const forwarded: Record<string, string> = {};
  for (const h of ['x-mock-fault', 'x-mock-profile']) {
    const v = req.header(h);
    if (v) forwarded[h] = v;
  }
  const client = await deps.clients.forScenario(scenario);
  // An arrival of a k6 run this harness owns: the run records it like a built-in driver request.
  const arrival = arrivalOf(req.header);
  const k6Run = arrival ? k6Arrivals.of(runId) : undefined;
  const carrier: Record<string, string | undefined> = {
    traceparent: req.header('traceparent'),
    tracestate: req.header('tracestate'),
    baggage: req.header('baggage'),
    ...(k6Run && arrival ? k6Run.begin(arrival.index, arrival.latenessMs, arrival.inboundMs) : {}),
  };
  const started = performance.now();
  const result = await invokePattern(
    pattern,
    body.data,
    { client, store: deps.store, embedding: EMBEDDING[body.data.provider], tracer: deps.tracer },
    {
      ...(runId ? { runId } : {}),
      ...(scenario ? { scenario } : {}),
      // The arrival index rides as baggage to every provider call, keying the mock's fault draws.
      parent: withArrival(propagation.extract(otelContext.active(), carrier), arrival?.index),
      headers: forwarded,
      signal: req.signal,
    },
  ).catch((e: unknown) => {
    if (k6Run && arrival)
      k6Run.end(
        arrival.index,
        arrival.latenessMs,
        { status: 'error', errorClass: 'exception' },
        performance.now() - started,
      );
    throw e;
  });
  if (k6Run && arrival)
    k6Run.end(arrival.index, arrival.latenessMs, outcomeFromInvoke(result, 200), performance.now() - started);
  return result;
}
