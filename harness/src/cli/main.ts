import { Command, CommanderError } from 'commander';
import { HARNESS_VERSION } from '../version';
import { mockCommand } from './mock-command';
import { sqlCommand } from './sql-command';
import { upCommand } from './up-command';

/** The `harness` command line. */
export function buildCli(): Command {
  const program = new Command('harness')
    .description('Load-testing and observability harness for LLM API integrations')
    .version(HARNESS_VERSION)
    .showHelpAfterError();
  program
    .command('up')
    .description('start the store, OTLP receiver and API, and serve until Ctrl-C')
    .action(async () => {
      await upCommand();
    });
  program
    .command('start')
    .description('the main job on embedded defaults (what `npm start` runs)')
    .action(async () => {
      await upCommand();
    });
  program
    .command('mock')
    .description('start the mock providers alone (ground-truth spans go to the harness over OTLP)')
    .action(mockCommand);
  program
    .command('sql')
    .description('run a read-only SQL query over the store')
    .argument('<query>', 'a single SELECT statement')
    .option('--json', 'print the answer as JSON')
    .action(sqlCommand);
  return program;
}

/** Run the CLI; errors print one clear line and exit non-zero. */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildCli().exitOverride().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    process.stderr.write(`harness: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
