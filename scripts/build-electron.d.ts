/** Modules the desktop bundles leave to require() at run time. */
export const EXTERNAL: string[];
/** Bundles main, preload and the workers into `outdir` (default dist-electron), with the licence texts. */
export function buildElectron(outdir?: string): Promise<void>;
