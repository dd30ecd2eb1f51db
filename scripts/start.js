// `npm start`: the desktop app. Where the Electron binary is missing and cannot be downloaded, say so plainly
// and point to browser mode instead of printing a stack trace.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.js';

const electron = electronBinary({ download: true });
if (!electron) {
  process.stderr.write(
    'Tasleem: the Electron binary is not installed on this machine and could not be downloaded, so the desktop\n' +
      'window cannot open. Use browser mode instead, which serves the same app on this computer only:\n\n' +
      '    npm run web\n\nand open the address it prints.\n',
  );
  process.exit(1);
}
const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(electron, ['.'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
