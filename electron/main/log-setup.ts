import type Logger from 'electron-log';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE_NAME = 'main.log';
export const LOG_MAX_BYTES = 2 * 1024 * 1024;
/** main.log plus this many older files (main.1.log newest … main.5.log oldest): ~12 MB at most. */
export const LOG_KEEP = 5;

export const logsDir = (dataDir: string) => join(dataDir, 'logs');
const archived = (file: string, n: number) => file.replace(/\.log$/, `.${n}.log`);

/** Shifts main.log → main.1.log → … → main.N.log; the oldest falls off. Called by electron-log when main.log is full. */
export function rotate(file: string, keep = LOG_KEEP): void {
  rmSync(archived(file, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--)
    if (existsSync(archived(file, n))) renameSync(archived(file, n), archived(file, n + 1));
  if (existsSync(file)) renameSync(file, archived(file, 1));
}

/**
 * The app's log: a rotating file in the data folder (next to the database, so "send us the logs" is one folder),
 * nothing of it in the renderer. Returns the file's path, which error dialogs show.
 */
export function configureFileLog(log: { transports: { file: Logger.FileTransport } }, dataDir: string): string {
  const file = join(logsDir(dataDir), LOG_FILE_NAME);
  const transport = log.transports.file;
  transport.resolvePathFn = () => file;
  transport.maxSize = LOG_MAX_BYTES;
  transport.archiveLogFn = (old: Logger.LogFile) => rotate(old.path);
  transport.level = 'info';
  return file;
}
