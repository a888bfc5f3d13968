import type { Attributes, Tracer } from '@opentelemetry/api';
import { type BulkheadPolicy, bulkhead } from 'cockatiel';
import type { Usage } from '../cost/cost';
import type { CallContext, CallOutcome } from './call-outcome';
import type { ClientConfig } from './config';
import type { ErrorClass } from './error-class';
import { type CallPolicies, LogicalCall } from './logical-call';
import type { BreakerRegistry } from './policies/breakers';
import { type CallDeadline, retryPolicy } from './policies/retry';
import type { AttemptOptions, Provider, ProviderAdapter } from './types';

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

/** Builds the per-client policies once (the bulkhead and breakers must be shared to mean anything). */
export function createPipeline(deps: PipelineDeps) {
  const { config } = deps;
  // The call's deadline bounds every attempt's timer and every retry wait (see runAttempt and
  // retryPolicy), so no per-call timeout policy, AbortController or timer is needed on top.
  const deadlines = new WeakMap<object, CallDeadline>();
  const retry =
    config.retry === false ? undefined : retryPolicy(config.retry, (e) => deadlines.get(e as object));
  const gate: BulkheadPolicy | undefined =
    config.bulkhead === false ? undefined : bulkhead(config.bulkhead.maxConcurrent, config.bulkhead.queue);

  const policies: CallPolicies = { config, deps, retry, gate, deadlines };

  function execute<T extends { usage: Usage }>(op: Operation<T>, ctx: CallContext): Promise<CallOutcome<T>> {
    return new LogicalCall(op, ctx, policies).run();
  }

  return { execute, bulkhead: gate };
}
