import { describe, expect, it } from 'vitest';
import { bufferedBodyOf, json } from './respond';

describe('json() responses', () => {
  it('read like any Response, and the server can take their text without a body stream', async () => {
    const response = json({ ok: true }, 201, { 'x-a': '1' });
    expect(bufferedBodyOf(response)).toBe('{"ok":true}');
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.clone().json()).toEqual({ ok: true });
    expect(await response.text()).toBe('{"ok":true}');
    expect(response.bodyUsed).toBe(true);
    expect(bufferedBodyOf(response)).toBeUndefined();
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('clone after the body was first touched keeps headers set since', async () => {
    const response = json({ n: 1 });
    expect(response.body).not.toBeNull();
    response.headers.set('x-request-id', 'req_1');
    const copy = response.clone();
    expect(copy.headers.get('x-request-id')).toBe('req_1');
    expect(await copy.json()).toEqual({ n: 1 });
  });
});
