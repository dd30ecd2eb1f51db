// Finds the Electron binary without letting the electron package print a failed download's stack trace.
// Returns the path, or null when it is absent and could not be fetched (as on machines without internet).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary({ download = false } = {}) {
  const require = createRequire(import.meta.url);
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const binary = () => {
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const full = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(full) ? full : null;
  };
  if (binary() || !download) return binary();
  spawnSync(process.execPath, [join(pkgDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return binary();
}
