import { Command, CommanderError } from 'commander';
import { HARNESS_VERSION } from '../version';
import { type CapacityOptions, capacityCommand } from './capacity-command';
import { mockCommand } from './mock-command';
import { type CompareOptions, compareCommand, reportCommand } from './report-command';
import { type RunOptions, runCommand } from './run-command';
import { scenariosCommand } from './scenarios-command';
import { sqlCommand } from './sql-command';
import { startCommand } from './start-command';
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
    .action(startCommand);
  program
    .command('run')
    .description('drive a scenario (open model) and print the summary; exit 1 when thresholds fail')
    .argument('<scenario>', 'scenario name (see `harness scenarios`) or path to a scenario .js file')
    .argument('[k6Args...]', 'flags for `k6 run` after --, e.g. -- --vus 50 --out json=k6.json (engine k6)')
    .option('--engine <engine>', 'builtin or k6', 'builtin')
    .option('--rate <rate>', 'constant rate instead of the stages, e.g. 100/m, 5/s')
    .option('--duration <duration>', 'stretch the stages to this length, e.g. 30s, 5m')
    .action(async (scenario: string, k6Args: string[], opts: RunOptions) => {
      process.exitCode = await runCommand(scenario, opts, k6Args);
    });
  program
    .command('report')
    .description("print or write a run's report")
    .argument('<run>', 'run id')
    .option('--format <format>', 'md, json, html or seed (measured vs the seed tables)', 'md')
    .option('--out <file>', 'write into reports/ instead of printing')
    .action(reportCommand);
  program
    .command('compare')
    .description('compare candidate runs against a baseline run, with confidence intervals')
    .argument('<baseline>', 'run id')
    .argument('<candidates...>', 'one or more run ids')
    .option('--format <format>', 'md or json', 'md')
    .option('--json', 'print the comparison as JSON (same as --format json)')
    .option('--strict', 'fail (exit 1) when the runs differ in scenario, engine, mock or client settings')
    .option('--out <file>', 'write into reports/ instead of printing')
    .action(async (baseline: string, candidates: string[], opts: CompareOptions) => {
      process.exitCode = await compareCommand(baseline, candidates, opts);
    });
  program
    .command('capacity')
    .description("step the rate up until runs turn unreliable; print this machine's highest reliable RPM")
    .option('--pattern <pattern>', 'one pattern (default: direct and streaming)')
    .option('--from <rpm>', 'first step, requests per minute', '250')
    .option('--factor <x>', 'each step multiplies the rate by this', '2')
    .option('--max <rpm>', 'never step above this', '16000')
    .option('--duration <duration>', "each step's run length, its scenario's warm-up included", '40s')
    .action(async (opts: CapacityOptions) => {
      process.exitCode = await capacityCommand(opts);
    });
  program.command('scenarios').description('list the scenarios').action(scenariosCommand);
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
