import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../content/rng';
import { ALL_SHAPES, applicableKinds, FAULT_KINDS, type FaultKind, type RequestShape } from './kinds';
import { PROFILES, worstCaseTotal } from './profiles';
import { chooseFault, drawFault, pickFault, readSelection, SelectionError } from './select';

const N = 20_000;

describe('fault selection', () => {
  it('hits every profile probability within 4σ per applicable request, and never an inapplicable kind', () => {
    for (const profile of PROFILES) {
      for (const shape of ALL_SHAPES) {
        const rng = createRng(7);
        const counts = new Map<FaultKind, number>();
        for (let i = 0; i < N; i++) {
          const kind = pickFault(profile, applicableKinds(shape), drawFault(rng).u);
          if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
        }
        for (const kind of FAULT_KINDS) {
          const p = applicableKinds(shape).includes(kind) ? (profile.faults[kind] ?? 0) : 0;
          const sigma = Math.sqrt(N * p * (1 - p));
          expect(Math.abs((counts.get(kind) ?? 0) - N * p), `${profile.name} ${kind}`).toBeLessThanOrEqual(
            4 * sigma + 1,
          );
        }
      }
    }
  });

  it('keeps every built-in profile within probability 1 on any request', () => {
    for (const p of PROFILES) expect(worstCaseTotal(p.faults)).toBeLessThanOrEqual(1);
    const outage = PROFILES.find((p) => p.name === 'outage');
    expect((outage?.faults.overloaded ?? 0) + (outage?.faults.server_error ?? 0)).toBeGreaterThanOrEqual(0.8);
  });

  it('is deterministic: same seed and same request sequence → same faults', () => {
    const shape = fc.constantFrom(...ALL_SHAPES);
    const request = fc.record({ shape, forced: fc.option(fc.constantFrom(...FAULT_KINDS), { freq: 5 }) });
    fc.assert(
      fc.property(fc.integer(), fc.array(request, { maxLength: 60 }), (seed, requests) => {
        const run = () => {
          const rng = createRng(seed);
          const degraded = PROFILES[2] as (typeof PROFILES)[number];
          return requests.map(({ shape: s, forced }) => {
            // every fault site draws, forced or not, so forcing one request never shifts the others
            const headers = new Headers(forced ? { 'x-mock-fault': forced } : {});
            const sel = readSelection(headers, degraded, drawFault(rng));
            try {
              return chooseFault(sel, s as RequestShape).kind ?? 'none';
            } catch (e) {
              return e instanceof SelectionError ? '400' : 'crash';
            }
          });
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a forced kind that cannot apply, naming the kinds that can', () => {
    const sel = readSelection(new Headers({ 'x-mock-fault': 'sse_drop' }), PROFILES[0] as never, {
      u: 0,
      v: 0,
    });
    expect(() => chooseFault(sel, { op: 'generate', stream: false, jsonMode: false })).toThrow(
      /cannot apply.*rate_limit, overloaded, server_error, timeout, content_filter, invalid_json, request_timeout, conflict, spend_limit\./,
    );
    // a stream's body is events, not one JSON document: a cut JSON body changes nothing there
    const forcedJson = readSelection(new Headers({ 'x-mock-fault': 'invalid_json' }), PROFILES[0] as never, {
      u: 0,
      v: 0,
    });
    expect(() => chooseFault(forcedJson, { op: 'generate', stream: true, jsonMode: false })).toThrow(
      /cannot apply.*sse_drop, sse_stall, chunk_malformed/,
    );
    expect(() =>
      readSelection(new Headers({ 'x-mock-profile': 'nope' }), PROFILES[0] as never, { u: 0, v: 0 }),
    ).toThrow(/valid profiles: ideal, seed-typical, degraded, outage/);
  });
});
