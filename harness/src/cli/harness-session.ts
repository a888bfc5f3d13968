import { harnessConfigFromEnv } from '../config';
import { type Stack, startStack } from '../stack';
import { type ApiTarget, apiTarget, harnessIsUp } from './api-client';

/** A harness to talk to: the one already up, or one this command started (and will stop). */
export interface HarnessSession {
  target: ApiTarget;
  /** Set when this process started the stack itself. */
  stack: Stack | undefined;
  close(): Promise<void>;
}

/**
 * Reach the running harness (it owns the chDB folder), or bring one up in this process when none is
 * up, so `harness run` works on its own as well as beside `harness up`.
 */
export async function openHarnessSession(): Promise<HarnessSession> {
  const config = harnessConfigFromEnv();
  const target = apiTarget(config);
  if (await harnessIsUp(target)) return { target, stack: undefined, close: async () => {} };
  const stack = await startStack({ config });
  return { target: { baseUrl: stack.url, token: config.token }, stack, close: () => stack.close() };
}
