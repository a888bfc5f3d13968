import type { Context, Tracer } from '@opentelemetry/api';
import type { CallOutcome } from '../client/call-outcome';
import type { ClassifiedError } from '../client/error-class';
import type { LlmClient } from '../client/llm-client';
import type { OpenAiApi, Provider } from '../client/types';
import type { Store } from '../store/client';

export { PATTERN_NAMES, type PatternName } from '../contracts/pattern-names';

/** One unit of work for a pattern (the invoke body, validated). */
export interface PatternRequest {
  provider: Provider;
  model: string;
  input?: string | undefined;
  maxTokens?: number | undefined;
  fallback?: { provider: Provider; model: string } | undefined;
  /** OpenAI only: which API the model calls use (`responses` = `POST /v1/responses`). */
  api?: OpenAiApi | undefined;
}

/** The `api` field of the model calls a pattern request makes (absent = chat completions). */
export const apiOf = (req: PatternRequest): { api?: OpenAiApi } => (req.api ? { api: req.api } : {});

/** What a pattern runs with. */
export interface PatternDeps {
  client: LlmClient;
  store: Store;
  /** Where RAG embeds and searches: the embedding model per provider family. */
  embedding: { provider: Provider; model: string };
  /** For the patterns' own step spans (retrieval, tools, workflow). */
  tracer: Tracer;
}

/** Per-invocation plumbing: run tags, the parent span, fault headers for the mock. */
export interface PatternContext {
  runId?: string;
  scenario?: string;
  parent: Context;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Where a failing model call goes next (from the invoke body). */
  fallback?: { provider: Provider; model: string }[];
}

/** Everything a pattern did, summed over its calls, as the invoke endpoint answers it. */
export interface PatternOutcome {
  ok: boolean;
  error?: ClassifiedError;
  text: string;
  /** Model calls (and embeddings, tools) the unit of work made. */
  calls: CallOutcome<unknown>[];
  steps: number;
  ttftMs: number | undefined;
  tpotMs: number | undefined;
}

/** A pattern: one unit of work through the instrumented client. */
export type PatternRunner = (
  req: PatternRequest,
  deps: PatternDeps,
  ctx: PatternContext,
) => Promise<PatternOutcome>;

/**
 * Headers for embedding calls: a forced fault (`x-mock-fault`) targets the unit's generation call
 * (most kinds cannot apply to embeddings and the mock would answer 400); the profile still applies.
 */
export function profileOnly(headers: Record<string, string>): Record<string, string> {
  return headers['x-mock-profile'] ? { 'x-mock-profile': headers['x-mock-profile'] } : {};
}
