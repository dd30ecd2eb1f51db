import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './commands/accounts';
import { registerBackupCommands } from './commands/backup';
import { registerCoreCommands } from './commands/core';
import { registerCountryCommands } from './commands/countries';
import { registerReportCommands } from './commands/report';
import { registerExchangeCommands, registerIoCommands } from './commands/io';
import { registerTotalsCommands } from './commands/totals';
import { AppError } from '../api/result';
import { CliFailure } from './runtime';

/** `tasleem <command>`: the same handlers as the app. Each area registers its commands in commands/<area>.ts. */
export function buildProgram(): Command {
  const program = new Command('tasleem')
    .description('Tasleem: records of repatriation handovers')
    .option('--db <file>', 'database file (env TASLEEM_DB; default: the app database)')
    .exitOverride();
  registerCoreCommands(program);
  registerReportCommands(program);
  registerIoCommands(program);
  registerExchangeCommands(program);
  registerTotalsCommands(program);
  registerCountryCommands(program);
  registerAccountCommands(program);
  registerBackupCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    process.stderr.write(
      `tasleem: ${err instanceof AppError ? `${err.code}: ` : ''}${err instanceof Error ? err.message : String(err)}\n`,
    );
    return err instanceof CliFailure ? err.exitCode : 1;
  }
}

if (process.argv[1] && /cli[\\/]main\.ts$|bin[\\/]tasleem(\.js)?$/.test(process.argv[1])) {
  process.exitCode = await runCli(process.argv.slice(2));
}
