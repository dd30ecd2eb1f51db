import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Call at the top of a test file: gives a maker of fresh temp folders, all removed after each test. Registered first,
 * its hook runs after the file's own (vitest runs after-hooks as a stack), so apps are closed before their folder goes.
 */
export function tempDirs(name: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) {
      chmodSync(d, 0o700); // a test may have taken the folder's permissions away
      rmSync(d, { recursive: true, force: true });
    }
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), `tasleem-${name}-`));
    dirs.push(d);
    return d;
  };
}

/** The code of what `fn` throws, or 'no error' when it returns. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
}
