// Bundles main and preload to CommonJS: a sandboxed preload can only require a few modules, so it is bundled whole.
// Also writes the licence texts the About box points to. Run directly: `node scripts/build-electron.js [outdir]`.
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { buildLicenses } from './build-licenses.js';
import { buildWorkers } from './build-workers.js';

/** Left to require() at run time: Electron itself and the native modules (packaged, unpacked from asar). */
export const EXTERNAL = ['electron', 'better-sqlite3', '@myriaddreamin/typst-ts-node-compiler', '@node-rs/argon2'];

export async function buildElectron(outdir = 'dist-electron') {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: EXTERNAL,
    logLevel: 'error',
  };
  await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: `${outdir}/main.cjs` });
  await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: `${outdir}/preload.cjs` });
  // Worker threads (electron/services/workers.ts), one file each beside main.cjs.
  await buildWorkers(outdir);
  buildLicenses(`${outdir}/licenses`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildElectron(process.argv[2]);
