import { type BulkheadPolicy, bulkhead } from 'cockatiel';
import type { Usage } from '../cost/cost';
import type { CallContext, CallOutcome } from './call-outcome';
import { LogicalCall } from './logical-call';
import type { CallPolicies, Operation, PipelineDeps } from './operation';
import { type CallDeadline, retryPolicy } from './policies/retry';

export type { Operation, PipelineDeps, Target } from './operation';

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
