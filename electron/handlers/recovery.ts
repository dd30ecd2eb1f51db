import { contract, isChannel } from '../api/contract';
import { clipError } from '../api/clip';
import { AppError, fail, ok, type Result } from '../api/result';
import { toFieldIssues } from '../api/schemas/issues';
import type { AppContext } from '../services/context';
import { encryptInRecovery, recoveryStatus, restoreInRecovery, type Recovery } from '../services/recovery';
import { storageErrorCode } from '../services/storage-errors';

/** What a transport does with a call while the database does not open: the answer, and the app once it is back. */
export interface RecoveryAnswer {
  result: Result<unknown>;
  ctx?: AppContext;
}

/**
 * Dispatch in recovery mode: the contract's `recovery:` channels only (validated by the same schemas); every other
 * channel answers RECOVERY_MODE, translated, so no page of the app can half-work on a missing database.
 */
export async function dispatchRecovery(rec: Recovery, channel: string, raw: unknown): Promise<RecoveryAnswer> {
  if (!isChannel(channel)) return { result: fail('UNKNOWN_CHANNEL', `Unknown channel: ${channel}`) };
  if (!channel.startsWith('recovery:'))
    return { result: fail('RECOVERY_MODE', `The database did not open (${rec.code}): only recovery is available`) };
  const parsed = contract[channel].input.safeParse(raw ?? {});
  if (!parsed.success) return { result: fail('VALIDATION', 'Invalid input', { issues: toFieldIssues(parsed.error) }) };
  try {
    if (channel === 'recovery:status') return { result: ok(recoveryStatus(rec)) };
    if (channel === 'recovery:restore') {
      const { ctx, report } = await restoreInRecovery(rec, parsed.data as { name: string } | { path: string });
      return { result: ok(contract[channel].output.parse(report)), ctx };
    }
    const { ctx, plainBackup } = await encryptInRecovery(rec, parsed.data as { username?: string; password?: string });
    return { result: ok({ plainBackup }), ctx };
  } catch (err) {
    if (err instanceof AppError)
      return {
        result: { ok: false, error: clipError({ code: err.code, message: err.message, details: err.details }) },
      };
    const storage = storageErrorCode(err);
    if (storage) return { result: fail(storage, (err as Error).message) };
    console.error(`[tasleem] ${channel} failed in recovery`, err);
    return { result: fail('INTERNAL', 'Internal error') };
  }
}
