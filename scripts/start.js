// `npm start`: the desktop app from a checkout. On a machine with internet it fetches the Electron binary (once),
// builds the bundles, builds the SQLite module for Electron beside Node's (scripts/electron-native.js, once per
// Electron/module version) and starts the app with it. Where the Electron binary is missing and cannot be
// downloaded, it says so plainly and points to browser mode instead of printing a stack trace.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { electronBinary } from './electron-binary.js';
import { ADDON } from './electron-native.js';

const electron = electronBinary({ download: true });
if (!electron) {
  process.stderr.write(
    'Tasleem: the Electron binary is not installed on this machine and could not be downloaded, so the desktop\n' +
      'window cannot open. Use browser mode instead, which serves the same app on this computer only:\n\n' +
      '    npm run web\n\nand open the address it prints.\n',
  );
  process.exit(1);
}
for (const step of [
  ['npm', ['run', '-s', 'build']],
  [process.execPath, ['scripts/electron-native.js']],
]) {
  const r = spawnSync(step[0], step[1], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(electron, ['.', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TASLEEM_SQLITE_BINDING: resolve(ADDON) },
});
process.exit(r.status ?? 0);
