// `npm run dist [-- --win|--linux|--mac]`: electron-builder with code signing OFF unless TASLEEM_SIGN=1.
// Signing then uses electron-builder's own variables: CSC_LINK + CSC_KEY_PASSWORD (a .p12/.pfx for macOS or
// Windows; WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD for a separate Windows certificate), and for macOS notarization
// APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID. Unsigned is the default so that a machine holding a
// certificate never signs a test build by accident.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const SIGNING_VARS = ['CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'CSC_NAME'];

/** electron-builder's arguments and environment for this run. */
export function builderInvocation(env, extraArgs = []) {
  const args = ['--config', 'electron-builder.yml', '--publish', 'never', ...extraArgs];
  if (env.TASLEEM_SIGN !== '1') {
    const unsigned = { ...env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
    for (const v of SIGNING_VARS) delete unsigned[v];
    return { args: [...args, '-c.mac.identity=null'], env: unsigned, signed: false };
  }
  const notarize = Boolean(env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID);
  return { args: [...args, `-c.mac.notarize=${notarize}`], env, signed: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { args, env, signed } = builderInvocation(process.env, process.argv.slice(2));
  process.stdout.write(
    `electron-builder ${args.join(' ')} (${signed ? 'signed' : 'unsigned: set TASLEEM_SIGN=1 to sign'})\n`,
  );
  const r = spawnSync('npx', ['electron-builder', ...args], { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}
