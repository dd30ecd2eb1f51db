export const OUT_DIR: string;
export const ADDON: string;
export interface NativePlan {
  module: string;
  electron: string;
  platform: string;
  arch: string;
}
export function plan(root?: string): NativePlan;
export function isCurrent(root: string, wanted: NativePlan): boolean;
export function buildElectronAddon(root?: string): Promise<NativePlan & { built: boolean }>;
