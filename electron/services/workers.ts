import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { AppContext } from './context';
import WORKERS from './workers.json';

// workers.json names each worker thread and its module, relative to this folder: read here to start a thread from
// the sources, and by scripts/build-workers.js to bundle the same threads for the desktop app.
export type WorkerName = keyof typeof WORKERS;

/**
 * Starts a worker thread. The desktop app passes `workersDir`, where scripts/build-electron.js bundles each worker to
 * `<name>.cjs`; the CLI, browser mode and tests run from the TypeScript sources, so the thread loads its module
 * through tsx (a worker does not inherit the loader hooks of the thread that starts it).
 */
export function startWorker(
  ctx: AppContext,
  name: WorkerName,
  workerData: unknown,
  options: Pick<WorkerOptions, 'resourceLimits'> = {},
): Worker {
  if (ctx.workersDir) return new Worker(join(ctx.workersDir, `${name}.cjs`), { ...options, workerData });
  const entry = new URL(WORKERS[name], import.meta.url).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { ...options, eval: true, workerData });
}
