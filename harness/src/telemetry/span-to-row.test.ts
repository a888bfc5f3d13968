import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { spanToRow } from './span-to-row';

const resource = { attributes: { 'service.name': 'harness' }, asyncAttributesPending: false };

function span(start: [number, number], end: [number, number], events: [number, number][] = []): ReadableSpan {
  return {
    name: 'chat gpt-4o-mini',
    kind: 2,
    spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }),
    startTime: start,
    endTime: end,
    status: { code: 0 },
    attributes: { 'gen_ai.usage.input_tokens': 15 },
    links: [],
    events: events.map((time) => ({ name: 'e', time })),
    duration: [0, 0],
    ended: true,
    resource,
    instrumentationScope: { name: 'test' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  } as unknown as ReadableSpan;
}

describe('spanToRow', () => {
  it('writes ns timestamps and the duration exactly', () => {
    const row = spanToRow(span([1_795_991_543, 5], [1_795_991_544, 7]));
    expect(row.Timestamp).toBe('1795991543000000005');
    expect(row.Duration).toBe('1000000002');
    expect(row.ServiceName).toBe('harness');
    expect(row.SpanAttributes).toEqual({ 'gen_ai.usage.input_tokens': '15' });
  });

  it('handles times a caller passed in unnormalised', () => {
    const row = spanToRow(span([1_700_000_000, 1_000_000_000], [1_700_000_002, 0], [[1_700_000_001, -5]]));
    expect(row.Timestamp).toBe('1700000001000000000');
    expect(row['Events.Timestamp']).toEqual(['1700000000999999995']);
    expect(row.Duration).toBe('1000000000');
  });

  it('never writes a negative duration', () => {
    expect(spanToRow(span([10, 5], [10, 1])).Duration).toBe('0');
  });
});
