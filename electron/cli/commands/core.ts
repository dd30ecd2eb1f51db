import type { Command } from 'commander';
import type { InputOf } from '../../api/contract';
import { formatList } from '../format';
import { CliFailure, withRuntime } from '../runtime';
import { showCommand } from '../show-command';

export function registerCoreCommands(program: Command): void {
  program
    .command('init')
    .description('create the database (or migrate it) and print where it is')
    .action(
      withRuntime(program, async (rt) => {
        const info = await rt.call('app:info', {});
        rt.out(`database ready: ${rt.ctx.db.sqlite.name} (schema ${info.schemaVersion})`);
      }),
    );

  showCommand(program, program, {
    name: 'info',
    description: 'version, schema and data folder',
    read: async (rt) => ({ ...(await rt.call('app:info', {})), database: rt.ctx.db.sqlite.name }),
    text: (info) =>
      Object.entries(info)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n'),
  });

  showCommand(program, program, {
    name: 'check',
    description: 'compare derived data (the totals summary) with the records; rebuild what disagrees',
    read: (rt) => rt.call('app:check', {}),
    text: (report) =>
      report.checks
        .map((c) => `${c.ok ? 'ok' : c.repaired ? 'REPAIRED' : 'FAILED'}  ${c.name}: ${c.detail}`)
        .join('\n'),
    // A repair has its own exit code (3): a script learns that something had been wrong even though it is right now.
    then: (report) => {
      const bad = report.checks.filter((c) => !c.ok);
      if (bad.some((c) => !c.repaired))
        throw new CliFailure(
          'CHECK_FAILED',
          `check failed: ${bad
            .filter((c) => !c.repaired)
            .map((c) => c.name)
            .join(', ')}`,
        );
      if (bad.length) throw new CliFailure('CHECK_REPAIRED', `repaired: ${bad.map((c) => c.name).join(', ')}`, 3);
    },
  });

  program
    .command('list')
    .description('list handovers')
    .option('--json', 'print JSON')
    .option('--search <text>', 'full-text search')
    .option('--country <code...>', 'receiving country codes')
    .option('--status <status...>', 'draft, finalized, void')
    .option('--from <date>', 'YYYY-MM-DD')
    .option('--to <date>', 'YYYY-MM-DD')
    .option('--limit <n>', 'rows (at most 500)', (v) => Number(v), 100)
    .action(
      withRuntime(
        program,
        async (
          rt,
          opts: {
            json?: boolean;
            search?: string;
            country?: string[];
            status?: string[];
            from?: string;
            to?: string;
            limit: number;
          },
        ) => {
          const filter = {
            search: opts.search,
            countries: opts.country,
            statuses: opts.status as InputOf<'handovers:summary'>['statuses'],
            from: opts.from,
            to: opts.to,
          };
          const sums = await rt.call('handovers:summary', filter);
          const { rows } = await rt.call('handovers:list', { ...filter, limit: opts.limit });
          rt.out(
            opts.json ? JSON.stringify({ rows, total: sums.handovers, sums }, null, 2) : formatList({ rows }, sums),
          );
        },
      ),
    );
}
