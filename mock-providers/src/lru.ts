/**
 * A bounded map that forgets its least recently used entry when full (a `Map` keeps insertion
 * order, so re-inserting on a hit keeps the order by use). The mock's memos use it: under load
 * the same request bodies, prompts and answers come back again and again.
 */
export class Lru<K, V> {
  readonly #map = new Map<K, V>();

  constructor(readonly maxEntries: number) {}

  get(key: K): V | undefined {
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, hit);
    }
    return hit;
  }

  set(key: K, value: V): void {
    if (this.#map.size >= this.maxEntries && !this.#map.has(key))
      this.#map.delete(this.#map.keys().next().value as K);
    this.#map.set(key, value);
  }

  get size(): number {
    return this.#map.size;
  }
}
