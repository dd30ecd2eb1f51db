// Worker threads of the desktop app, bundled one file each as <outdir>/<name>.cjs, which electron/services/workers.ts
// loads when the app passes `workersDir`. The list is electron/services/workers.json, the one workers.ts reads.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const servicesDir = new URL('../electron/services/', import.meta.url);
const WORKERS = JSON.parse(readFileSync(new URL('workers.json', servicesDir), 'utf8'));

/** Bundles every worker into `outdir`; better-sqlite3 stays external (native), as in main.cjs. */
export async function buildWorkers(outdir) {
  for (const [name, entry] of Object.entries(WORKERS)) {
    await build({
      entryPoints: [fileURLToPath(new URL(entry, servicesDir))],
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
