/**
 * The load arrival a unit of work serves, carried as W3C baggage (`harness.arrival=<index>`) on
 * every provider call it makes. Why: the mock keys its random fault draws to that index, so the
 * same scenario and seed meet the same random faults arrival by arrival on both engines, whatever
 * order their requests reach the mock in (mock-providers/src/faults/arrival-draws.ts).
 */
import { type Context, propagation } from '@opentelemetry/api';
import { BAGGAGE_ARRIVAL } from 'mock-providers/baggage';

/**
 * `ctx` with baggage holding only the arrival key (none when `index` is undefined). Only it:
 * `/api/invoke` never forwarded a caller's baggage to providers, and a caller must not steer the
 * mock (`mock.fault`) through it; forced faults go as `x-mock-fault`.
 */
export function withArrival(ctx: Context, index: number | undefined): Context {
  const bare = propagation.deleteBaggage(ctx);
  if (index === undefined) return bare;
  return propagation.setBaggage(
    bare,
    propagation.createBaggage({ [BAGGAGE_ARRIVAL]: { value: String(index) } }),
  );
}
