import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { AppContext } from './context';

/** Worker threads by name and the module each runs; scripts/build-workers.js bundles the same list for the desktop. */
const WORKERS = {
  'import-writer': './import/writer-thread.ts',
  'xlsx-reader': './import/xlsx-thread.ts',
} as const;
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
