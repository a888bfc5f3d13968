import { PROVIDER_NAMES } from 'mock-providers/providers';
import type { Usage } from '../cost/cost';
import type { ClassifiedError } from './error-class';

/**
 * The three mocked providers: the one list the invoke body, the client config and the scenario
 * schema all validate against (OTel `gen_ai.provider.name` values differ: see PROVIDER_SEMCONV).
 */
export const PROVIDERS = PROVIDER_NAMES;
export type Provider = (typeof PROVIDERS)[number];

/** `gen_ai.provider.name` per provider (Gemini API = `gcp.gemini`). */
export const PROVIDER_SEMCONV: Readonly<Record<Provider, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
};

/** A tool the model may call: name, description and a JSON Schema for its arguments. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A tool call the model made. `arguments` is the raw JSON text it produced. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One chat message in provider-neutral form. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; content: string; toolCallId: string; toolName: string };

/** Which OpenAI API a call uses: chat completions (default) or the Responses API. */
export const OPENAI_APIS = ['chat', 'responses'] as const;
export type OpenAiApi = (typeof OPENAI_APIS)[number];

/** One logical chat request, whatever the provider. */
export interface ChatRequest {
  provider: Provider;
  model: string;
  messages: ChatMessage[];
  maxTokens: number;
  stream: boolean;
  tools?: ToolDefinition[];
  /** Ask for a JSON object answer (the answer is then parsed and checked). */
  jsonMode?: boolean;
  /** Extra request headers, e.g. `x-mock-fault` to force a fault on the mock. */
  headers?: Record<string, string>;
  /** OpenAI only: `responses` sends the call to `POST /v1/responses` (default `chat`). */
  api?: OpenAiApi;
}

/** What one successful attempt produced, normalised across providers. */
export interface ChatResult {
  text: string;
  toolCalls: ToolCall[];
  finishReasons: string[];
  usage: Usage;
  /** True when usage was estimated with the tokenizer because the provider never reported it. */
  usageEstimated: boolean;
  responseModel: string;
  responseId: string;
  /** ms from attempt start to the first content-bearing chunk (= total for non-streaming). */
  ttftMs: number;
  /** ms from attempt start of every content-bearing chunk (streaming only). */
  chunkTimesMs: number[];
  /** The parsed answer in JSON mode. */
  json?: unknown;
}

/** Per-attempt plumbing handed to a provider adapter. */
export interface AttemptOptions {
  /** Aborts the attempt (attempt timeout, call deadline, stream stall, caller cancellation). */
  signal: AbortSignal;
  headers: Record<string, string>;
  /** Called on every content-bearing chunk, so idle (stall) timers can be re-armed. */
  onContent: () => void;
  /** Called on any chunk at all (role-only, usage-only, pings): also proof the stream is alive. */
  onChunk: () => void;
}

/** One provider behind one interface, built on its official SDK with the SDK's retries off. */
export interface ProviderAdapter {
  readonly provider: Provider;
  readonly serverAddress: string;
  readonly serverPort: number;
  chat(request: ChatRequest, options: AttemptOptions): Promise<ChatResult>;
  embed(
    model: string,
    inputs: string[],
    options: AttemptOptions,
  ): Promise<{ vectors: number[][]; usage: Usage }>;
  /**
   * Submit non-streamed chat requests as one provider batch job and wait for it: one result or
   * classified error per request, in order. Absent where the provider has no batch API (Gemini).
   */
  submitBatch?(requests: ChatRequest[], options: BatchJobOptions): Promise<(ChatResult | ClassifiedError)[]>;
}

/** How a batch job is watched. */
export interface BatchJobOptions {
  pollIntervalMs: number;
  signal?: AbortSignal;
  headers: Record<string, string>;
  /** Reports the provider's job id and final status, for the job's span. */
  onJob?: (job: { id: string; status: string; counts: Record<string, number> }) => void;
}
