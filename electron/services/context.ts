import type { Db } from '../../db/open';
import type { KeyVault } from './signing/vault';

/** Who is acting. Roles are enforced in handlers once accounts land; today there is one implicit local user. */
export interface Caller {
  actor: string;
  role: 'admin' | 'staff' | 'viewer';
}

export interface AppContext {
  db: Db;
  dataDir: string;
  mode: 'desktop' | 'web' | 'cli';
  now: () => Date;
  /** Seals the report-signing key; defaults to the key file / passphrase vault (services/signing/vault.ts). */
  keyVault?: KeyVault;
  /** resources/ (fonts and the Typst document templates); defaults to the source tree's, the desktop app passes its own. */
  resourcesDir?: string;
  /** Where the desktop build put the bundled worker threads (services/workers.ts); absent: run them from source. */
  workersDir?: string;
  /** Desktop: exchange bundles the app was opened with (file association, second launch), oldest first. */
  openedBundles?: string[];
}

export const localCaller = (actor = 'local'): Caller => ({ actor, role: 'admin' });
