import { type Context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { classifyError } from '../client/classify';
import { GEN_AI, GENERAL, HARNESS } from '../telemetry/attributes';
import { agent } from './agent';
import { rag } from './rag';
import { batch, direct, streaming } from './simple';
import type { PatternDeps, PatternName, PatternOutcome, PatternRequest, PatternRunner } from './types';

const RUNNERS: Record<PatternName, PatternRunner> = { direct, streaming, batch, rag, agent };

/** What `POST /api/invoke/:pattern` answers: the outcome of one unit of work, summed over its calls. */
export interface InvokeResponse {
  ok: boolean;
  pattern: PatternName;
  provider: string;
  model: string;
  errorClass?: string;
  error?: string;
  latencyMs: number;
  ttftMs: number | null;
  tpotMs: number | null;
  tokens: { input: number; output: number };
  costUsd: number;
  wastedCostUsd: number;
  retries: number;
  fallbackUsed: boolean;
  cacheHit: boolean;
  calls: number;
  steps: number;
  traceId: string;
}

/** Tags and plumbing of one invocation. */
export interface InvokeContext {
  runId?: string;
  scenario?: string;
  /** Context extracted from the caller's `traceparent`, so a k6 or app trace continues here. */
  parent: Context;
  /** Headers forwarded to the provider calls (`x-mock-fault`, `x-mock-profile`). */
  headers: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Run one unit of work of a pattern under a root span `invoke_workflow {pattern}` that carries the
 * run tags and the unit's totals (cost, wasted cost, tokens, retries, outcome): the row every
 * per-pattern report and dashboard panel aggregates.
 */
export async function invokePattern(
  pattern: PatternName,
  req: PatternRequest,
  deps: PatternDeps,
  ctx: InvokeContext,
): Promise<InvokeResponse> {
  const t0 = performance.now();
  const span = deps.tracer.startSpan(
    `invoke_workflow ${pattern}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        [GEN_AI.operationName]: 'invoke_workflow',
        [GEN_AI.requestModel]: req.model,
        [HARNESS.pattern]: pattern,
        'harness.provider': req.provider,
        ...(ctx.runId ? { [HARNESS.runId]: ctx.runId } : {}),
        ...(ctx.scenario ? { [HARNESS.scenario]: ctx.scenario } : {}),
      },
    },
    ctx.parent,
  );
  let outcome: PatternOutcome;
  try {
    outcome = await RUNNERS[pattern](req, deps, {
      ...ctx,
      parent: trace.setSpan(ctx.parent, span),
      ...(req.fallback ? { fallback: [req.fallback] } : {}),
    });
  } catch (e) {
    outcome = {
      ok: false,
      error: classifyError(e),
      text: '',
      calls: [],
      steps: 0,
      ttftMs: undefined,
      tpotMs: undefined,
    };
  }
  const sum = (f: (c: PatternOutcome['calls'][number]) => number) =>
    outcome.calls.reduce((n, c) => n + f(c), 0);
  const last = outcome.calls.at(-1);
  const res: InvokeResponse = {
    ok: outcome.ok,
    pattern,
    provider: last?.provider ?? req.provider,
    model: last?.model ?? req.model,
    ...(outcome.error ? { errorClass: outcome.error.errorClass, error: outcome.error.message } : {}),
    latencyMs: performance.now() - t0,
    ttftMs: outcome.ttftMs ?? null,
    tpotMs: outcome.tpotMs ?? null,
    tokens: { input: sum((c) => c.usage.inputTokens), output: sum((c) => c.usage.outputTokens) },
    costUsd: sum((c) => c.costUsd),
    wastedCostUsd: sum((c) => c.wastedCostUsd),
    retries: sum((c) => c.retries),
    fallbackUsed: outcome.calls.some((c) => c.fallbackUsed),
    cacheHit: outcome.calls.length > 0 && outcome.calls.every((c) => c.cacheHit),
    calls: outcome.calls.length,
    steps: outcome.steps,
    traceId: span.spanContext().traceId,
  };
  span.setAttributes({
    [GEN_AI.responseModel]: res.model,
    [GEN_AI.usageInputTokens]: res.tokens.input,
    [GEN_AI.usageOutputTokens]: res.tokens.output,
    [HARNESS.costUsd]: res.costUsd,
    [HARNESS.costWastedUsd]: res.wastedCostUsd,
    [HARNESS.retries]: res.retries,
    [HARNESS.fallbackUsed]: res.fallbackUsed,
    [HARNESS.cacheHit]: res.cacheHit,
    [HARNESS.latencyMs]: res.latencyMs,
    [HARNESS.outcome]: res.ok ? 'ok' : 'error',
    'harness.steps': res.steps,
    ...(res.ttftMs === null ? {} : { [HARNESS.ttftMs]: res.ttftMs }),
    ...(res.tpotMs === null ? {} : { [HARNESS.tpotMs]: res.tpotMs }),
    ...(last ? { [HARNESS.breakerState]: last.breakerState } : {}),
  });
  if (outcome.error) {
    span.setAttributes({
      [GENERAL.errorType]: outcome.error.errorClass,
      [HARNESS.errorClass]: outcome.error.errorClass,
    });
    span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error.message.slice(0, 500) });
  }
  span.end();
  return res;
}
