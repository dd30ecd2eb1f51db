/** Bundles the app's worker threads into `outdir` as `<name>.cjs` (see build-workers.js). */
export function buildWorkers(outdir: string): Promise<void>;
