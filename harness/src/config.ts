import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

const envSchema = z.object({
  HARNESS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  HARNESS_PORT: port(3000),
  OTLP_PORT: port(4318),
  MOCK_PORT: port(4010),
  HARNESS_TOKEN: z.string().trim().min(16, 'HARNESS_TOKEN must be at least 16 characters').optional(),
  MOCK_HOST: z.string().trim().min(1).optional(),
  MOCK_SEED: z.coerce.number().int().optional(),
  MOCK_TIME_SCALE: z.coerce.number().min(0).max(100).optional(),
  MOCK_PROFILE: z.string().trim().min(1).optional(),
  /** Send provider calls here instead of the in-process mock (e.g. a separately started `harness mock`). */
  HARNESS_PROVIDER_URL: z.url().optional(),
  /** Bound of the span writer's in-memory queue (rows); beyond it spans are dropped and counted. */
  HARNESS_SPAN_QUEUE_ROWS: z.coerce.number().int().min(1).max(10_000_000).optional(),
  /** Threads serving the built-in driver's invoke path (0 = on the main loop). */
  HARNESS_CLIENT_WORKERS: z.coerce.number().int().min(0).max(16).optional(),
  /** 1 = the hosted mock on its own thread, 0 = on the main loop (one mock: its state is one). */
  HARNESS_MOCK_WORKERS: z.coerce
    .number()
    .int()
    .min(0)
    .max(1, 'the mock keeps rate-limit windows, files and batches in one place: 0 or 1')
    .optional(),
  /** 1 = each built-in run's driver on its own thread, 0 = on the main loop. */
  HARNESS_DRIVER_THREAD: z.enum(['0', '1']).optional(),
});

/** Where the harness listens and who may talk to it. */
export interface HarnessConfig {
  host: string;
  port: number;
  otlpPort: number;
  mockPort: number;
  /** Bearer token every API and socket.io call must carry; required off loopback. */
  token: string | undefined;
  /** The in-process mock's start values (env MOCK_*). */
  mock: { host: string; seed?: number; timeScale?: number; profile?: string };
  /** External provider origin; unset = host the mock in-process. */
  providerUrl: string | undefined;
  /** Bound of the span queue in rows (env HARNESS_SPAN_QUEUE_ROWS); default 200,000. */
  spanQueueRows?: number;
  /** Which work gets a thread of its own (README: "Topology"); absent = everything on the main loop. */
  workers?: Topology;
}

/** Which work runs off the main loop. */
export interface Topology {
  /** Client workers serving the built-in driver's invoke path (0 = the main loop serves it). */
  client: number;
  /** 1 = the hosted mock on its own thread. */
  mock: number;
  /** Each built-in run's driver on its own thread. */
  driverThread: boolean;
}

/**
 * What `harness up`/`run`/`npm start` use unless told otherwise: the driver and the mock on a
 * thread each, and client workers for the cores left (at least one).
 */
export function defaultTopology(cores = availableParallelism()): Topology {
  return { client: Math.max(1, Math.min(4, cores - 1)), mock: 1, driverThread: true };
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * Read and check the harness settings. Refuses a non-loopback bind without `HARNESS_TOKEN`,
 * because the API runs SQL and drives load.
 */
export function harnessConfigFromEnv(env: NodeJS.ProcessEnv = process.env): HarnessConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  const e = parsed.data;
  if (!isLoopback(e.HARNESS_HOST) && !e.HARNESS_TOKEN) {
    throw new Error(
      `refusing to bind ${e.HARNESS_HOST} without HARNESS_TOKEN: off loopback every API call must carry a bearer token`,
    );
  }
  return {
    host: e.HARNESS_HOST,
    port: e.HARNESS_PORT,
    otlpPort: e.OTLP_PORT,
    mockPort: e.MOCK_PORT,
    token: e.HARNESS_TOKEN,
    mock: {
      host: e.MOCK_HOST ?? e.HARNESS_HOST,
      ...(e.MOCK_SEED === undefined ? {} : { seed: e.MOCK_SEED }),
      ...(e.MOCK_TIME_SCALE === undefined ? {} : { timeScale: e.MOCK_TIME_SCALE }),
      ...(e.MOCK_PROFILE === undefined ? {} : { profile: e.MOCK_PROFILE }),
    },
    providerUrl: e.HARNESS_PROVIDER_URL,
    ...(e.HARNESS_SPAN_QUEUE_ROWS === undefined ? {} : { spanQueueRows: e.HARNESS_SPAN_QUEUE_ROWS }),
    workers: topologyFromEnv(e),
  };
}

function topologyFromEnv(e: z.infer<typeof envSchema>): Topology {
  const d = defaultTopology();
  return {
    client: e.HARNESS_CLIENT_WORKERS ?? d.client,
    mock: e.HARNESS_MOCK_WORKERS ?? d.mock,
    driverThread: e.HARNESS_DRIVER_THREAD === undefined ? d.driverThread : e.HARNESS_DRIVER_THREAD === '1',
  };
}
