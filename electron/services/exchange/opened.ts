import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../api/result';
import { FILE_LIMITS } from '../../api/domain/limits';
import type { AppContext, Caller } from '../context';
import { importBundle } from './merge';

/**
 * Imports the next bundle the desktop app was opened with. The main process only queues paths the OS handed it;
 * the bytes go from the disk to the merge without a trip through the renderer.
 */
export function importOpenedBundle(ctx: AppContext, caller: Caller) {
  const file = ctx.openedBundles?.shift();
  if (!file) return null;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('NOT_FOUND', `No such bundle: ${file}`, { fileName: basename(file) });
  }
  if (size > FILE_LIMITS.bundle)
    throw new AppError('TOO_LARGE', `Bundle over ${FILE_LIMITS.bundle} bytes`, { fileName: basename(file) });
  return { fileName: basename(file), report: importBundle(ctx, caller, readFileSync(file)) };
}
