import { type Attributes, context as otelContext, SpanKind, type Tracer, trace } from '@opentelemetry/api';
import { costOf, type Usage } from '../cost/cost';
import { GEN_AI, HARNESS } from '../telemetry/attributes';
import { type AttemptOutcome, deadlineReached, MIN_ATTEMPT_MS, runAttempt } from './attempt';
import type { CallContext, CallOutcome } from './call-outcome';
import { finishSpan } from './call-span';
import { classifyError } from './classify';
import type { ClassifiedError } from './error-class';
import type { CallPolicies, Operation, Target } from './operation';
import type { CallDeadline } from './policies/retry';
import { PROVIDER_SEMCONV } from './types';

/**
 * One logical call: its span, its targets tried in order under retry, breaker and bulkhead, and
 * the metrics it ends with. A class rather than closures made per call: under tsx every arrow made
 * at run time pays a `defineProperty` for its name, and the callbacks handed to the policies are
 * bound methods instead.
 */
export class LogicalCall<T extends { usage: Usage }> {
  readonly #t0 = performance.now();
  readonly #primary: Target;
  readonly #span: ReturnType<Tracer['startSpan']>;
  readonly #parent: ReturnType<typeof trace.setSpan>;
  #attempts = 0;
  #retryWaitMs = 0;
  #lastEnd: number | undefined;
  #queueWaitMs = 0;
  /** The call's deadline, shared with the retry policy; spent once no attempt fits before it. */
  #deadline: CallDeadline = { at: Number.POSITIVE_INFINITY, spent: false };
  #wasted = 0;
  #wastedUsage: Usage | undefined;
  #succeededAt: number;
  #used: Target;

