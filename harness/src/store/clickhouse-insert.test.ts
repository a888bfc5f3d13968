import { describe, expect, it } from 'vitest';
import { compactSpanRow, SPAN_COLUMNS } from './clickhouse-insert';
import type { SpanRow } from './span-row';

const row: SpanRow = {
  Timestamp: '1764460000000000001',
  TraceId: 'a'.repeat(32),
  SpanId: 'b'.repeat(16),
  ParentSpanId: '',
  TraceState: '',
  SpanName: 'chat gpt-4o-mini',
  SpanKind: 'Client',
  ServiceName: 'harness',
  ResourceAttributes: { 'service.name': 'harness' },
  ScopeName: 'harness',
  ScopeVersion: '1',
  SpanAttributes: { 'gen_ai.request.model': 'gpt-4o-mini' },
  Duration: '1500000',
  StatusCode: 'Unset',
  StatusMessage: '',
  'Events.Timestamp': ['1764460000000000002'],
  'Events.Name': ['first_chunk'],
  'Events.Attributes': [{}],
  'Links.TraceId': [],
  'Links.SpanId': [],
  'Links.TraceState': [],
  'Links.Attributes': [],
};

describe('compact span rows', () => {
  it('name every SpanRow column once', () => {
    expect([...SPAN_COLUMNS].sort()).toEqual(Object.keys(row).sort());
  });

  it('list a row’s values in column order', () => {
    const values = compactSpanRow(row);
    expect(values).toHaveLength(SPAN_COLUMNS.length);
    SPAN_COLUMNS.forEach((column, i) => {
      expect(values[i]).toBe(row[column]);
    });
  });
});
