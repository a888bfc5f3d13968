import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../src/index';
import { admin, pollUntil, useMockServer } from './helpers/mock';

const mock = useMockServer();
const put = (body: unknown) =>
  fetch(`${mock().url}/__admin/config`, { method: 'PUT', body: JSON.stringify(body) });

/**
 * One chat request, classified by what a client would observe. A `timeout` fault holds the
 * connection for 3 s at timeScale 0; every other answer comes at once, so the client gives up at
 * 1 s: far from both, so a loaded machine's slow answer is not taken for a held connection.
 */
async function outcome(base: string, i: number, headers: Record<string, string> = {}): Promise<string> {
  const json = i % 2 === 1;
  try {
    const res = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      signal: AbortSignal.timeout(1_000),
      headers: { authorization: 'Bearer det', 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `question ${i}` }],
        ...(json ? { response_format: { type: 'json_object' } } : {}),
      }),
    });
    const text = await res.text();
    if (res.status !== 200) return String(res.status);
    let body: { choices: [{ finish_reason: string; message: { content: string } }] };
    try {
      body = JSON.parse(text);
    } catch {
      return 'invalid_json';
    }
    const choice = body.choices[0];
    if (choice.finish_reason !== 'stop') return choice.finish_reason;
    if (json) {
      try {
        JSON.parse(choice.message.content);
      } catch {
        return 'incomplete_json';
      }
    }
    return `ok:${choice.message.content.slice(0, 12)}`;
  } catch {
    return 'timeout';
  }
}

const sequence = async (n: number) => {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await outcome(mock().url, i)); // one at a time: arrival order fixed
  return out;
};

describe('fault selection over HTTP', () => {
  it('refuses admin changes from a foreign browser origin and keeps the config', async () => {
    const before = await admin<{ profile: string }>(mock().url, 'config');
    const res = await fetch(`${mock().url}/__admin/config`, {
      method: 'PUT',
      headers: { origin: 'https://evil.example' },
      body: JSON.stringify({ profile: 'outage' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { type: 'forbidden_origin' } });
    const reset = await fetch(`${mock().url}/__admin/reset`, {
      method: 'POST',
      headers: { origin: 'http://attacker.test' },
    });
    expect(reset.status).toBe(403);
    expect(await admin<{ profile: string }>(mock().url, 'config')).toMatchObject({ profile: before.profile });
    const same = await fetch(`${mock().url}/__admin/config`, {
      method: 'PUT',
      headers: { origin: mock().url },
      body: JSON.stringify({ profile: before.profile }),
    });
    expect(same.status).toBe(200);
  });

  it('lists the profiles with per-kind probabilities', async () => {
    const profiles = await admin<
      Array<{ name: string; description: string; faults: Record<string, number> }>
    >(mock().url, 'profiles');
    expect(profiles.map((p) => p.name)).toEqual(['ideal', 'seed-typical', 'degraded', 'outage']);
    expect(profiles[0]?.faults).toEqual({});
    expect(profiles[1]?.faults).toMatchObject({
      timeout: 0.035,
      sse_drop: 0.02,
      incomplete_json: 0.03,
      rate_limit: 0,
    });
    expect(profiles[3]?.faults).toMatchObject({ overloaded: 0.6, server_error: 0.2 });
  });

  it('validates PUT /__admin/config whole: unknown profile, bad probabilities, unknown keys → 400, nothing applied', async () => {
    for (const [body, message] of [
      [{ profile: 'nope' }, /valid profiles: ideal, seed-typical, degraded, outage/],
      [{ profile: { faults: { sse_drop: 1.5 } } }, /profile\.faults\.sse_drop/],
      [{ profile: { faults: { sse_drop: 'often' } } }, /expected number/],
      [{ profile: { faults: { meteor: 0.1 } } }, /Unrecognized key: "meteor"/],
      [{ profile: { faults: { timeout: 0.7, overloaded: 0.7 } } }, /sum to at most 1/],
      [{ seed: 9, profile: 'nope' }, /profile/],
      [{ profile: 'degraded', colour: 'red' }, /Unrecognized key: "colour"/],
    ] as const) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(await admin(mock().url, 'config')).toMatchObject({ profile: 'ideal', seed: 42 });
  });

  it('is reproducible: same seed + same request sequence → same faults; text stays a function of the body', async () => {
    await put({ profile: 'degraded' });
    await admin(mock().url, 'reset', { method: 'POST' });
    const first = await sequence(40);
    await admin(mock().url, 'reset', { method: 'POST' });
    expect(await sequence(40)).toEqual(first);
    expect(new Set(first.map((o) => o.split(':')[0])).size).toBeGreaterThan(2); // some faults did happen
    await put({ seed: 7 });
    const other = await sequence(40);
    expect(other.map((o) => o.startsWith('ok'))).not.toEqual(first.map((o) => o.startsWith('ok')));
    await put({ seed: 42, profile: 'ideal' });
    const okIndex = first.findIndex((o) => o.startsWith('ok'));
    expect(await outcome(mock().url, okIndex)).toBe(first[okIndex]);
  });

  it('uses x-mock-profile per request, an inline profile globally, and counts byFault', async () => {
    await admin(mock().url, 'reset', { method: 'POST' });
    const outage = [];
    for (let i = 0; i < 10; i++) outage.push(await outcome(mock().url, 0, { 'x-mock-profile': 'outage' }));
    expect(outage.filter((o) => o === '503' || o === '500').length).toBeGreaterThanOrEqual(5);
    const bad = await outcome(mock().url, 0, { 'x-mock-profile': 'meltdown' });
    expect(bad).toBe('400');
    expect((await put({ profile: { name: 'always-filter', faults: { content_filter: 1 } } })).status).toBe(
      200,
    );
    expect(await outcome(mock().url, 0)).toBe('content_filter');
    expect(await admin(mock().url, 'config')).toMatchObject({ profile: { name: 'always-filter' } });
    await put({ profile: 'ideal' });
    const stats = await admin<{ requests: number; byFault: Record<string, number> }>(mock().url, 'stats');
    expect(stats.requests).toBe(12);
    expect(stats.byFault.content_filter).toBe(1);
    expect(Object.values(stats.byFault).reduce((a, b) => a + b, 0)).toBe(
      outage.filter((o) => !o.startsWith('ok')).length + 1,
    );
  });
});

describe('faults under setupServer (no socket)', () => {
  it('sse_drop errors the body; timeout never answers and counts as none', async () => {
    const handlers = createHandlers({ timeScale: 0 });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const call = (fault: string, stream: boolean, signal?: AbortSignal) =>
        fetch('https://api.openai.com/v1/chat/completions', {
          method: 'POST',
          ...(signal ? { signal } : {}),
          headers: { authorization: 'Bearer k', 'content-type': 'application/json', 'x-mock-fault': fault },
          body: JSON.stringify({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'hi there' }],
            stream,
          }),
        });
      const dropped = await call('sse_drop', true);
      expect(dropped.status).toBe(200);
      await expect(dropped.text()).rejects.toThrow(/terminated/);
      await expect(call('timeout', false, AbortSignal.timeout(100))).rejects.toThrow();
      const stats = await pollUntil(
        async () => handlers.context.stats.snapshot(),
        (s) => s.byStatus.none === 1,
      );
      expect(stats.byStatus).toEqual({ '200': 1, none: 1 });
    } finally {
      server.close();
    }
  });
});
