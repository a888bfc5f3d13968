import { describe, expect, it } from 'vitest';
import { createRng } from '../content/rng';
import { baggageValue, createTraceClaims, traceIdOf } from './baggage';
import type { RequestShape } from './kinds';
import { PROFILES } from './profiles';
import { chooseFault, drawFault, readSelection, SelectionError } from './select';

const ideal = PROFILES.find((p) => p.name === 'ideal');
if (!ideal) throw new Error('no ideal profile');
const chat: RequestShape = { op: 'generate', stream: false, jsonMode: false };
const stream: RequestShape = { op: 'generate', stream: true, jsonMode: false };
const TRACE = '0af7651916cd43dd8448eb211c80319c';
const tp = (span: string) => `00-${TRACE}-${span}-01`;

function select(headers: Record<string, string>, claims = createTraceClaims()) {
  return readSelection(new Headers(headers), ideal as never, drawFault(createRng(1)), claims);
}

describe('fault control through baggage', () => {
  it('reads one member of a W3C baggage header, percent-decoded, properties ignored', () => {
    const h = 'harness.run_id=r1, mock.fault=rate_limit;p=1 ,mock.profile=seed%2Dtypical';
    expect(baggageValue(h, 'mock.fault')).toBe('rate_limit');
    expect(baggageValue(h, 'mock.profile')).toBe('seed-typical');
    expect(baggageValue(h, 'missing')).toBeUndefined();
    expect(baggageValue(null, 'mock.fault')).toBeUndefined();
    expect(traceIdOf(tp('b7ad6b7169203331'))).toBe(TRACE);
    expect(traceIdOf('garbage')).toBeUndefined();
  });

  it('forces the fault on the first request of a trace only, so a retry can absorb it', () => {
    const claims = createTraceClaims();
    const first = select({ baggage: 'mock.fault=rate_limit', traceparent: tp('b7ad6b7169203331') }, claims);
    expect(chooseFault(first, chat)).toEqual({ kind: 'rate_limit', source: 'forced' });
    const retry = select({ baggage: 'mock.fault=rate_limit', traceparent: tp('c7ad6b7169203332') }, claims);
    expect(chooseFault(retry, chat)).toEqual({});
  });

  it('skips requests the kind cannot apply to instead of answering 400, and keeps it for the next', () => {
    const claims = createTraceClaims();
    const headers = { baggage: 'mock.fault=sse_drop', traceparent: tp('b7ad6b7169203331') };
    expect(chooseFault(select(headers, claims), chat)).toEqual({});
    expect(chooseFault(select(headers, claims), stream)).toEqual({ kind: 'sse_drop', source: 'forced' });
  });

  it('lets x-mock-fault win over baggage, and names the baggage key of a bad value', () => {
    const both = select({ 'x-mock-fault': 'server_error', baggage: 'mock.fault=rate_limit' });
    expect(chooseFault(both, chat)).toEqual({ kind: 'server_error', source: 'forced' });
    expect(() => select({ baggage: 'mock.fault=nope' })).toThrow(/baggage mock.fault "nope"/);
    expect(() => select({ baggage: 'mock.profile=nope' })).toThrow(SelectionError);
    expect(select({ baggage: 'mock.profile=outage' }).profile.name).toBe('outage');
  });
});
