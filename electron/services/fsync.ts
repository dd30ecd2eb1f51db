import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Flushes a file's bytes to the disk, so that a crash after the rename that follows cannot leave it half written. */
export function fsyncPath(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder, so that a rename in it survives a crash. Windows cannot open a folder for this (nor needs to). */
export function fsyncDir(dir: string) {
  if (process.platform !== 'win32') fsyncPath(dir);
}
