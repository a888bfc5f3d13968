import type { MockServer } from 'mock-providers';

/** `PUT /__admin/config` on a mock (profile, seed, timeScale, rateLimits); throws on a refusal. */
export async function putMockConfig(mock: MockServer, body: unknown): Promise<void> {
  const res = await fetch(`${mock.url}/__admin/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`admin ${res.status}: ${await res.text()}`);
}
