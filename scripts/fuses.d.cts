export const FUSES: Record<string, boolean>;
export function fuseConfig(platform: string, arch: string): Record<string | number, unknown>;
export function packagedBinary(o: {
  appOutDir: string;
  platform: string;
  productFilename: string;
  executableName: string;
}): string;
export function fuseMismatches(binary: string): Promise<string[]>;
export function setFuses(binary: string, platform: string, arch: string): Promise<void>;
