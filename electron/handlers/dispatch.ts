import { keepAuditHead } from '../services/audit/head';
import type { AppContext, Caller } from '../services/context';
import { mayAccess } from '../api/schemas/account';
import { contract, isChannel } from '../api/contract';
import { handlers } from './index';
import { clipError } from '../api/clip';
import { AppError, fail, ok, type Result } from '../api/result';
import { toFieldIssues } from '../api/schemas/issues';
import { storageErrorCode } from '../services/storage-errors';

function sqliteCode(err: unknown): string | undefined {
  const code: unknown = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * The single entry point of every transport: unknown channel, a caller without the channel's role and invalid input
 * are refused before any handler runs; a thrown error never crosses the boundary.
 */
export async function dispatch(
  ctx: AppContext,
  caller: Caller,
  channel: string,
  raw: unknown,
): Promise<Result<unknown>> {
  const r = await run(ctx, caller, channel, raw);
  return r.ok ? r : { ok: false, error: clipError(r.error) };
}

async function run(ctx: AppContext, caller: Caller, channel: string, raw: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', `Unknown channel: ${channel}`);
  const spec = contract[channel];
  if (!mayAccess(caller.role, spec.access)) {
    return caller.role === null
      ? fail('UNAUTHORIZED', 'Sign in first')
      : fail('FORBIDDEN', `${channel} needs the ${spec.access} role`, { needs: spec.access });
  }
  try {
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) return fail('VALIDATION', 'Invalid input', { issues: toFieldIssues(parsed.error) });
    const handler = handlers[channel] as (ctx: AppContext, caller: Caller, input: unknown) => unknown;
    const value = await handler(ctx, caller, parsed.data);
    return ok(spec.output.parse(value));
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.details);
    // The CHECK constraints are the last line of defence; reaching them means a path skipped validation.
    const code = sqliteCode(err);
    if (code?.startsWith('SQLITE_CONSTRAINT')) return fail('VALIDATION', (err as Error).message, { sqlite: code });
    // Another connection (an import's writer thread, a CLI run) holds the write lock past the busy timeout.
    if (code === 'SQLITE_BUSY') return fail('BUSY', 'The database is busy with another write');
    // A full disk or a folder turned read-only under a running app: the transaction rolled back, say why.
    const storage = storageErrorCode(err);
    if (storage) return fail(storage, (err as Error).message);
    console.error(`[tasleem] ${channel} failed`, err);
    return fail('INTERNAL', 'Internal error');
  } finally {
    // Failed calls write audit entries too (a failed sign-in): the head outside the database follows either way.
    keepAuditHead(ctx);
  }
}
