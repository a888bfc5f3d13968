import { harnessConfigFromEnv } from '../config';
import { startStack } from '../stack';
import { describeEndpoints } from './endpoints';
import { driveRun } from './run-command';
import { stopOnSignal } from './up-command';

/**
 * `npm start` / `harness start`: everything up on the embedded defaults, a short direct vs streaming
 * vs batch comparison (`HARNESS_START_SCENARIO`, default `smoke`; `none` skips it), its summary,
 * then the dashboard URL, serving until Ctrl-C.
 */
export async function startCommand(): Promise<void> {
  const config = harnessConfigFromEnv();
  const stack = await startStack({ config });
  stopOnSignal(stack);
  const out = process.stdout;
  out.write(describeEndpoints(stack));
  const scenario = process.env.HARNESS_START_SCENARIO ?? 'smoke';
  if (scenario !== 'none') {
    out.write(`\nRunning the "${scenario}" scenario: direct vs streaming vs batch…\n`);
    await driveRun({ baseUrl: stack.url, token: config.token }, scenario, {}).catch((e: Error) => {
      out.write(`the comparison run failed: ${e.message}\n`);
    });
  }
  out.write(`\nDashboard: ${stack.url}/\nServing until Ctrl-C.\n`);
}
