import { randomFillSync } from 'node:crypto';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789';

/**
 * Random bytes handed out from a pool refilled 8 KiB at a time: ids stay crypto-random, but a
 * request no longer pays a `randomBytes()` call (buffer allocation + native call) per id.
 */
const POOL = Buffer.allocUnsafe(8192);
let offset = POOL.length;

function take(bytes: number): number {
  if (bytes > POOL.length) throw new RangeError(`at most ${POOL.length} random bytes per id`);
  if (offset + bytes > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const at = offset;
  offset += bytes;
  return at;
}

/** Lower-case hex of `bytes` random bytes. */
export function randomHex(bytes: number): string {
  const at = take(bytes);
  return POOL.toString('hex', at, at + bytes);
}

/** Random base58-ish string of `length` characters (Anthropic-style ids). */
export function randomAlnum(length: number): string {
  const at = take(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[(POOL[at + i] ?? 0) % ALNUM.length];
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
