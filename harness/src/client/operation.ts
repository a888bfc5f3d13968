import type { Attributes, Tracer } from '@opentelemetry/api';
import type { BulkheadPolicy } from 'cockatiel';
import type { Usage } from '../cost/cost';
import type { ClientConfig } from './config';
import type { ErrorClass } from './error-class';
import type { BreakerRegistry } from './policies/breakers';
import type { CallDeadline, retryPolicy } from './policies/retry';
import type { AttemptOptions, Provider, ProviderAdapter } from './types';

// The vocabulary the pipeline and a logical call share, below both so neither imports the other.

/** One provider/model the call may go to, and the error classes that send it to the next. */
export interface Target {
  provider: Provider;
  model: string;
  on?: readonly ErrorClass[];
}

/** What the pipeline runs: an operation over an ordered list of targets. */
export interface Operation<T extends { usage: Usage }> {
  name: 'chat' | 'embeddings';
  stream: boolean;
  targets: Target[];
  attempt: (adapter: ProviderAdapter, model: string, options: AttemptOptions) => Promise<T>;
  /** Response attributes for the attempt span (model, id, finish reasons, TTFT…). */
  describe?: (value: T, stream: boolean) => Attributes;
  /** Streaming timings of the successful value, relative to its attempt's start. */
  timings?: (value: T) => { ttftMs: number; chunkTimesMs: number[]; usageEstimated: boolean };
}

/** The shared, long-lived parts every call goes through. */
export interface PipelineDeps {
  config: ClientConfig;
  adapters: Record<Provider, ProviderAdapter>;
  breakers: BreakerRegistry;
  tracer: Tracer;
}

/** The client's long-lived policies, as one logical call needs them. */
export interface CallPolicies {
  config: ClientConfig;
  deps: PipelineDeps;
  retry: ReturnType<typeof retryPolicy> | undefined;
  gate: BulkheadPolicy | undefined;
  /** Each failed attempt's error → its call's deadline, for the retry policy's waits. */
  deadlines: WeakMap<object, CallDeadline>;
}
