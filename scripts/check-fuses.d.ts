export function packagedBinaries(dir?: string): string[];
