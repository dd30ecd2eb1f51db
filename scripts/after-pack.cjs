// electron-builder afterPack hook: flips the fuses (scripts/fuses.cjs) in the packaged binary before it is signed
// and put into an installer, then reads them back and fails the build if any is not as configured.
const { packagedBinary, setFuses } = require('./fuses.cjs');

const ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

exports.default = async function afterPack(context) {
  const binary = packagedBinary({
    appOutDir: context.appOutDir,
    platform: context.electronPlatformName,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName,
  });
  await setFuses(binary, context.electronPlatformName, ARCH[context.arch]);
  console.log(`  • fuses set and verified in ${binary}`);
};
