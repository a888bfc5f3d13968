import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789';

/** Lower-case hex of `bytes` random bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Random base58-ish string of `length` characters (Anthropic-style ids). */
export function randomAlnum(length: number): string {
  const raw = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[(raw[i] ?? 0) % ALNUM.length];
  return out;
}

/** Seconds since the epoch, as OpenAI timestamps. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** RFC 3339 timestamp, as Anthropic timestamps. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
