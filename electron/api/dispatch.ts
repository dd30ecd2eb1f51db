import type { AppContext, Caller } from '../services/context';
import { contract, isChannel } from './contract';
import { handlers } from './handlers/index';
import { AppError, fail, ok, type Result } from './result';
import { toFieldIssues } from './schemas/issues';

function isSqliteConstraint(err: unknown): err is Error & { code: string } {
  const code: unknown = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * The single entry point of every transport: unknown channel and invalid input are refused before any handler
 * runs; a thrown error never crosses the boundary.
 */
export async function dispatch(ctx: AppContext, caller: Caller, channel: string, raw: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('UNKNOWN_CHANNEL', `Unknown channel: ${channel}`);
  const spec = contract[channel];
  const parsed = spec.input.safeParse(raw ?? {});
  if (!parsed.success) return fail('VALIDATION', 'Invalid input', { issues: toFieldIssues(parsed.error) });
  try {
    const handler = handlers[channel] as (ctx: AppContext, caller: Caller, input: unknown) => unknown;
    const value = await handler(ctx, caller, parsed.data);
    return ok(spec.output.parse(value));
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.details);
    // The CHECK constraints are the last line of defence; reaching them means a path skipped validation.
    if (isSqliteConstraint(err)) return fail('VALIDATION', err.message, { sqlite: err.code });
    console.error(`[tasleem] ${channel} failed`, err);
    return fail('INTERNAL', 'Internal error');
  }
}
