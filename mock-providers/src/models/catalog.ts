import type { ProviderName } from '../provider-names';

/** Which API family a model belongs to. */
export type Provider = ProviderName;

/** One model the mock serves: limits, speed and latency figures used by the latency model. */
export interface ModelSpec {
  id: string;
  provider: Provider;
  kind: 'chat' | 'embedding';
  /** Dated snapshot echoed in responses (OpenAI echoes `gpt-4o-2024-08-06`). */
  snapshot: string;
  aliases: readonly string[];
  contextWindow: number;
  maxOutputTokens: number;
  /** Generation speed range in tokens per second (seeded draw inside it). */
  tokensPerSecond: readonly [number, number];
  /** Streaming time to first token range in ms (seeds: 200–800 ms). */
  ttftMs: readonly [number, number];
  /** Default embedding dimensionality (embedding models only). */
  embeddingDims?: number;
  /** Unix seconds shown by `/v1/models`. */
  created: number;
}

const chat = (
  id: string,
  provider: Provider,
  snapshot: string,
  contextWindow: number,
  maxOutputTokens: number,
  tokensPerSecond: readonly [number, number],
  ttftMs: readonly [number, number],
  aliases: readonly string[] = [],
): ModelSpec => ({
  id,
  provider,
  kind: 'chat',
  snapshot,
  aliases,
  contextWindow,
  maxOutputTokens,
  tokensPerSecond,
  ttftMs,
  created: 1715367049,
});

const embedding = (id: string, provider: Provider, dims: number, contextWindow: number): ModelSpec => ({
  id,
  provider,
  kind: 'embedding',
  snapshot: id,
  aliases: [],
  contextWindow,
  maxOutputTokens: 0,
  tokensPerSecond: [5000, 10000],
  ttftMs: [20, 80],
  embeddingDims: dims,
  created: 1705953180,
});

/** The model catalog: the one place listing every served model and its figures. */
export const MODELS: readonly ModelSpec[] = [
  chat('gpt-4o', 'openai', 'gpt-4o-2024-08-06', 128_000, 16_384, [50, 80], [200, 800]),
  chat('gpt-4o-mini', 'openai', 'gpt-4o-mini-2024-07-18', 128_000, 16_384, [90, 140], [200, 600]),
  embedding('text-embedding-3-small', 'openai', 1536, 8191),
  embedding('text-embedding-3-large', 'openai', 3072, 8191),
  chat(
    'claude-sonnet-4-20250514',
    'anthropic',
    'claude-sonnet-4-20250514',
    200_000,
    64_000,
    [50, 80],
    [300, 800],
    ['claude-sonnet-4-0'],
  ),
  chat(
    'claude-3-5-haiku-20241022',
    'anthropic',
    'claude-3-5-haiku-20241022',
    200_000,
    8192,
    [90, 140],
    [200, 600],
    ['claude-3-5-haiku-latest'],
  ),
  chat('gemini-2.5-flash', 'gemini', 'gemini-2.5-flash', 1_048_576, 65_536, [120, 200], [200, 600]),
  chat('gemini-2.5-pro', 'gemini', 'gemini-2.5-pro', 1_048_576, 65_536, [50, 80], [300, 800]),
  embedding('gemini-embedding-001', 'gemini', 3072, 2048),
  embedding('text-embedding-004', 'gemini', 768, 2048),
];

const byName = new Map<string, ModelSpec>();
for (const m of MODELS) {
  byName.set(`${m.provider}/${m.id}`, m);
  for (const a of m.aliases) byName.set(`${m.provider}/${a}`, m);
}

/** Looks a model up by id or alias within one provider; undefined when unknown (→ 404). */
export function findModel(provider: Provider, name: string): ModelSpec | undefined {
  return byName.get(`${provider}/${name.startsWith('models/') ? name.slice(7) : name}`);
}

/** Every model of one provider, in catalog order. */
export function modelsOf(provider: Provider): ModelSpec[] {
  return MODELS.filter((m) => m.provider === provider);
}
