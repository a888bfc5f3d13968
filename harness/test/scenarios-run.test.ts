import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenarios/load';
import { runScenario } from '../src/scenarios/run';

const seen: { url: string; fault?: string; arrival?: string; body: string }[] = [];
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const fault = req.headers['x-mock-fault'];
      const arrival = req.headers['x-arrival-index'];
      seen.push({
        url: req.url ?? '',
        body,
        ...(typeof fault === 'string' ? { fault } : {}),
        ...(typeof arrival === 'string' ? { arrival } : {}),
      });
      const ok = req.url === '/api/invoke/direct' && !fault;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          ok ? { ok, latencyMs: 4, ttftMs: 4, costUsd: 0.01 } : { ok, errorClass: 'overloaded' },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('runScenario', () => {
  it('drives the mix through the builtin target, forces faults and judges thresholds', async () => {
    const s = parseScenario({
      name: 'tiny-run',
      description: 'three direct calls for one agent call, half the direct ones overloaded after 1 s',
      mix: [
        {
          pattern: 'direct',
          weight: 3,
          provider: 'anthropic',
          model: 'claude-3-5-haiku-20241022',
          maxTokens: 64,
        },
        { pattern: 'agent', weight: 1, provider: 'openai', model: 'gpt-4o' },
      ],
      faults: [{ kind: 'overloaded', probability: 0.5, pattern: 'direct', from: '1s' }],
      mock: { profile: 'ideal', timeScale: 0 },
      startRate: 2_400,
      stages: [{ duration: '2s', target: 2_400 }],
      thresholds: { 'harness_errors{pattern:agent}': ['rate==1'], harness_errors: ['rate<0.1'] },
    });
    const r = await runScenario(s, { runId: 'r1', harnessUrl: base });
    expect(seen.some((x) => x.url.startsWith('/__admin'))).toBe(false);
    expect(r.summary.totals).toMatchObject({ scheduled: 80, dropped: 0 });
    expect(r.byPattern.agent).toMatchObject({ ok: 0, errors: 20 });
    expect(r.byPattern.direct?.ok).toBeGreaterThan(30);
    expect(JSON.parse(seen.find((x) => x.url === '/api/invoke/direct')?.body ?? '{}')).toEqual({
      provider: 'anthropic',
      model: 'claude-3-5-haiku-20241022',
      maxTokens: 64,
    });
    expect(seen.filter((x) => x.fault === 'overloaded').length).toBeGreaterThan(5);
    // each arrival names its index, as k6 does, so the mock can key its fault draws to it
    const invoked = seen.filter((x) => x.url.startsWith('/api/invoke/'));
    expect(invoked.map((x) => Number(x.arrival)).sort((a, b) => a - b)).toEqual([...Array(80).keys()]);
    expect(r.thresholds.map((t) => t.pass)).toEqual([true, false]);
    expect(r.passed).toBe(false);
    expect(r.noData).toBeNull();
    expect(r.costUsd).toBeCloseTo((r.byPattern.direct?.ok ?? 0) * 0.01);
  });
});
