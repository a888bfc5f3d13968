import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  SamplingBreaker,
} from 'cockatiel';
import { classifyError } from '../classify';
import type { ClientConfig } from '../config';
import type { ErrorClass } from '../error-class';

/** Failures that say the provider is unhealthy; a bad request or a filtered answer does not. */
const BREAKER_CLASSES: ReadonlySet<ErrorClass> = new Set<ErrorClass>([
  'overloaded',
  'server_error',
  'timeout',
  'network',
  'rate_limit',
  'sse_drop',
  'sse_stall',
]);

export type BreakerStateName = 'closed' | 'open' | 'half-open' | 'isolated' | 'off';

const NAMES: Record<CircuitState, BreakerStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** One circuit breaker per provider/model, shared by every call the client makes. */
export interface BreakerRegistry {
  get(key: string): CircuitBreakerPolicy | undefined;
  state(key: string): BreakerStateName;
  states(): Record<string, BreakerStateName>;
}

/** Create the breakers lazily per target; `false` turns breaking off. */
export function createBreakers(s: ClientConfig['breaker']): BreakerRegistry {
  const map = new Map<string, CircuitBreakerPolicy>();
  const get = (key: string) => {
    if (s === false) return undefined;
    let b = map.get(key);
    if (!b) {
      b = circuitBreaker(
        handleWhen((e) => BREAKER_CLASSES.has(classifyError(e).errorClass)),
        {
          halfOpenAfter: s.halfOpenAfterMs,
          breaker:
            s.failureRatio === undefined
              ? new ConsecutiveBreaker(s.consecutiveFailures)
              : new SamplingBreaker({
                  threshold: s.failureRatio,
                  duration: s.samplingMs,
                  minimumRps: s.minThroughput / (s.samplingMs / 1000),
                }),
        },
      );
      map.set(key, b);
    }
    return b;
  };
  return {
    get,
    state: (key) => (s === false ? 'off' : NAMES[get(key)?.state ?? CircuitState.Closed]),
    states: () => Object.fromEntries([...map].map(([k, b]) => [k, NAMES[b.state]])),
  };
}
