// The `xueji` command line: global options and the commands of commands.ts. Errors are thrown
// anywhere as CliError and turned into an exit code here, once (outputs.md §1: 0 success, 1 the
// run failed, 2 bad usage or settings, 75 the warehouse is held by another run).

import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { COMMANDS, type GlobalArgs } from './commands.js';
import { CliError, EXIT, usageError } from './common/errors.js';

export function buildCli(argv: string[]) {
  let cli = yargs(argv)
    .scriptName('xueji')
    .option('db', { type: 'string', default: './warehouse.duckdb', describe: 'warehouse file' })
    .option('log-format', { choices: ['text', 'json'] as const, describe: 'progress line format' });
  for (const command of COMMANDS) cli = cli.command(command as CommandModule<GlobalArgs, never>);
  return cli
    .demandCommand(1, 'name a command; see xueji --help')
    .strict()
    .fail((message, error) => {
      throw error ?? usageError(message);
    })
    .help();
}

async function main(): Promise<void> {
  try {
    await buildCli(hideBin(process.argv)).parseAsync();
  } catch (error) {
    process.exitCode = exitCodeOf(error);
  }
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`xueji: ${error.message}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`xueji: ${detail}\n`);
  return EXIT.failed;
}

await main();
