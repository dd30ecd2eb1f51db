// Electron's fuses for the packaged app, and where the packaged binary is. Used by the afterPack hook
// (scripts/after-pack.cjs), by `npm run check:fuses` and by tests/unit/packaging.test.ts. CommonJS because
// electron-builder loads its hooks with require().
const { join } = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = require('@electron/fuses');

/** Every fuse of wire V1, named, with the value the app ships with. */
const FUSES = {
  RunAsNode: false, // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node interpreter
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS could preload code into main
  EnableNodeCliInspectArguments: false, // --inspect would open a debugger on main
  EnableEmbeddedAsarIntegrityValidation: true, // a modified app.asar is refused (macOS, Windows)
  OnlyLoadAppFromAsar: true, // no loose resources/app folder next to the archive is ever run instead
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false, // the app is served from app://tasleem/, file:// needs no privileges
};

/** The @electron/fuses config: every fuse set explicitly, so an Electron upgrade adding one fails the build. */
function fuseConfig(platform, arch) {
  const config = {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
  };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name]] = value;
  return config;
}

/** The Electron binary inside electron-builder's output folder for one platform. */
function packagedBinary({ appOutDir, platform, productFilename, executableName }) {
  if (platform === 'win32') return join(appOutDir, `${productFilename}.exe`);
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${productFilename}.app`);
  return join(appOutDir, executableName);
}

/** The fuses read back from a binary that differ from FUSES, as `Name: expected …, found …` lines. */
async function fuseMismatches(binary) {
  const wire = await getCurrentFuseWire(binary);
  const ENABLE = 49; // '1'; '0' (48) is disabled, 'r' (114) removed
  return Object.entries(FUSES)
    .filter(([name, value]) => (wire[FuseV1Options[name]] === ENABLE) !== value)
    .map(
      ([name, value]) =>
        `${name}: expected ${value ? 'on' : 'off'}, found ${wire[FuseV1Options[name]] === undefined ? 'absent' : String.fromCharCode(wire[FuseV1Options[name]])}`,
    );
}

async function setFuses(binary, platform, arch) {
  await flipFuses(binary, fuseConfig(platform, arch));
  const wrong = await fuseMismatches(binary);
  if (wrong.length) throw new Error(`Fuses not as configured in ${binary}:\n${wrong.join('\n')}`);
}

module.exports = { FUSES, fuseConfig, packagedBinary, fuseMismatches, setFuses };
