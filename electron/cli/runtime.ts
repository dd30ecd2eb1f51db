import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { copyFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileKind } from '../api/domain/limits';
import type { ChosenFile } from '../api/schemas/files';
import { filesOf } from '../services/files/store';
import { dispatch } from '../handlers/dispatch';
import type { Channel, InputOf, OutputOf } from '../api/contract';
import { AppError, type Result } from '../api/result';
import { createAppContext, type ContextOptions } from '../services/app-context';
import { localCaller, type AppContext } from '../services/context';
import { databaseFile, resolveDataDir } from '../services/data-dir';
import { keyStoreFileFor } from '../services/keys/keystore';
import { passphraseUnlock } from '../services/keys/passphrase';

/** A failure the CLI reports on stderr with a non-zero exit; `code` is the same error code the app uses. */
export class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CliRuntime {
  ctx: AppContext;
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** The same call, answering the Result: for a command that words some failures itself. */
  attempt<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>>;
  out(text: string): void;
  /** Admits the file at a path for a channel taking that kind of file (refused over its limit, before reading). */
  choose(path: string, kind: FileKind): ChosenFile;
  /** Writes a file a channel produced (held under its id) to a path, or to standard output without one. */
  save(fileId: string, path?: string): void;
}

export const dbFileOf = (program: Command) =>
  resolve(program.opts<{ db?: string }>().db ?? (process.env.TASLEEM_DB || databaseFile(resolveDataDir())));

/** How the CLI opens the database named by --db: the passphrase from TASLEEM_DB_KEY or the terminal. */
export async function contextOptions(program: Command, opts: { creating?: boolean } = {}): Promise<ContextOptions> {
  const file = dbFileOf(program);
  const unlock = await passphraseUnlock({ creating: opts.creating ?? !existsSync(keyStoreFileFor(file)) });
  return { dataDir: resolveDataDir(), dbFile: file, mode: 'cli', unlock };
}

async function openContext(program: Command): Promise<AppContext> {
  try {
    return createAppContext(await contextOptions(program));
  } catch (err) {
    if (err instanceof AppError) throw new CliFailure(err.code, `${err.code}: ${err.message}`);
    throw err;
  }
}

/**
 * The command line is an administrator's tool: holding the database (and its key) is the credential. It acts as the
 * operating system's user, marked as CLI in the audit log; the name comes from the system, not from $USER.
 */
export function cliCaller() {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = `uid-${process.getuid?.() ?? 'unknown'}`;
  }
  return localCaller(`cli:${name}`);
}

function cliFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AppError) throw new CliFailure(err.code, `${err.code}: ${err.message}`);
    throw err;
  }
}

/** Wraps a command action: opens the database named by --db, runs, always closes. */
export const withRuntime =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander passes untyped positional args
  <A extends any[]>(program: Command, fn: (rt: CliRuntime, ...args: A) => Promise<void>) =>
    async (...args: A) => {
      const ctx = await openContext(program);
      const caller = cliCaller();
      const rt: CliRuntime = {
        ctx,
        out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
        choose: (path, kind) => cliFailure(() => filesOf(ctx).admit(resolve(path), kind, caller.actor)),
        save: (fileId, path) =>
          path
            ? copyFileSync(filesOf(ctx).heldFile(fileId, caller.actor).path, path)
            : void process.stdout.write(filesOf(ctx).heldBytes(fileId, caller.actor)),
        attempt: (channel, input) => dispatch(ctx, caller, channel, input) as never,
        async call(channel, input) {
          const result = await dispatch(ctx, caller, channel, input);
          if (!result.ok) {
            const issues = result.error.details?.issues?.map((i) => `  ${i.path || '(input)'}: ${i.key}`).join('\n');
            throw new CliFailure(
              result.error.code,
              `${result.error.code}: ${result.error.message}${issues ? `\n${issues}` : ''}`,
            );
          }
          return result.value as OutputOf<typeof channel>;
        },
      };
      try {
        await fn(rt, ...args);
      } finally {
        ctx.files?.clear();
        ctx.keys.flushAuditHead();
        ctx.db.close();
      }
    };
