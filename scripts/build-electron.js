// Bundles main and preload to CommonJS: a sandboxed preload can only require a few modules, so it is bundled whole.
import { build } from 'esbuild';
import { buildWorkers } from './build-workers.js';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['electron', 'better-sqlite3', '@myriaddreamin/typst-ts-node-compiler'] };
await build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist-electron/preload.cjs' });
// Worker threads (electron/services/workers.ts), one file each beside main.cjs.
await buildWorkers('dist-electron');
