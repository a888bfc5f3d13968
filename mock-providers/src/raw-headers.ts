/**
 * Read-only `Headers` over a node request's `rawHeaders`, for the standalone server's requests.
 * Why: undici's `Headers` validates and copies every header into its own list (≈ 3 µs a request)
 * and the handlers only ever read a few. Reads follow the fetch rules: names are case-insensitive,
 * repeated headers read as one value joined by `, `, iteration is by sorted lower-case name.
 * Writing is refused, like a request's headers once sent; `toHeaders()` gives a real, mutable copy.
 */
export class RawHeaders {
  #sorted: [string, string][] | undefined;

  constructor(private readonly raw: readonly string[]) {}

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    let value: string | null = null;
    const raw = this.raw;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const key = raw[i] as string;
      if (key.length === wanted.length && key.toLowerCase() === wanted) {
        value = value === null ? (raw[i + 1] as string) : `${value}, ${raw[i + 1]}`;
      }
    }
    return value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  getSetCookie(): string[] {
    const out: string[] = [];
    for (let i = 0; i + 1 < this.raw.length; i += 2)
      if ((this.raw[i] as string).toLowerCase() === 'set-cookie') out.push(this.raw[i + 1] as string);
    return out;
  }

  /** `[name, value]` pairs as `Headers` iterates them: sorted names, repeated ones joined. */
  #pairs(): [string, string][] {
    if (!this.#sorted) {
      const merged = new Map<string, string>();
      for (let i = 0; i + 1 < this.raw.length; i += 2) {
        const key = (this.raw[i] as string).toLowerCase();
        const prev = merged.get(key);
        merged.set(key, prev === undefined ? (this.raw[i + 1] as string) : `${prev}, ${this.raw[i + 1]}`);
      }
      this.#sorted = [...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }
    return this.#sorted;
  }

  forEach(callback: (value: string, name: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.#pairs())
      callback.call(thisArg, value, name, this as unknown as Headers);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const [name, value] of this.#pairs()) yield [name, value];
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.#pairs()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.#pairs()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  set(): never {
    throw new TypeError('immutable: these are the headers of a received request');
  }

  append(): never {
    return this.set();
  }

  delete(): never {
    return this.set();
  }

  /** A real, mutable `Headers` with the same entries. */
  toHeaders(): Headers {
    const headers = new Headers();
    for (let i = 0; i + 1 < this.raw.length; i += 2)
      headers.append(this.raw[i] as string, this.raw[i + 1] as string);
    return headers;
  }
}
