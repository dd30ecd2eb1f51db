import { isAbsolute, resolve } from 'node:path';

export const BUNDLE_EXTENSION = 'tasleem';

/**
 * The exchange bundles named on a command line: what the OS passes when a bundle is double-clicked (Windows, Linux),
 * to the first instance or, through 'second-instance', to the one already running. Switches are not files, and
 * Electron's own arguments (the app path in a checkout) are not bundles.
 */
export function bundlesInArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(`.${BUNDLE_EXTENSION}`))
    .map((a) => (isAbsolute(a) ? a : resolve(cwd, a)));
}
