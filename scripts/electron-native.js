// The SQLite addon built for Electron, beside (not instead of) the one npm built for Node.
//
// One .node file serves one ABI: node_modules/better-sqlite3 stays built for Node (vitest, the CLI, browser mode);
// this script copies whatever package is installed under the name better-sqlite3 (the plain build or the cipher
// build aliased to that name) to .electron-native/build, rebuilds that copy for the installed Electron with
// @electron/rebuild (a prebuilt download when one exists, else a compile against Electron's headers: either needs
// the internet once), and puts the result at .electron-native/better_sqlite3.node. The app started from a checkout
// loads it through better-sqlite3's `nativeBinding` option (db/native-binding.ts). A stamp skips the work while
// neither Electron nor the module changed. Packaged apps do not use it: electron-builder rebuilds node_modules.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const OUT_DIR = '.electron-native';
export const ADDON = `${OUT_DIR}/better_sqlite3.node`;
const STAMP = 'stamp.json';

/** What would be built: the module installed as better-sqlite3 (its real name and version) for this Electron. */
export function plan(root = process.cwd()) {
  const read = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
  const mod = read('node_modules/better-sqlite3/package.json');
  return {
    module: `${mod.name}@${mod.version}`,
    electron: read('node_modules/electron/package.json').version,
    platform: process.platform,
    arch: process.arch,
  };
}

/** True when the addon on disk was built from the same module for the same Electron and machine. */
export function isCurrent(root, wanted) {
  try {
    const stamp = JSON.parse(readFileSync(join(root, OUT_DIR, STAMP), 'utf8'));
    return (
      existsSync(join(root, ADDON)) && ['module', 'electron', 'platform', 'arch'].every((k) => stamp[k] === wanted[k])
    );
  } catch {
    return false;
  }
}

export async function buildElectronAddon(root = process.cwd()) {
  const wanted = plan(root);
  if (isCurrent(root, wanted)) return { built: false, ...wanted };
  const buildPath = join(root, OUT_DIR, 'build');
  rmSync(buildPath, { recursive: true, force: true });
  mkdirSync(join(buildPath, 'node_modules'), { recursive: true });
  writeFileSync(
    join(buildPath, 'package.json'),
    JSON.stringify({ name: 'tasleem-electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }),
  );
  // The Node build inside the copy must not be mistaken for an Electron one.
  cpSync(join(root, 'node_modules/better-sqlite3'), join(buildPath, 'node_modules/better-sqlite3'), {
    recursive: true,
    filter: (src) => !/[\\/]build([\\/]|$)/.test(src.slice(root.length)),
  });
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath,
      electronVersion: wanted.electron,
      arch: wanted.arch,
      onlyModules: ['better-sqlite3'],
      force: true,
    });
    cpSync(join(buildPath, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(root, ADDON));
    writeFileSync(join(root, OUT_DIR, STAMP), JSON.stringify(wanted, null, 2));
  } finally {
    rmSync(buildPath, { recursive: true, force: true });
  }
  return { built: true, ...wanted };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const r = await buildElectronAddon();
    process.stdout.write(`${r.built ? 'built' : 'up to date'}: ${ADDON} (${r.module} for Electron ${r.electron})\n`);
  } catch (err) {
    process.stderr.write(
      `Tasleem: could not build the SQLite module for Electron (${err.message}).\nThis needs the internet once (Electron's headers or a prebuilt binary) and a C++ toolchain for a source build.\n`,
    );
    process.exit(1);
  }
}
