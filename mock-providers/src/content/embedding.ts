import { requestRng } from './rng';

/**
 * Deterministic unit-length embedding of a text: a function of (seed, model, text) only.
 * Values are float32-exact (`Math.fround`) so the float and base64 encodings decode equal.
 * `dims` below the model's native size truncates and renormalises, as OpenAI `dimensions` does.
 */
export function embed(
  seed: number,
  model: string,
  text: string,
  nativeDims: number,
  dims = nativeDims,
): number[] {
  const rng = requestRng(seed, model, text, 'embedding');
  const full: number[] = [];
  for (let i = 0; i < nativeDims; i++) full.push(rng.next() * 2 - 1);
  const cut = full.slice(0, Math.max(1, Math.min(dims, nativeDims)));
  const norm = Math.sqrt(cut.reduce((s, v) => s + v * v, 0)) || 1;
  return cut.map((v) => Math.fround(v / norm));
}

/** Base64 of the vector packed as consecutive little-endian float32 (what openai-node decodes). */
export function toBase64Float32(vector: readonly number[]): string {
  const buf = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) buf.writeFloatLE(vector[i] ?? 0, i * 4);
  return buf.toString('base64');
}
