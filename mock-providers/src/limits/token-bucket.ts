/**
 * A continuously refilled token bucket, as OpenAI and Anthropic describe their enforcement:
 * capacity = the per-minute limit, refilled at limit/60 per second. Time comes from the caller
 * (`now` in ms) so the bucket is a pure state machine: tests drive it with a simulated clock.
 */
export interface TokenBucket {
  readonly capacity: number;
  /** Tokens available at `updatedAt` (never above capacity, never below 0). */
  tokens: number;
  updatedAt: number;
}

/** Refill rate in tokens per millisecond. */
const ratePerMs = (b: TokenBucket): number => b.capacity / 60_000;

/** A full bucket of the given per-minute capacity. */
export function createBucket(capacity: number, now: number): TokenBucket {
  return { capacity, tokens: capacity, updatedAt: now };
}

/** Brings the bucket up to `now` (a clock that went backwards refills nothing). */
export function refill(b: TokenBucket, now: number): void {
  if (now > b.updatedAt) {
    b.tokens = Math.min(b.capacity, b.tokens + (now - b.updatedAt) * ratePerMs(b));
    b.updatedAt = now;
  }
}

/** Whole tokens available now: what `*-remaining` headers show. */
export function remaining(b: TokenBucket, now: number): number {
  refill(b, now);
  return Math.max(0, Math.floor(b.tokens));
}

/** Ms until at least `amount` tokens are available (0 when they already are; Infinity if never). */
export function waitFor(b: TokenBucket, amount: number, now: number): number {
  refill(b, now);
  if (amount > b.capacity) return Number.POSITIVE_INFINITY;
  return b.tokens >= amount ? 0 : (amount - b.tokens) / ratePerMs(b);
}

/** Ms until the bucket is full again: what `*-reset` headers show. */
export function untilFull(b: TokenBucket, now: number): number {
  refill(b, now);
  return (b.capacity - b.tokens) / ratePerMs(b);
}

/** Takes `amount` tokens if available; false (and nothing taken) otherwise. */
export function tryTake(b: TokenBucket, amount: number, now: number): boolean {
  refill(b, now);
  if (b.tokens < amount) return false;
  b.tokens -= amount;
  return true;
}

/** Returns tokens taken earlier but not used (a reservation corrected down), capped at capacity. */
export function giveBack(b: TokenBucket, amount: number, now: number): void {
  refill(b, now);
  if (amount > 0) b.tokens = Math.min(b.capacity, b.tokens + amount);
}
