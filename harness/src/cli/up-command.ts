import { type Stack, startStack } from '../stack';
import { describeEndpoints } from './endpoints';

/** `harness up`: bring the stack up and serve until Ctrl-C. */
export async function upCommand(): Promise<Stack> {
  const stack = await startStack();
  const out = process.stdout;
  out.write(describeEndpoints(stack));
  out.write('Press Ctrl-C to stop.\n');
  stopOnSignal(stack);
  return stack;
}

/** Flush spans and close the store on Ctrl-C / SIGTERM, so nothing accepted is lost. */
export function stopOnSignal(stack: Stack): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stdout.write(`\n${signal}: flushing spans and stopping…\n`);
    stack.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
