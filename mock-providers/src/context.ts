import { type Tracer, trace } from '@opentelemetry/api';
import { createStats, type StatsRecorder } from './admin/stats';
import { createRng, type Rng } from './content/rng';
import { type ArrivalDraws, createArrivalDraws } from './faults/arrival-draws';
import { createTraceClaims } from './faults/baggage';
import { type FaultProfile, resolveProfile } from './faults/profiles';
import { type Pacer, sharedPacer } from './latency/pacer';
import { createLimiter, type Limiter } from './limits/limiter';
import { type MockConfig, type MockOptions, toConfig } from './options';

/**
 * Everything one mock instance owns. Every handler closes over one context, so two mocks
 * (two `createHandlers` calls) never share config, stats, PRNG, limiter or stored files.
 */
export interface MockContext {
  config: MockConfig;
  /** The configured fault profile, resolved (per-request `x-mock-profile` overrides it). */
  profile: FaultProfile;
  stats: StatsRecorder;
  /** Provider-owned state by slot (files, batches, stored responses; see `state-slots.ts`), cleared by reset. */
  state: Map<symbol, unknown>;
  /** Arrival-order PRNG for fault decisions of requests without an arrival key (restarted when `seed` is set or on reset). */
  arrivalRng: Rng;
  /** Fault draws keyed to a request's `harness.arrival` baggage (recreated when `seed` is set or on reset). */
  arrivalDraws: ArrivalDraws;
  /** Traces whose baggage-forced fault was spent (one per trace; cleared on reset). */
  faultClaims: (traceId: string | undefined) => boolean;
  /** Token buckets per tenant (API key, provider, model). */
  limiter: Limiter;
  /** Tracer of the ground-truth SERVER spans. */
  tracer: Tracer;
  /** Wall clock in ms (injectable for tests). */
  clock: () => number;
  /** What paces streamed events (injectable for tests). */
  pacer: Pacer;
  /** Applies a validated config patch; restarts the PRNG and the arrival draws when `seed` is present. */
  update(patch: Partial<MockConfig>): void;
  /** Clears stats, limiter state and stored objects, restarts the PRNG and the arrival draws; config unchanged. */
  reset(): void;
}

/** Creates the state of one mock instance from its options. */
export function createContext(options: MockOptions = {}): MockContext {
  const config = toConfig(options);
  const clock = () => Date.now();
  const ctx: MockContext = {
    config,
    profile: resolveProfile(config.profile),
    stats: createStats(),
    state: new Map(),
    arrivalRng: createRng(config.seed),
    arrivalDraws: createArrivalDraws(config.seed),
    faultClaims: createTraceClaims(),
    limiter: createLimiter(config.rateLimits, () => ctx.clock()),
    tracer: (options.tracerProvider ?? trace).getTracer('mock-providers'),
    clock,
    pacer: options.pacer ?? sharedPacer,
    update(patch) {
      ctx.config = { ...ctx.config, ...patch };
      if (patch.seed !== undefined) {
        ctx.arrivalRng = createRng(patch.seed);
        ctx.arrivalDraws = createArrivalDraws(patch.seed);
      }
      if (patch.profile !== undefined) ctx.profile = resolveProfile(patch.profile);
      if (patch.rateLimits !== undefined) ctx.limiter.configure(patch.rateLimits);
    },
    reset() {
      ctx.stats.reset();
      ctx.state = new Map();
      ctx.limiter.reset();
      ctx.arrivalRng = createRng(ctx.config.seed);
      ctx.arrivalDraws = createArrivalDraws(ctx.config.seed);
      ctx.faultClaims = createTraceClaims();
    },
  };
  return ctx;
}
