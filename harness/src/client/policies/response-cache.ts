import { createHash } from 'node:crypto';
import type { ChatRequest, ChatResult } from '../types';

/** Exact-match cache of answers: the same provider, model, messages, limits and tools. */
export interface ResponseCache {
  get(req: ChatRequest): ChatResult | undefined;
  set(req: ChatRequest, result: ChatResult): void;
  readonly size: number;
}

/** The cache key: a hash of everything that can change the answer (never of headers or keys). */
export function cacheKey(req: ChatRequest): string {
  const { provider, model, messages, maxTokens, tools, jsonMode, stream, api } = req;
  return createHash('sha256')
    .update(
      JSON.stringify([
        provider,
        model,
        messages,
        maxTokens,
        tools ?? null,
        !!jsonMode,
        stream,
        api ?? 'chat',
      ]),
    )
    .digest('hex');
}

/** A bounded LRU (Map insertion order) so a long run cannot grow it without limit. */
export function createResponseCache(maxEntries: number): ResponseCache {
  const map = new Map<string, ChatResult>();
  return {
    get(req) {
      const k = cacheKey(req);
      const hit = map.get(k);
      if (hit) {
        map.delete(k);
        map.set(k, hit);
      }
      return hit;
    },
    set(req, result) {
      const k = cacheKey(req);
      map.delete(k);
      map.set(k, result);
      if (map.size > maxEntries) map.delete(map.keys().next().value as string);
    },
    get size() {
      return map.size;
    },
  };
}
