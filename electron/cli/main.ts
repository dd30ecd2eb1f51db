import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { dispatch } from '../api/dispatch';
import type { Channel, InputOf, OutputOf } from '../api/contract';
import { createAppContext } from '../services/app-context';
import { localCaller, type AppContext } from '../services/context';
import { databaseFile, resolveDataDir } from '../services/data-dir';
import { formatList } from './format';

/** Errors go to stderr with exit code 1; a failed Result carries the same code as in the app. */
class CliFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function openContext(program: Command): AppContext {
  const opts = program.opts<{ db?: string }>();
  const file = opts.db ?? process.env.TASLEEM_DB ?? databaseFile(resolveDataDir());
  return createAppContext({ dataDir: resolveDataDir(), dbFile: resolve(file), mode: 'cli' });
}

async function call<C extends Channel>(ctx: AppContext, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await dispatch(ctx, localCaller(process.env.USER ?? 'cli'), channel, input);
  if (!result.ok) {
    const issues = result.error.details?.issues?.map((i) => `  ${i.path || '(input)'}: ${i.key}`).join('\n');
    throw new CliFailure(result.error.code, `${result.error.code}: ${result.error.message}${issues ? `\n${issues}` : ''}`);
  }
  return result.value as OutputOf<C>;
}

export function buildProgram(): Command {
  const program = new Command('tasleem')
    .description('Tasleem: records of repatriation handovers')
    .option('--db <file>', 'database file (env TASLEEM_DB; default: the app database)')
    .exitOverride();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander passes untyped positional args
  const withContext = <A extends any[]>(fn: (ctx: AppContext, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const ctx = openContext(program);
      try {
        await fn(ctx, ...args);
      } finally {
        ctx.db.close();
      }
    };

  program
    .command('init')
    .description('create the database (or migrate it) and print where it is')
    .action(withContext(async (ctx) => {
      const info = await call(ctx, 'app:info', {});
      process.stdout.write(`database ready: ${ctx.db.sqlite.name} (schema ${info.schemaVersion})\n`);
    }));

  program
    .command('info')
    .option('--json', 'print JSON')
    .action(withContext(async (ctx, opts: { json?: boolean }) => {
      const info = await call(ctx, 'app:info', {});
      const out = { ...info, database: ctx.db.sqlite.name };
      process.stdout.write(opts.json ? `${JSON.stringify(out, null, 2)}\n` : Object.entries(out).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
    }));

  program
    .command('list')
    .description('list handovers')
    .option('--json', 'print JSON')
    .option('--search <text>', 'full-text search')
    .option('--country <code...>', 'receiving country codes')
    .option('--status <status...>', 'draft, finalized, void')
    .option('--from <date>', 'YYYY-MM-DD')
    .option('--to <date>', 'YYYY-MM-DD')
    .option('--limit <n>', 'rows', (v) => Number(v), 100)
    .action(withContext(async (ctx, opts: { json?: boolean; search?: string; country?: string[]; status?: string[]; from?: string; to?: string; limit: number }) => {
      const result = await call(ctx, 'handovers:list', {
        search: opts.search,
        countries: opts.country,
        statuses: opts.status as InputOf<'handovers:list'>['statuses'],
        from: opts.from,
        to: opts.to,
        limit: opts.limit,
      });
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatList(result));
    }));

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    process.stderr.write(`tasleem: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && /cli[\\/]main\.ts$|bin[\\/]tasleem(\.js)?$/.test(process.argv[1])) {
  process.exitCode = await runCli(process.argv.slice(2));
}
