import type { Provider } from '../models/catalog';
import type { MockConfig } from '../options';
import type { ModelLimits } from './published';
import { resolveLimits } from './resolve';
import {
  createBucket,
  giveBack,
  remaining,
  type TokenBucket,
  tryTake,
  untilFull,
  waitFor,
} from './token-bucket';

/** The limit kinds a tenant has buckets for. */
export type BucketKind = 'requests' | 'tokens' | 'input_tokens' | 'output_tokens';

/** Amounts per bucket (a request's cost, or what it really used). */
export type Amounts = Partial<Record<BucketKind, number>>;

/** One bucket as headers and ground truth report it. */
export interface BucketState {
  kind: BucketKind;
  limit: number;
  remaining: number;
  /** Ms until the bucket is full again. */
  resetMs: number;
}

/** The limiter's answer for one request. */
export type Admission =
  | { limited: false; states: BucketState[]; settle(used: Amounts): void }
  | { limited: true; states: BucketState[]; bucket: BucketKind; retryAfterMs: number; requested: number };

/** Bucket capacities of a model from its limits (Anthropic: input/output; others: tokens). */
function capacities(provider: Provider, l: ModelLimits): Amounts {
  const all: Record<BucketKind, number | undefined> =
    provider === 'anthropic'
      ? { requests: l.rpm, tokens: undefined, input_tokens: l.itpm, output_tokens: l.otpm }
      : { requests: l.rpm, tokens: l.tpm, input_tokens: undefined, output_tokens: undefined };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Amounts;
}

/** Per-tenant token buckets: tenant = (API key, provider, model), one bucket per limit kind. */
export interface Limiter {
  /** Limits currently in force for a model (undefined = unlimited). */
  limitsOf(provider: Provider, modelId: string): ModelLimits | undefined;
  /** Takes `cost` from every bucket if all have room; otherwise takes nothing and says which one limits. */
  admit(apiKey: string, provider: Provider, modelId: string, cost: Amounts): Admission;
  /** Current bucket states without taking anything (headers of an injected 429). */
  peek(apiKey: string, provider: Provider, modelId: string): BucketState[];
  /** Ms until every bucket has room for `cost` (0 = now). */
  waitMs(apiKey: string, provider: Provider, modelId: string, cost: Amounts): number;
  /** Applies a new `rateLimits` setting; tenants of models whose limits changed start afresh. */
  configure(setting: MockConfig['rateLimits']): void;
  /** Forgets every tenant (buckets refill to full). */
  reset(): void;
}

/** Creates a limiter over a clock (ms). */
export function createLimiter(setting: MockConfig['rateLimits'], clock: () => number): Limiter {
  let table = resolveLimits(setting);
  /** modelKey → apiKey → kind → bucket */
  const tenants = new Map<string, Map<string, Map<BucketKind, TokenBucket>>>();

  function bucketsOf(apiKey: string, provider: Provider, modelId: string) {
    const key = `${provider}/${modelId}`;
    const limits = table.get(key);
    if (!limits) return undefined;
    let byKey = tenants.get(key);
    if (!byKey) {
      byKey = new Map();
      tenants.set(key, byKey);
    }
    let buckets = byKey.get(apiKey);
    if (!buckets) {
      buckets = new Map();
      for (const [kind, cap] of Object.entries(capacities(provider, limits)))
        if (cap !== undefined) buckets.set(kind as BucketKind, createBucket(cap, clock()));
      byKey.set(apiKey, buckets);
    }
    return buckets;
  }

  const states = (buckets: Map<BucketKind, TokenBucket>, now: number): BucketState[] =>
    [...buckets].map(([kind, b]) => ({
      kind,
      limit: b.capacity,
      remaining: remaining(b, now),
      resetMs: untilFull(b, now),
    }));

  return {
    limitsOf: (provider, modelId) => table.get(`${provider}/${modelId}`),
    admit(apiKey, provider, modelId, cost) {
      const buckets = bucketsOf(apiKey, provider, modelId);
      if (!buckets) return { limited: false, states: [], settle: () => undefined };
      const now = clock();
      let worst: { kind: BucketKind; wait: number; requested: number } | undefined;
      for (const [kind, b] of buckets) {
        const wait = waitFor(b, cost[kind] ?? 0, now);
        if (wait > 0 && (!worst || wait > worst.wait)) worst = { kind, wait, requested: cost[kind] ?? 0 };
      }
      if (worst) {
        // a request larger than the bucket can never pass: advise waiting for a full bucket
        const full = untilFull(buckets.get(worst.kind) as TokenBucket, now);
        const retryAfterMs = Number.isFinite(worst.wait) ? worst.wait : Math.max(full, 1000);
        return {
          limited: true,
          states: states(buckets, now),
          bucket: worst.kind,
          retryAfterMs,
          requested: worst.requested,
        };
      }
      for (const [kind, b] of buckets) tryTake(b, cost[kind] ?? 0, now);
      return {
        limited: false,
        states: states(buckets, now),
        settle(used) {
          const at = clock();
          for (const [kind, b] of buckets) {
            const charged = cost[kind] ?? 0;
            giveBack(b, charged - Math.min(charged, used[kind] ?? charged), at);
          }
        },
      };
    },
    peek(apiKey, provider, modelId) {
      const buckets = bucketsOf(apiKey, provider, modelId);
      return buckets ? states(buckets, clock()) : [];
    },
    waitMs(apiKey, provider, modelId, cost) {
      const buckets = bucketsOf(apiKey, provider, modelId);
      if (!buckets) return 0;
      const now = clock();
      return Math.max(0, ...[...buckets].map(([kind, b]) => waitFor(b, cost[kind] ?? 0, now)));
    },
    configure(next) {
      const nextTable = resolveLimits(next);
      for (const key of new Set([...table.keys(), ...nextTable.keys()]))
        if (JSON.stringify(table.get(key)) !== JSON.stringify(nextTable.get(key))) tenants.delete(key);
      table = nextTable;
    },
    reset: () => tenants.clear(),
  };
}
