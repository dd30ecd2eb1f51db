// Browser mode's server bundled as the desktop app bundles its main process (scripts/build-electron.js), with its
// worker threads beside it: node then runs it without a TypeScript loader, whose own thread, transform cache and source
// maps held ~60 MB of the server's memory (tests/bench/memory.bench.ts). Each source file keeps its own URL as
// import.meta.url, so what it finds beside itself (dist/renderer, db/migrations, resources) is the checkout's, as under
// tsx. `npm run web` builds and starts it; run directly: `node scripts/build-web.js [outdir]`.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXTERNAL } from './build-electron.js';
import { buildWorkers } from './build-workers.js';

const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path.includes('node_modules')) return undefined;
      const source = await readFile(path, 'utf8');
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)), loader: 'ts' };
    });
  },
};

export async function buildWeb(outdir = 'dist-web') {
  const dir = resolve(outdir);
  await build({
    entryPoints: ['electron/web/start.ts'],
    outfile: join(dir, 'server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...EXTERNAL, 'tsx'],
    plugins: [keepImportMetaUrl],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    define: { __WORKERS_DIR__: JSON.stringify(dir) },
    logLevel: 'error',
  });
  await buildWorkers(dir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildWeb(process.argv[2]);