  constructor(
    private readonly op: Operation<T>,
    private readonly ctx: CallContext,
    private readonly p: CallPolicies,
  ) {
    const primary = op.targets[0] as Target;
    this.#primary = primary;
    this.#used = primary;
    this.#succeededAt = this.#t0;
    const attributes: Attributes = {
      [GEN_AI.operationName]: op.name,
      [GEN_AI.providerName]: PROVIDER_SEMCONV[primary.provider],
      [GEN_AI.requestModel]: primary.model,
    };
    if (op.stream) attributes[GEN_AI.requestStream] = true;
    if (ctx.runId) attributes[HARNESS.runId] = ctx.runId;
    if (ctx.scenario) attributes[HARNESS.scenario] = ctx.scenario;
    if (ctx.pattern) attributes[HARNESS.pattern] = ctx.pattern;
    const outer = ctx.parent ?? otelContext.active();
    this.#span = p.deps.tracer.startSpan(
      `${op.name} ${primary.model}`,
      { kind: SpanKind.CLIENT, attributes },
      outer,
    );
    this.#parent = trace.setSpan(outer, this.#span);
  }

  async run(): Promise<CallOutcome<T>> {
    const { op, ctx } = this;
    const { gate, deps } = this.p;
    let result: AttemptOutcome<T> | undefined;
    let error: ClassifiedError | undefined;
    try {
      result = await (gate ? gate.execute(this.runTargets.bind(this), ctx.signal) : this.runTargets());
    } catch (e) {
      error = classifyError(e);
    }
    const t0 = this.#t0;
    const end = performance.now();
    const timings = result && op.timings ? op.timings(result.value) : undefined;
    const outputTokens = result?.usage.outputTokens ?? 0;
    const succeededAt = this.#succeededAt;
    const ttftMs = result ? succeededAt - t0 + (timings?.ttftMs ?? end - succeededAt) : undefined;
    const chunks = timings?.chunkTimesMs;
    let itlMeanMs: number | undefined;
    let itlMaxMs: number | undefined;
    if (chunks && chunks.length > 1) {
      let max = 0;
      for (let i = 1; i < chunks.length; i++)
        max = Math.max(max, (chunks[i] as number) - (chunks[i - 1] as number));
      itlMeanMs = ((chunks[chunks.length - 1] as number) - (chunks[0] as number)) / (chunks.length - 1);
      itlMaxMs = max;
    }
    const wastedUsage = this.#wastedUsage;
    // Always a fresh, complete object: the result's own usage stays the provider's answer.
    const usage = result
      ? addUsage(result.usage, wastedUsage ?? NO_USAGE)
      : (wastedUsage ?? { inputTokens: 0, outputTokens: 0 });
    const used = this.#used;
    const attempts = this.#attempts;
    const outcome = {
      ok: result !== undefined,
      latencyMs: end - t0,
      ttftMs,
      tpotMs:
        ttftMs !== undefined && op.stream && outputTokens > 1
          ? (end - t0 - ttftMs) / (outputTokens - 1)
          : undefined,
      itlMeanMs,
      itlMaxMs,
      attempts,
      retries: Math.max(0, attempts - 1),
      retryWaitMs: this.#retryWaitMs,
      queueWaitMs: this.#queueWaitMs,
      costUsd: (result?.costUsd ?? 0) + this.#wasted,
      wastedCostUsd: this.#wasted,
      usage,
      usageEstimated: timings?.usageEstimated ?? false,
      provider: used.provider,
      model: used.model,
      fallbackUsed: used !== this.#primary,
      cacheHit: false,
      breakerState: deps.breakers.state(`${used.provider}/${used.model}`),
    } as CallOutcome<T>;
    finishSpan(this.#span, outcome, error);
    if (result) (outcome as { value: T }).value = result.value;
    else (outcome as { error: ClassifiedError }).error = error as ClassifiedError;
    return outcome;
  }

  /** The targets in order: the next one only for an error class it lists, never past the deadline. */
  async runTargets(): Promise<AttemptOutcome<T>> {
    this.#queueWaitMs = performance.now() - this.#t0;
    this.#deadline = { at: this.#t0 + this.#queueWaitMs + this.p.config.timeout.totalMs, spent: false };
    const { targets } = this.op;
    let last: ClassifiedError | undefined;
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i] as Target;
      if (i > 0 && last && !(target.on ?? []).includes(last.errorClass)) break;
      try {
        const guarded = this.guarded.bind(this, target);
        return await (this.p.retry ? this.p.retry.execute(guarded, this.ctx.signal) : guarded());
      } catch (e) {
        last = classifyError(e);
        if (this.#timeIsUp()) break;
      }
    }
    throw last;
  }

  /** No attempt fits before the deadline (or one already ran into it, or a wait was cut to it). */
  #timeIsUp(): boolean {
    return this.#deadline.spent || this.#deadline.at - performance.now() < MIN_ATTEMPT_MS;
  }

  /** One try of a target, through its breaker. */
  guarded(target: Target): Promise<AttemptOutcome<T>> {
    // The retry wait before this try, counted even when the deadline ends the call here.
    const now = performance.now();
    if (this.#lastEnd !== undefined) this.#retryWaitMs += now - this.#lastEnd;
    this.#lastEnd = now;
    // Checked before the breaker: running out of time says nothing about the provider.
    if (this.#timeIsUp()) throw deadlineReached();
    const breaker = this.p.deps.breakers.get(`${target.provider}/${target.model}`);
    return breaker ? breaker.execute(this.attemptOn.bind(this, target)) : this.attemptOn(target);
  }

  /** One physical attempt, with the call's bookkeeping around it. */
  async attemptOn(target: Target): Promise<AttemptOutcome<T>> {
    const { op, ctx } = this;
    const { config, deps } = this.p;
    const start = performance.now();
    // this attempt's limit is the call's deadline: timing out means the deadline is spent
    const boundByDeadline = this.#deadline.at - start < config.timeout.attemptMs;
    this.#attempts++;
    const adapter = deps.adapters[target.provider];
    try {
      const outcome = await runAttempt(
        {
          adapter,
          operation: op.name,
          model: target.model,
          stream: op.stream,
          batch: ctx.batch ?? false,
          attemptMs: config.timeout.attemptMs,
          deadlineAt: this.#deadline.at,
          idleMs: config.timeout.idleMs,
          resendCount: this.#attempts - 1,
          // A forced fault models a failing primary: its fallbacks are spared.
          headers: target === this.#primary ? (ctx.headers ?? {}) : withoutForcedFault(ctx.headers),
          signal: ctx.signal,
          tracer: deps.tracer,
          parent: this.#parent,
        },
        op.attempt.bind(op, adapter, target.model),
        op.describe,
      );
      this.#succeededAt = start;
      this.#used = target;
      return outcome;
    } catch (e) {
      const error = classifyError(e);
      if (boundByDeadline && error.errorClass === 'timeout') this.#deadline.spent = true;
      const u = error.details.usage;
      if (u) {
        this.#wasted += costOf(target.model, u, { batch: ctx.batch ?? false })?.total ?? 0;
        this.#wastedUsage = addUsage(this.#wastedUsage ?? NO_USAGE, u);
      }
      this.p.deadlines.set(error, this.#deadline);
      throw error;
    } finally {
      this.#lastEnd = performance.now();
    }
  }
}

const NO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0 });

function withoutForcedFault(headers: Record<string, string> | undefined): Record<string, string> {
  const { 'x-mock-fault': _fault, 'x-mock-fault-at': _at, ...rest } = headers ?? {};
  return rest;
}

function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
    cacheWriteInputTokens: (a.cacheWriteInputTokens ?? 0) + (b.cacheWriteInputTokens ?? 0),
  };
}
