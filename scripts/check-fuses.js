// `npm run check:fuses`: reads the fuses back from every app packaged under release/ (by `npm run dist`).
// Exits 1 on a mismatch; where nothing was packaged (no Electron binary on this machine) it says so and exits 0.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { fuseMismatches } = require('./fuses.cjs');

/** Packaged binaries electron-builder leaves under `dir`: linux-unpacked/tasleem, win-unpacked/Tasleem.exe, mac*\/Tasleem.app. */
export function packagedBinaries(dir = 'release') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((sub) => {
    const candidates = [join(dir, sub, 'tasleem'), join(dir, sub, 'Tasleem.exe'), join(dir, sub, 'Tasleem.app')];
    return candidates.filter((c) => existsSync(c));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const binaries = packagedBinaries();
  if (!binaries.length) {
    process.stdout.write(
      'check:fuses: no packaged app under release/ (run `npm run dist` where the Electron binary is installed); nothing checked.\n',
    );
    process.exit(0);
  }
  let failed = false;
  for (const binary of binaries) {
    const wrong = await fuseMismatches(binary);
    process.stdout.write(
      wrong.length ? `✗ ${binary}\n  ${wrong.join('\n  ')}\n` : `✓ ${binary}: every fuse as configured\n`,
    );
    failed ||= wrong.length > 0;
  }
  process.exit(failed ? 1 : 0);
}
