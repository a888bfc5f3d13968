/**
 * A bounded memo that keeps what was used recently: two generations of at most `maxEntries / 2`
 * entries each; a hit in the older one moves the entry to the newer one, and when the newer one is
 * full the older one is dropped whole. Why not an exact LRU: re-inserting every hit to keep a
 * `Map` in use order costs a delete and a set per lookup, and the mock's memos are looked up on
 * every request (the same bodies, prompts and answers again and again under load).
 */
export class Lru<K, V> {
  #current = new Map<K, V>();
  #previous = new Map<K, V>();
  readonly #half: number;

  constructor(readonly maxEntries: number) {
    this.#half = Math.max(1, Math.floor(maxEntries / 2));
  }

  get(key: K): V | undefined {
    const hit = this.#current.get(key);
    if (hit !== undefined) return hit;
    const old = this.#previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.#current.size >= this.#half && !this.#current.has(key)) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(key, value);
  }

  /** Entries held (at most `maxEntries`; a key may briefly sit in both generations). */
  get size(): number {
    return this.#current.size + this.#previous.size;
  }
}
