// Worker threads of the desktop app, bundled one file each as <outdir>/<name>.cjs, which electron/services/workers.ts
// loads when the app passes `workersDir`. The names and modules here are the ones listed there.
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKERS = {
  'import-writer': '../electron/services/import/writer-thread.ts',
  'xlsx-reader': '../electron/services/import/xlsx-thread.ts',
};

/** Bundles every worker into `outdir`; better-sqlite3 stays external (native), as in main.cjs. */
export async function buildWorkers(outdir) {
  for (const [name, entry] of Object.entries(WORKERS)) {
    await build({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
      outfile: join(outdir, `${name}.cjs`),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      external: ['electron', 'better-sqlite3'],
      logLevel: 'error',
    });
  }
}
