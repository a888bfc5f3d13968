import { defaultTextMapSetter, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withArrival } from './arrival-baggage';
import { harnessPropagator } from './instrumentation';

/** What the harness's propagator writes on a provider call made under `ctx`. */
function headersOf(ctx: Parameters<typeof withArrival>[0]): Record<string, string> {
  const carrier: Record<string, string> = {};
  harnessPropagator().inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

describe('the arrival key in baggage', () => {
  const span = trace.wrapSpanContext({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: 1,
  });
  const traced = trace.setSpan(ROOT_CONTEXT, span);

  it('goes out as baggage harness.arrival=<index> beside the traceparent', () => {
    const h = headersOf(withArrival(traced, 17));
    expect(h.baggage).toBe('harness.arrival=17');
    expect(h.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it("replaces a caller's baggage, so nobody steers the mock through /api/invoke", () => {
    const steered = propagation.setBaggage(
      traced,
      propagation.createBaggage({ 'mock.fault': { value: 'timeout' } }),
    );
    expect(headersOf(withArrival(steered, 3)).baggage).toBe('harness.arrival=3');
    expect(headersOf(withArrival(steered, undefined)).baggage).toBeUndefined();
  });
});
