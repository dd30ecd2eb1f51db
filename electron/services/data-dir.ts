import { homedir } from 'node:os';
import { join } from 'node:path';

const APP_DIR = 'Tasleem';

/** Same folder as Electron's app.getPath('userData') for an app named Tasleem, so the CLI finds the app's data. */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.TASLEEM_DATA_DIR) return env.TASLEEM_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR);
}

export const databaseFile = (dataDir: string) => join(dataDir, 'tasleem.db');
