import { describe, expect, it } from 'vitest';
import { parseScenario } from './load';

const base = {
  name: 'tiny',
  description: 'a tiny scenario',
  mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini' }],
  stages: [{ duration: '10s', target: 60 }],
};

describe('scenario schema', () => {
  it('applies the defaults both engines assume', () => {
    const s = parseScenario(base);
    expect(s).toMatchObject({
      target: { kind: 'builtin' },
      startRate: 0,
      poisson: false,
      seed: 1,
      maxInFlight: 1000,
    });
  });

  it('names the failing field', () => {
    expect(() => parseScenario({ ...base, stages: [{ duration: '10 sec', target: 60 }] }, 'tiny')).toThrow(
      /invalid scenario "tiny":\n {2}- stages\.0\.duration: invalid duration "10 sec"/,
    );
    expect(() => parseScenario({ ...base, mix: [{ ...base.mix[0], provider: 'azure' }] })).toThrow(
      /mix\.0\.provider/,
    );
    expect(() => parseScenario({ ...base, stagez: [] })).toThrow(/stagez/);
  });

  it('checks threshold expressions and metric names', () => {
    expect(() => parseScenario({ ...base, thresholds: { harness_errors: ['p(95)<1'] } })).toThrow(
      /thresholds\.harness_errors: invalid threshold "p\(95\)<1" for harness_errors \(rate\)/,
    );
    expect(() => parseScenario({ ...base, thresholds: { http_req_duration: ['p(95)<1'] } })).toThrow(
      /unknown threshold metric/,
    );
  });

  it('refuses a fault on a pattern it cannot apply to', () => {
    expect(() => parseScenario({ ...base, faults: [{ kind: 'sse_drop', probability: 0.1 }] })).toThrow(
      /faults\.0\.kind: sse_drop applies only to streaming requests/,
    );
  });
});
