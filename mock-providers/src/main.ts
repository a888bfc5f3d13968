import { createMockServer } from './server';

/** Standalone entry: `tsx mock-providers/src/main.ts`; env MOCK_PORT, MOCK_HOST, MOCK_SEED, MOCK_TIME_SCALE, MOCK_PROFILE. */
const num = (name: string): number | undefined => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
};

const server = await createMockServer({
  ...(num('MOCK_PORT') !== undefined ? { port: num('MOCK_PORT') as number } : {}),
  ...(process.env.MOCK_HOST ? { host: process.env.MOCK_HOST } : {}),
  ...(num('MOCK_SEED') !== undefined ? { seed: num('MOCK_SEED') as number } : {}),
  ...(num('MOCK_TIME_SCALE') !== undefined ? { timeScale: num('MOCK_TIME_SCALE') as number } : {}),
  ...(process.env.MOCK_PROFILE ? { profile: process.env.MOCK_PROFILE } : {}),
});
console.log(`mock-providers listening on ${server.url}`);
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
