import type { Command } from 'commander';
import { resolve } from 'node:path';
import { dispatch } from '../../handlers/dispatch';
import { dispatchRecovery } from '../../handlers/recovery';
import type { Result } from '../../api/result';
import type { RestoreReport } from '../../services/backup/restore';
import { convertAndStart, startAppContext, type Startup } from '../../services/recovery';
import { formatBytes } from '../format';
import { cliCaller, CliFailure, contextOptions, withRuntime } from '../runtime';
import { showCommand } from '../show-command';

const out = (text: string) => void process.stdout.write(`${text}\n`);

function failed(r: Result<unknown>): never {
  if (r.ok) throw new Error('not a failure');
  throw new CliFailure(r.error.code, `${r.error.code}: ${r.error.message}`);
}

const closeStartup = (s: Startup) => s.ctx?.db.close();

export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('write an encrypted backup of the database to <file> (integrity_check first; VACUUM INTO)')
    .action(
      withRuntime(program, async (rt, file: string) => {
        const r = await rt.call('backup:saveTo', { path: resolve(file) });
        rt.out(`backup written: ${r.file} (${formatBytes(r.bytes)}), encrypted with this database's key`);
      }),
    );

  showCommand(program, program, {
    name: 'backups',
    description: "list the backups in the data folder's backups/",
    read: (rt) => rt.call('backup:list', {}),
    text: (list) =>
      [
        `${list.dir}:`,
        ...list.backups.map((b) => `${b.at}  ${b.kind.padEnd(13)} ${formatBytes(b.bytes).padStart(10)}  ${b.name}`),
      ].join('\n'),
  });

  // Restore also works when the database no longer opens (damaged): then it goes through recovery, like the app.
  program
    .command('restore <file>')
    .description('replace the database with a backup, after checking it (key, integrity, schema, audit chain)')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const started = startAppContext(await contextOptions(program));
      const path = resolve(file);
      let r: Result<unknown>;
      if (started.ctx) r = await dispatch(started.ctx, cliCaller(), 'backup:restore', { path });
      else {
        const answer = await dispatchRecovery(started.recovery, 'recovery:restore', { path });
        r = answer.result;
        answer.ctx?.db.close();
      }
      closeStartup(started);
      if (!r.ok) failed(r);
      const report = r.value as RestoreReport;
      if (opts.json) return out(JSON.stringify(report, null, 2));
      out(`restored from ${report.from}: ${report.handovers} handovers, schema ${report.schemaVersion}`);
      if (report.preRestore) out(`the database it replaced was backed up first: backups/${report.preRestore}`);
      if (report.movedAside) out(`the damaged database was moved aside: backups/${report.movedAside}`);
      for (const c of report.checks) out(`${c.ok ? 'ok' : c.repaired ? 'REPAIRED' : 'FAILED'}  ${c.name}: ${c.detail}`);
    });

  program
    .command('encrypt')
    .description('convert a plain (unencrypted) database: a plain backup is kept beside it, then it is encrypted')
    .action(async () => {
      const started = startAppContext(await contextOptions(program, { creating: true }));
      if (started.ctx) {
        closeStartup(started);
        throw new CliFailure('DB_NOT_PLAIN', 'DB_NOT_PLAIN: the database is already encrypted');
      }
      if (started.recovery.code !== 'DB_PLAIN')
        throw new CliFailure(started.recovery.code, `${started.recovery.code}: ${started.recovery.message}`);
      const { ctx, plainBackup } = convertAndStart(started.recovery, cliCaller().actor);
      ctx.db.close();
      out(`encrypted: ${started.recovery.dbFile}`);
      out(`the plain original was kept beside it: ${plainBackup}`);
      out('It is NOT encrypted: move it somewhere safe (or delete it) once the encrypted database works.');
    });
}
