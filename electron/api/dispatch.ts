import type { z } from 'zod';
import type { AppContext, Caller } from '../services/context';
import { contract, isChannel } from './contract';
import { handlers } from './handlers/index';
import { AppError, fail, ok, type FieldIssue, type Result } from './result';

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), key: issueKey(i) }));
}

/** Our schemas carry i18n keys as messages; zod's own messages (type errors and the like) map to generic keys. */
function issueKey(issue: z.core.$ZodIssue): string {
  if (/^[a-z_]+$/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid_type';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'too_big':
      return 'too_large';
    case 'too_small':
      return 'too_small';
    default:
      return 'invalid';
  }
}

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
