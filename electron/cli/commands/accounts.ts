import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { ROLES, type Role } from '../../api/schemas/account';
import { CliFailure, withRuntime, type CliRuntime } from '../runtime';
import { showCommand } from '../show-command';

/**
 * A new password: typed twice at a terminal without echo, or the first line of standard input for scripts
 * (`printf '%s\n' "$PW" | tasleem users add …`). Never an argument: arguments show in `ps` and shell history.
 */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new CliFailure('VALIDATION', 'no password on standard input');
  }
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      // Echo nothing of what is typed after the question.
      const out = rl as unknown as { _writeToOutput: (s: string) => void };
      rl.question(q, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
      out._writeToOutput = () => undefined;
    });
  const first = await ask(prompt);
  if ((await ask('again: ')) !== first) throw new CliFailure('VALIDATION', 'the two passwords differ');
  return first;
}

async function accountId(rt: CliRuntime, username: string): Promise<string> {
  const found = (await rt.call('users:list', {})).find((a) => a.username === username.toLowerCase());
  if (!found) throw new CliFailure('NOT_FOUND', `no account ${username}`);
  return found.id;
}

const role = (v: string): Role => {
  if (!(ROLES as readonly string[]).includes(v))
    throw new CliFailure('VALIDATION', `role must be one of ${ROLES.join(', ')}`);
  return v as Role;
};

export function registerAccountCommands(program: Command): void {
  const users = program
    .command('users')
    .description(
      'accounts that sign in to the app (the command line itself needs none: the database is its credential)',
    );

  showCommand(program, users, {
    name: 'list',
    read: (rt) => rt.call('users:list', {}),
    text: (list) =>
      list
        .map((a) =>
          [a.username.padEnd(20), a.role.padEnd(14), a.disabled ? 'disabled' : 'active  ', a.displayName].join('  '),
        )
        .join('\n') || '(no accounts: the app asks for an administrator at its first start)',
  });

  users
    .command('add <username>')
    .description('create an account (the first administrator too); the password is asked, or read from standard input')
    .requiredOption('--role <role>', ROLES.join(' | '), role)
    .requiredOption('--name <fullName>', 'the name shown in the app')
    .action(
      withRuntime(program, async (rt, username: string, opts: { role: Role; name: string }) => {
        const a = await rt.call('users:create', {
          username,
          displayName: opts.name,
          role: opts.role,
          password: await readPassword(`password for ${username}: `),
        });
        rt.out(`created ${a.username} (${a.role})`);
      }),
    );

  users
    .command('set <username>')
    .description('change the role or the name, or disable / enable an account (accounts are never deleted)')
    .option('--role <role>', ROLES.join(' | '), role)
    .option('--name <fullName>', 'the name shown in the app')
    .option('--disable', 'refuse its sign-in from now on')
    .option('--enable', 'allow its sign-in again')
    .action(
      withRuntime(
        program,
        async (rt, username: string, opts: { role?: Role; name?: string; disable?: boolean; enable?: boolean }) => {
          const disabled = opts.disable ? true : opts.enable ? false : undefined;
          const a = await rt.call('users:update', {
            id: await accountId(rt, username),
            patch: { role: opts.role, displayName: opts.name, disabled },
          });
          rt.out(`${a.username}: ${a.role}, ${a.disabled ? 'disabled' : 'active'}`);
        },
      ),
    );

  users
    .command('password <username>')
    .description('set a new password (also lifts a lockout); asked, or read from standard input')
    .action(
      withRuntime(program, async (rt, username: string) => {
        const id = await accountId(rt, username);
        await rt.call('users:resetPassword', { id, password: await readPassword(`new password for ${username}: `) });
        rt.out(`password set for ${username.toLowerCase()}`);
      }),
    );

  program
    .command('recovery-passphrase')
    .description(
      'set or change the recovery passphrase that opens the data without the keychain; asked, or read from standard input',
    )
    .action(
      withRuntime(program, async (rt) => {
        const r = await rt.call('keys:setRecovery', {
          password: '',
          passphrase: await readPassword('new recovery passphrase: '),
        });
        rt.out(`recovery passphrase set${r.keychain ? ' (the keychain still opens the data too)' : ''}`);
      }),
    );

  const audit = program
    .command('audit')
    .description('the audit log, newest first')
    .option('--account <name>', 'entries by this account (cli:<user> for the command line)')
    .option('--record <ref>', 'entries about this record (reference number or id)')
    .option('--from <date>', 'YYYY-MM-DD (UTC)')
    .option('--to <date>', 'YYYY-MM-DD (UTC), included')
    .option('--limit <n>', 'entries (at most 500)', (v) => Number(v), 100)
    .option('--json', 'print JSON')
    .action(
      withRuntime(
        program,
        async (
          rt,
          opts: { account?: string; record?: string; from?: string; to?: string; limit: number; json?: boolean },
        ) => {
          const { rows } = await rt.call('audit:list', {
            actor: opts.account,
            entityId: opts.record,
            from: opts.from,
            to: opts.to,
            limit: opts.limit,
          });
          rt.out(
            opts.json
              ? JSON.stringify(rows, null, 2)
              : rows
                  .map((r) =>
                    [
                      String(r.id).padStart(6),
                      r.at,
                      r.actor.padEnd(16),
                      r.action.padEnd(24),
                      r.entityId ?? '',
                      JSON.stringify(r.details),
                    ].join('  '),
                  )
                  .join('\n') || '(no entries)',
          );
        },
      ),
    );

  audit
    .command('verify')
    .description('recompute the hash chain; exit 1 naming the first broken entry')
    .option('--json', 'print JSON')
    .action(
      withRuntime(program, async (rt, opts: { json?: boolean }) => {
        const v = await rt.call('audit:verify', {});
        if (opts.json) rt.out(JSON.stringify(v, null, 2));
        else if (v.ok)
          rt.out(
            `audit log intact: ${v.count} entries chained${v.head ? `, up to the kept head (entry ${v.head.id})` : ''}`,
          );
        if (!v.ok)
          throw new CliFailure(
            'AUDIT_BROKEN',
            `audit log broken at entry ${v.broken!.id}: ${v.broken!.reason}${v.broken!.at ? ` (${v.broken!.at}, ${v.broken!.actor}, ${v.broken!.action})` : ''}`,
          );
      }),
    );
}
